/**
 * SRU 1.2 and 2.0 (explain, searchRetrieve) over the union catalogue. A request without `version`
 * is answered in 2.0, the version that dropped the parameter; 1.1 and 1.2 requests get 1.2 answers.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { bibRecords as R } from '../catalog.tables';
import { CqlError, parseCql } from './cql';
import { cqlToSql } from './cql-sql';
import { parsePqf } from './pqf';
import { interopColumns, recordXml, type InteropRecord, type RecordSchema } from './record-xml';
import {
  PQF_QUERY_TYPE,
  SRU_SCHEMAS,
  explainXml,
  unsupportedScanXml,
  searchRetrieveXml,
  type RecordEscaping,
  type SruDiagnostic,
  type SruRecord,
  type SruVersion,
} from './sru-response';

export const SRU_DEFAULT_RECORDS = 10;
export const SRU_MAX_RECORDS = 100;

export type SruParams = Record<string, string | undefined>;

export interface SruServer {
  host: string;
  port: number;
  title: string;
}

class Diagnostic extends Error {
  constructor(readonly diagnostic: SruDiagnostic) {
    super(diagnostic.message);
  }
}

const fail = (code: number, details: string, message: string) => new Diagnostic({ code, details, message });

function schemaOf(value: string | undefined): { name: RecordSchema; identifier: string } {
  const wanted = (value ?? 'marcxml').trim();
  const aliases: Record<string, RecordSchema> = {
    marc21: 'marcxml',
    marcxml: 'marcxml',
    'marc21-xml': 'marcxml',
    oai_dc: 'dc',
    dc: 'dc',
    rusmarc: 'rusmarc',
  };
  const found =
    SRU_SCHEMAS.find((s) => s.identifier === wanted || s.name === wanted.toLowerCase()) ??
    SRU_SCHEMAS.find((s) => s.name === aliases[wanted.toLowerCase()]);
  if (!found) throw fail(66, wanted, `Unknown schema for retrieval: ${wanted}`);
  return { name: found.name as RecordSchema, identifier: found.identifier };
}

function positiveInt(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < min) {
    throw fail(6, name, `Unsupported parameter value: ${name}=${value}`);
  }
  return Number(value);
}

/**
 * How records are to be given, or diagnostic 71 (unsupported record packing). SRU 1.2's recordPacking is
 * xml or string; SRU 2.0 renamed that recordXMLEscaping and gave recordPacking a new meaning, packed or
 * unpacked, of which we give packed.
 */
function escapingOf(version: SruVersion, params: SruParams): RecordEscaping {
  const one = (name: string, supported: string[]) => {
    const value = params[name] ?? supported[0]!;
    if (!supported.includes(value))
      throw fail(
        71,
        `${name}=${value}`,
        `Unsupported record packing: ${name}=${value} (only ${supported.join(' or ')})`,
      );
    return value;
  };
  if (version === '1.2') return one('recordPacking', ['xml', 'string']) as RecordEscaping;
  one('recordPacking', ['packed']);
  return one('recordXMLEscaping', ['xml', 'string']) as RecordEscaping;
}

interface Query {
  text: string;
  language: 'cql' | 'pqf';
}

/**
 * The query and its language. SRU 2.0 names the language in queryType: cql (the default) or pqf, which
 * YAZ clients send their PQF as; SRU 1.2 has CQL in `query` and YAZ's PQF in the extension `x-pquery`.
 */
function queryOf(version: SruVersion, params: SruParams): Query {
  const query = params.query?.trim() ? params.query : undefined;
  const pqf = params['x-pquery']?.trim() ? params['x-pquery'] : undefined;
  if (query === undefined && pqf === undefined) throw fail(7, 'query', 'Mandatory parameter not supplied: query');
  const queryType = version === '2.0' ? (params.queryType ?? 'cql') : 'cql';
  if (queryType !== 'cql' && queryType !== PQF_QUERY_TYPE.name)
    throw fail(11, queryType, `Unsupported query type: ${queryType} (only cql and ${PQF_QUERY_TYPE.name})`);
  if (query === undefined) return { text: pqf!, language: 'pqf' };
  return { text: query, language: queryType === 'cql' ? 'cql' : 'pqf' };
}

