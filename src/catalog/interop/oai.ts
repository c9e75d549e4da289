/**
 * OAI-PMH 2.0 repository over the union catalogue: six verbs, oai_dc and marc21 (MARCXML), datestamps
 * from updated_at (UTC, seconds), persistent deleted records, 100 records a page with stateless
 * resumption tokens that carry the cursor (last updated_at + id), and a set per library (oai-sets.ts).
 */
import { and, asc, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { bibRecords as R } from '../catalog.tables';
import { MARCXML_NS } from '../marc';
import {
  OaiError,
  checkArguments,
  datestamp,
  decodeToken,
  encodeToken,
  isVerb,
  parseDate,
  untilExclusive,
  type ListState,
  type OaiParams,
  type OaiVerb,
} from './oai-args';
import {
  OAI_DC_NS,
  XSI_NS,
  dublinCoreXml,
  findInteropRecord,
  interopColumns,
  marc21Of,
  marcRecordXml,
  type InteropRecord,
} from './record-xml';
import { listSets, setCondition, setSpecsColumn, setSpecsOf } from './oai-sets';
import { XmlWriter } from './xml';

export type { OaiParams } from './oai-args';

export const OAI_PAGE_SIZE = 100;
const OAI_NS = 'http://www.openarchives.org/OAI/2.0/';

const FORMATS: Record<string, { schema: string; namespace: string; xml: (r: InteropRecord) => string }> = {
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', namespace: OAI_DC_NS, xml: dublinCoreXml },
  marc21: {
    schema: 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd',
    namespace: MARCXML_NS,
    xml: (r) => marcRecordXml(marc21Of(r), 'marc21'),
  },
};

export interface OaiRepository {
  baseUrl: string;
  repositoryId: string;
  adminEmail?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function identifierOf(repo: OaiRepository, id: string) {
  return `oai:${repo.repositoryId}:${id}`;
}

/** The record's uuid from `oai:<repository>:<uuid>`, or idDoesNotExist. */
function recordIdOf(identifier: string): string {
  const match = /^oai:[^:]+:(.+)$/.exec(identifier);
  if (!match || !UUID.test(match[1]!)) throw new OaiError('idDoesNotExist', `No such record: ${identifier}`);
  return match[1]!.toLowerCase();
}

function formatOf(prefix: string) {
  const format = Object.hasOwn(FORMATS, prefix) ? FORMATS[prefix] : undefined;
  if (!format) throw new OaiError('cannotDisseminateFormat', `Unsupported metadataPrefix: ${prefix}`);
  return format;
}

type OaiRecord = InteropRecord & { sets: string[] };

function writeHeader(w: XmlWriter, repo: OaiRepository, r: OaiRecord) {
  w.start('header', r.isDeleted ? { status: 'deleted' } : undefined);
  w.leaf('identifier', identifierOf(repo, r.id));
  w.leaf('datestamp', datestamp(r.updatedAt));
  for (const set of r.sets) w.leaf('setSpec', set);
  w.end();
}

function writeRecord(w: XmlWriter, repo: OaiRepository, r: OaiRecord, prefix: string) {
  w.start('record');
  writeHeader(w, repo, r);
  if (!r.isDeleted) w.start('metadata').raw(formatOf(prefix).xml(r)).end();
  w.end();
}

async function identify(w: XmlWriter, db: Db, repo: OaiRepository) {
  const [row] = await db.select({ earliest: sql<string | null>`min(${R.updatedAt})::text` }).from(R);
  const earliest = row?.earliest ? new Date(row.earliest) : new Date();
  w.start('Identify');
  w.leaf('repositoryName', 'Kitepkana union catalogue');
  w.leaf('baseURL', repo.baseUrl);
  w.leaf('protocolVersion', '2.0');
  // adminEmail is mandatory in Identify: without a configured address, the repository's own domain.
  w.leaf(
    'adminEmail',
    repo.adminEmail ?? `admin@${repo.repositoryId.includes('.') ? repo.repositoryId : 'localhost.localdomain'}`,
  );
  w.leaf('earliestDatestamp', datestamp(earliest));
  w.leaf('deletedRecord', 'persistent');
  w.leaf('granularity', 'YYYY-MM-DDThh:mm:ssZ');
  w.end();
}

async function listMetadataFormats(w: XmlWriter, db: Db, args: Record<string, string>) {
  if (args.identifier !== undefined && !(await findInteropRecord(db, recordIdOf(args.identifier)))) {
    throw new OaiError('idDoesNotExist', `No such record: ${args.identifier}`);
  }
  w.start('ListMetadataFormats');
  for (const [prefix, f] of Object.entries(FORMATS)) {
    w.start('metadataFormat')
      .leaf('metadataPrefix', prefix)
      .leaf('schema', f.schema)
      .leaf('metadataNamespace', f.namespace)
      .end();
  }
  w.end();
}

async function getRecord(w: XmlWriter, db: Db, repo: OaiRepository, args: Record<string, string>) {
  const prefix = args.metadataPrefix!;
  const record = await findInteropRecord(db, recordIdOf(args.identifier!));
  if (!record) throw new OaiError('idDoesNotExist', `No such record: ${args.identifier}`);
  formatOf(prefix);
  w.start('GetRecord');
  writeRecord(w, repo, { ...record, sets: await setSpecsOf(db, record.id) }, prefix);
  w.end();
}

function listState(args: Record<string, string>): ListState {
  if (args.resumptionToken !== undefined) {
    const state = decodeToken(args.resumptionToken);
    if (!Object.hasOwn(FORMATS, state.metadataPrefix))
      throw new OaiError('badResumptionToken', 'The resumptionToken is invalid');
    return state;
  }
  formatOf(args.metadataPrefix!);
  const from = parseDate('from', args.from);
  const until = parseDate('until', args.until);
  if (from && until && from.granularity !== until.granularity) {
    throw new OaiError('badArgument', 'from and until must have the same granularity');
  }
  if (from && until && from.date > until.date) throw new OaiError('badArgument', 'from is later than until');
  return { metadataPrefix: args.metadataPrefix!, from: args.from, until: args.until, set: args.set, cursor: 0 };
}

async function listRecords(w: XmlWriter, db: Db, repo: OaiRepository, verb: OaiVerb, args: Record<string, string>) {
  const state = listState(args);
  const filters: SQL[] = [];
  const from = parseDate('from', state.from);
  const until = parseDate('until', state.until);
  if (from) filters.push(gte(R.updatedAt, from.date));
  if (until) filters.push(lt(R.updatedAt, untilExclusive(until)));
  if (state.set !== undefined) filters.push(await setCondition(db, state.set));
  const page: SQL[] = [...filters];
  if (state.after)
    page.push(sql`(${R.updatedAt}, ${R.id}) > (${state.after.updatedAt}::timestamptz, ${state.after.id}::uuid)`);
  const rows = (await db
    .select({ ...interopColumns, sets: setSpecsColumn, stamp: sql<string>`${R.updatedAt}::text` })
    .from(R)
    .where(and(...page))
    .orderBy(asc(R.updatedAt), asc(R.id))
    .limit(OAI_PAGE_SIZE + 1)) as (OaiRecord & { stamp: string })[];
  if (rows.length === 0) {
    if (state.after) throw new OaiError('badResumptionToken', 'The resumptionToken no longer matches any records');
    throw new OaiError('noRecordsMatch', 'No records match the request');
  }
  const more = rows.length > OAI_PAGE_SIZE;
  const shown = rows.slice(0, OAI_PAGE_SIZE);
  w.start(verb);
  for (const r of shown) {
    if (verb === 'ListIdentifiers') writeHeader(w, repo, r);
    else writeRecord(w, repo, r, state.metadataPrefix);
  }
  if (more || state.cursor > 0) {
    const [counted] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(R)
      .where(and(...filters));
    const attrs = { completeListSize: counted?.n ?? 0, cursor: state.cursor };
    const last = shown[shown.length - 1]!;
    const token = more
      ? encodeToken({ ...state, after: { updatedAt: last.stamp, id: last.id }, cursor: state.cursor + shown.length })
      : '';
    w.leaf('resumptionToken', token, attrs);
  }
  w.end();
}

/** Answers one OAI-PMH request with an XML document; protocol errors are answered as <error>. */
export async function handleOai(db: Db, repo: OaiRepository, params: OaiParams): Promise<string> {
  const w = new XmlWriter();
  w.start('OAI-PMH', {
    xmlns: OAI_NS,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': `${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`,
  });
  w.leaf('responseDate', datestamp(new Date()));
  const verb = params.verb;
  let args: Record<string, string>;
  try {
    if (typeof verb !== 'string' || !isVerb(verb)) {
      throw new OaiError(
        'badVerb',
        verb === undefined ? 'The verb argument is missing' : `Illegal verb: ${String(verb)}`,
      );
    }
    args = checkArguments(verb, params);
  } catch (error) {
    if (!(error instanceof OaiError)) throw error;
    // After badVerb or badArgument the request element carries no attributes.
    w.leaf('request', repo.baseUrl).leaf('error', error.message, { code: error.code }).end();
    return w.toString();
  }
  const body = new XmlWriter();
  try {
    if (verb === 'Identify') await identify(body, db, repo);
    else if (verb === 'ListMetadataFormats') await listMetadataFormats(body, db, args);
    else if (verb === 'ListSets') {
      // The list is sent whole, so no token of ours can exist.
      if (args.resumptionToken) throw new OaiError('badResumptionToken', 'The resumptionToken is invalid');
      await listSets(body, db);
    }
    else if (verb === 'GetRecord') await getRecord(body, db, repo, args);
    else await listRecords(body, db, repo, verb, args);
  } catch (error) {
    if (!(error instanceof OaiError)) throw error;
    const attrs = error.code === 'badArgument' ? undefined : { verb, ...args };
    w.leaf('request', repo.baseUrl, attrs).leaf('error', error.message, { code: error.code }).end();
    return w.toString();
  }
  w.leaf('request', repo.baseUrl, { verb, ...args });
  return w.raw(body.fragment()).end().toString();
}
