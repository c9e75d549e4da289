/** SRU response documents: 1.2 (http://www.loc.gov/zing/srw/) and 2.0 (OASIS searchRetrieve). */
import { EXPLAIN_INDEXES } from './cql-sql';
import { XmlWriter } from './xml';

export type SruVersion = '1.2' | '2.0';

export interface SruDiagnostic {
  code: number;
  details?: string;
  message: string;
}

export interface SruRecord {
  schema: string;
  xml: string;
  position: number;
}

export interface SchemaInfo {
  name: string;
  identifier: string;
  title: string;
}

export const SRU_SCHEMAS: SchemaInfo[] = [
  { name: 'marcxml', identifier: 'info:srw/schema/1/marcxml-v1.1', title: 'MARCXML (MARC 21 slim)' },
  { name: 'rusmarc', identifier: 'info:srw/schema/1/rusmarc', title: 'RUSMARC in MARCXML syntax' },
  { name: 'dc', identifier: 'info:srw/schema/1/dc-v1.1', title: 'Dublin Core (oai_dc)' },
];

const NS: Record<SruVersion, { sru: string; diag: string; prefix: string }> = {
  '1.2': { sru: 'http://www.loc.gov/zing/srw/', diag: 'http://www.loc.gov/zing/srw/diagnostic/', prefix: 'zs' },
  '2.0': {
    sru: 'http://docs.oasis-open.org/ns/search-ws/sruResponse',
    diag: 'http://docs.oasis-open.org/ns/search-ws/diagnostic',
    prefix: 'sruResponse',
  },
};

function writeDiagnostics(w: XmlWriter, version: SruVersion, diagnostics: SruDiagnostic[]) {
  if (diagnostics.length === 0) return;
  const p = NS[version].prefix;
  w.start(`${p}:diagnostics`);
  for (const d of diagnostics) {
    w.start('diag:diagnostic', { 'xmlns:diag': NS[version].diag });
    w.leaf('diag:uri', `info:srw/diagnostic/1/${d.code}`);
    if (d.details !== undefined) w.leaf('diag:details', d.details);
    w.leaf('diag:message', d.message);
    w.end();
  }
  w.end();
}

/**
 * How a record's XML goes into recordData: as XML, or escaped into a string (SRU 1.2's recordPacking,
 * SRU 2.0's recordXMLEscaping), for clients that cannot take foreign XML inside the response.
 */
export type RecordEscaping = 'xml' | 'string';

function writeRecordHead(w: XmlWriter, version: SruVersion, schema: string, escaping: RecordEscaping) {
  const p = NS[version].prefix;
  w.leaf(`${p}:recordSchema`, schema);
  if (version === '1.2') w.leaf(`${p}:recordPacking`, escaping);
  else {
    w.leaf(`${p}:recordPacking`, 'packed');
    w.leaf(`${p}:recordXMLEscaping`, escaping);
  }
}

function writeRecordData(w: XmlWriter, version: SruVersion, xml: string, escaping: RecordEscaping) {
  const name = `${NS[version].prefix}:recordData`;
  if (escaping === 'string') w.leaf(name, xml);
  else w.start(name).raw(xml).end();
}

export interface SearchResponse {
  version: SruVersion;
  numberOfRecords: number;
  records: SruRecord[];
  nextRecordPosition?: number;
  diagnostics: SruDiagnostic[];
  escaping?: RecordEscaping;
}

export function searchRetrieveXml(r: SearchResponse): string {
  const { prefix: p, sru } = NS[r.version];
  const w = new XmlWriter();
  w.start(`${p}:searchRetrieveResponse`, { [`xmlns:${p}`]: sru });
  w.leaf(`${p}:version`, r.version);
  w.leaf(`${p}:numberOfRecords`, r.numberOfRecords);
  if (r.records.length) {
    w.start(`${p}:records`);
    for (const record of r.records) {
      w.start(`${p}:record`);
      writeRecordHead(w, r.version, record.schema, r.escaping ?? 'xml');
      writeRecordData(w, r.version, record.xml, r.escaping ?? 'xml');
      w.leaf(`${p}:recordPosition`, record.position);
      w.end();
    }
    w.end();
  }
  if (r.nextRecordPosition !== undefined) w.leaf(`${p}:nextRecordPosition`, r.nextRecordPosition);
  writeDiagnostics(w, r.version, r.diagnostics);
  w.end();
  return w.toString();
}

export interface ExplainContext {
  version: SruVersion;
  host: string;
  port: number;
  title: string;
}

const ZEEREX_NS = 'http://explain.z3950.org/dtd/2.0/';

/** Queries this server answers, shown in explain's searchInfo. */
const QUERY_EXAMPLES = ['dc.title = манас', 'dc.creator = Айтматов and dc.title all "белый пароход"'];