async function searchRetrieve(db: Db, version: SruVersion, params: SruParams): Promise<string> {
  const empty = (d: SruDiagnostic) => searchRetrieveXml({ version, numberOfRecords: 0, records: [], diagnostics: [d] });
  let where;
  let start: number;
  let maximum: number;
  let schema: { name: RecordSchema; identifier: string };
  let escaping: RecordEscaping;
  try {
    const query = queryOf(version, params);
    start = positiveInt('startRecord', params.startRecord, 1, 1);
    maximum = Math.min(positiveInt('maximumRecords', params.maximumRecords, SRU_DEFAULT_RECORDS, 0), SRU_MAX_RECORDS);
    escaping = escapingOf(version, params);
    schema = schemaOf(params.recordSchema);
    const tree = query.language === 'cql' ? parseCql(query.text) : parsePqf(query.text);
    where = and(eq(R.isDeleted, false), cqlToSql(tree));
  } catch (error) {
    if (error instanceof Diagnostic) return empty(error.diagnostic);
    if (error instanceof CqlError) return empty({ code: error.code, details: error.details, message: error.message });
    throw error;
  }
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(R)
    .where(where);
  const numberOfRecords = counted?.n ?? 0;
  if (start > numberOfRecords && !(numberOfRecords === 0 && start === 1)) {
    return searchRetrieveXml({
      version,
      numberOfRecords,
      records: [],
      diagnostics: [
        {
          code: 61,
          details: String(start),
          message: `First record position out of range: ${start} > ${numberOfRecords}`,
        },
      ],
    });
  }
  const rows =
    maximum === 0
      ? []
      : await db
          .select(interopColumns)
          .from(R)
          .where(where)
          .orderBy(sql`${R.sortTitle} collate "C"`, asc(R.id))
          .offset(start - 1)
          .limit(maximum);
  const records: SruRecord[] = (rows as InteropRecord[]).map((row, i) => ({
    schema: schema.identifier,
    xml: recordXml(row, schema.name),
    position: start + i,
  }));
  const last = start + records.length - 1;
  return searchRetrieveXml({
    version,
    numberOfRecords,
    records,
    nextRecordPosition: records.length > 0 && last < numberOfRecords ? last + 1 : undefined,
    diagnostics: [],
    escaping,
  });
}

/** Answers one SRU request with an XML document (diagnostics included; never throws for bad input). */
export async function handleSru(db: Db, server: SruServer, params: SruParams): Promise<string> {
  const requested = params.version;
  let version: SruVersion;
  if (requested === undefined || requested === '2.0') version = '2.0';
  else if (requested === '1.1' || requested === '1.2') version = '1.2';
  else {
    const v: SruVersion = requested.startsWith('1.') ? '1.2' : '2.0';
    return searchRetrieveXml({
      version: v,
      numberOfRecords: 0,
      records: [],
      diagnostics: [{ code: 5, details: v, message: `Unsupported version: ${requested}` }],
    });
  }
  const operation =
    params.operation ?? (params.query !== undefined || params['x-pquery'] !== undefined ? 'searchRetrieve' : 'explain');
  if (operation === 'searchRetrieve') return searchRetrieve(db, version, params);
  const context = { version, ...server };
  if (operation === 'explain') {
    try {
      return explainXml(context, [], escapingOf(version, params));
    } catch (error) {
      if (error instanceof Diagnostic) return explainXml(context, [error.diagnostic]);
      throw error;
    }
  }
  if (operation === 'scan') return unsupportedScanXml(version);
  return explainXml(context, [{ code: 4, details: operation, message: `Unsupported operation: ${operation}` }]);
}