/** YAZ's Prefix Query Format, accepted in SRU 2.0 as queryType=pqf (pqf.ts). */
export const PQF_QUERY_TYPE = {
  name: 'pqf',
  uri: 'https://software.indexdata.com/yaz/doc/tools.html#PQF',
  note:
    'Bib-1 use attributes 4 (title), 1, 1003, 1004 (author), 21 (subject), 7 (ISBN), 1016, 1017 (any); ' +
    'relation 2=3, right truncation 5=1; @and, @or, @not',
};

/**
 * The searchInfo that the OASIS explain schema (sru-2.0/explain.xsd) requires between indexInfo and
 * schemaInfo. It lists query types other than CQL: PQF, which only SRU 2.0 has a parameter for (1.2
 * clients send it as x-pquery).
 */
function writeSearchInfo(w: XmlWriter, version: SruVersion) {
  w.start('searchInfo');
  for (const example of QUERY_EXAMPLES) w.leaf('queryExample', example);
  if (version === '2.0') {
    w.start('queryType');
    w.leaf('queryTypeName', PQF_QUERY_TYPE.name).leaf('URI', PQF_QUERY_TYPE.uri);
    w.leaf('otherInformation', PQF_QUERY_TYPE.note);
    w.end();
  }
  w.end();
}

/** The ZeeRex record, in the order explain.xsd gives its elements. */
function writeZeeRex(w: XmlWriter, c: ExplainContext) {
  w.start('explain', { xmlns: ZEEREX_NS });
  w.start('serverInfo', { protocol: 'SRU', version: c.version });
  w.leaf('host', c.host).leaf('port', c.port).leaf('database', 'sru');
  w.end();
  w.start('databaseInfo').leaf('title', c.title, { lang: 'en', primary: 'true' }).end();
  w.start('indexInfo');
  w.empty('set', { name: 'dc', identifier: 'info:srw/cql-context-set/1/dc-v1.1' });
  w.empty('set', { name: 'cql', identifier: 'info:srw/cql-context-set/1/cql-v1.2' });
  for (const [set, name, title] of EXPLAIN_INDEXES) {
    w.start('index', { search: 'true', scan: 'false', sort: 'false' });
    w.leaf('title', title);
    w.start('map').leaf('name', name, { set }).end();
    w.end();
  }
  w.end();
  writeSearchInfo(w, c.version);
  w.start('schemaInfo');
  for (const s of SRU_SCHEMAS) {
    w.start('schema', { identifier: s.identifier, name: s.name, retrieve: 'true', sort: 'false' });
    w.leaf('title', s.title);
    w.end();
  }
  w.end();
  w.start('configInfo');
  w.leaf('default', 10, { type: 'numberOfRecords' });
  w.leaf('default', 'marcxml', { type: 'recordSchema' });
  w.leaf('setting', 100, { type: 'maximumRecords' });
  w.leaf('supports', '=', { type: 'relation' });
  for (const relation of ['adj', 'all', 'any', 'exact', '==']) w.leaf('supports', relation, { type: 'relation' });
  w.leaf('supports', 'and', { type: 'booleanOperator' });
  w.leaf('supports', 'or', { type: 'booleanOperator' });
  w.leaf('supports', 'not', { type: 'booleanOperator' });
  w.end();
  w.end();
}

export function explainXml(
  c: ExplainContext,
  diagnostics: SruDiagnostic[] = [],
  escaping: RecordEscaping = 'xml',
): string {
  const { prefix: p, sru } = NS[c.version];
  const w = new XmlWriter();
  w.start(`${p}:explainResponse`, { [`xmlns:${p}`]: sru });
  w.leaf(`${p}:version`, c.version);
  w.start(`${p}:record`);
  writeRecordHead(w, c.version, ZEEREX_NS, escaping);
  const zeeRex = new XmlWriter();
  writeZeeRex(zeeRex, c);
  writeRecordData(w, c.version, zeeRex.fragment(), escaping);
  w.end();
  writeDiagnostics(w, c.version, diagnostics);
  w.end();
  return w.toString();
}

/**
 * A scan request, which this server does not answer: a scanResponse carrying diagnostic 4, so that a
 * client shows "unsupported operation" rather than an Explain record it did not ask for. SRU 2.0 keeps
 * scan in a namespace of its own, without a version element.
 */
export function unsupportedScanXml(version: SruVersion): string {
  const [p, ns] =
    version === '2.0'
      ? ['scan', 'http://docs.oasis-open.org/ns/search-ws/scan']
      : [NS[version].prefix, NS[version].sru];
  const w = new XmlWriter();
  w.start(`${p}:scanResponse`, { [`xmlns:${p}`]: ns });
  if (version === '1.2') w.leaf(`${p}:version`, version);
  w.start(`${p}:diagnostics`);
  w.start('diag:diagnostic', { 'xmlns:diag': NS[version].diag });
  w.leaf('diag:uri', 'info:srw/diagnostic/1/4');
  w.leaf('diag:details', 'scan');
  w.leaf('diag:message', 'Unsupported operation: scan');
  w.end();
  w.end();
  w.end();
  return w.toString();
}
