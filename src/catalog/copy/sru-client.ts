/**
 * A small SRU client for copy cataloguing: turns the cataloguer's title/author/ISBN into CQL, asks a
 * remote server (SRU 1.1, 1.2 or 2.0 over HTTP GET) and reads the records with our MARCXML reader.
 */
import { readMarcXmlString, type MarcRecord } from '../marc';
import type { TCopySearch } from './copy.schemas';

export interface SruTarget {
  baseUrl: string;
  database: string;
  recordSchema: string;
  version: string;
}

export interface SruResult {
  total: number;
  records: { position: number; marc: MarcRecord }[];
  /** Records the server sent that our reader refused, with the reason. */
  unreadable: { position: number; reason: string }[];
  /** The server's diagnostics ("info:srw/diagnostic/1/109 Database unavailable"). */
  diagnostics: string[];
}

/**
 * Why a server gave no usable answer: nothing listens there (refused), it did not answer in time,
 * the host name is unknown, the network failed otherwise, something other than SRU answered, or
 * the server answered with an HTTP error (a wrong database, most often).
 */
export type SruFailure = 'refused' | 'timeout' | 'host_unknown' | 'unreachable' | 'not_sru' | 'http';

export class SruClientError extends Error {
  constructor(
    public readonly failure: SruFailure,
    message: string,
    /** The HTTP status, for an 'http' failure. */
    public readonly status: number | null = null,
  ) {
    super(message);
  }
}

/** The system's error codes of a failed connection → what the librarian is told. */
const CONNECTION_FAILURES: Record<string, SruFailure> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'refused',
  ETIMEDOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  ENOTFOUND: 'host_unknown',
  EAI_AGAIN: 'host_unknown',
};

/** A failed fetch (its cause holds the system's code) as an SruClientError. */
function connectionFailure(error: unknown): SruClientError {
  if (!(error instanceof Error)) return new SruClientError('unreachable', String(error));
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return new SruClientError('timeout', error.message);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const failure = (cause?.code && CONNECTION_FAILURES[cause.code]) || 'unreachable';
  return new SruClientError(failure, cause?.message ?? error.message);
}

/** A CQL term in quotes; masking characters and quotes are escaped so they are searched literally. */
export function cqlTerm(value: string): string {
  return `"${value.replace(/[\\"*?^]/g, (c) => `\\${c}`)}"`;
}

/** title → dc.title all "…", author → dc.creator all "…", ISBN → dc.identifier = digits, joined with and. */
export function buildCql(q: Pick<TCopySearch, 'title' | 'author' | 'isbn'>): string {
  const clauses: string[] = [];
  if (q.title.trim()) clauses.push(`dc.title all ${cqlTerm(q.title.trim())}`);
  if (q.author.trim()) clauses.push(`dc.creator all ${cqlTerm(q.author.trim())}`);
  const isbn = q.isbn.replace(/[^0-9Xx]/g, '').toUpperCase();
  if (isbn) clauses.push(`dc.identifier=${cqlTerm(isbn)}`);
  return clauses.join(' and ');
}

export function searchUrl(target: SruTarget, query: string, start: number, max: number): string {
  const base = target.baseUrl.replace(/\/+$/, '');
  const url = new URL(target.database ? `${base}/${encodeURIComponent(target.database)}` : base);
  url.searchParams.set('version', target.version);
  url.searchParams.set('operation', 'searchRetrieve');
  url.searchParams.set('query', query);
  url.searchParams.set('startRecord', String(start));
  url.searchParams.set('maximumRecords', String(max));
  url.searchParams.set('recordSchema', target.recordSchema);
  // SRU 1.x names the packing recordPacking; 2.0 calls it recordXMLEscaping (and keeps recordPacking for another meaning).
  url.searchParams.set(target.version === '2.0' ? 'recordXMLEscaping' : 'recordPacking', 'xml');
  return url.toString();
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()] ?? m;
  });

/** Parses a searchRetrieveResponse of any SRU version (the element names are the same, the namespaces differ). */
export function parseSearchResponse(xml: string, start: number): SruResult {
  if (!/searchRetrieveResponse/.test(xml)) throw new SruClientError('not_sru', 'not an SRU searchRetrieve response');
  const total = Number(/<(?:\w+:)?numberOfRecords>\s*(\d+)\s*</.exec(xml)?.[1] ?? 0);
  const diagnostics = [...xml.matchAll(/<(?:\w+:)?diagnostic\b[^>]*>([\s\S]*?)<\/(?:\w+:)?diagnostic>/g)].map((m) => {
    const body = m[1]!;
    const uri = /<(?:\w+:)?uri>([^<]*)</.exec(body)?.[1] ?? '';
    const details = /<(?:\w+:)?details>([^<]*)</.exec(body)?.[1] ?? '';
    const message = /<(?:\w+:)?message>([^<]*)</.exec(body)?.[1] ?? '';
    return unescapeXml([uri, message, details].filter(Boolean).join(' '));
  });
  const records: SruResult['records'] = [];
  const unreadable: SruResult['unreadable'] = [];
  // recordData never nests, so each one is cut out as it is; positions are read in the same order.
  const datas = [...xml.matchAll(/<(?:\w+:)?recordData>([\s\S]*?)<\/(?:\w+:)?recordData>/g)].map((m) => m[1]!);
  const positions = [...xml.matchAll(/<(?:\w+:)?recordPosition>\s*(\d+)/g)].map((m) => Number(m[1]));
  datas.forEach((data, i) => {
    const position = positions.length === datas.length ? positions[i]! : start + i;
    // recordPacking=string (or a server that ignores our packing): the MARCXML arrives escaped.
    const marcXml = data.trimStart().startsWith('&lt;') ? unescapeXml(data) : data;
    // A surrogate diagnostic stands in for a record the server could not send; it is listed above.
    if (/<(?:\w+:)?diagnostic\b/.test(marcXml)) return;
    const items = readMarcXmlString(marcXml);
    const marc = items.find((item): item is MarcRecord => !(item instanceof Error));
    if (marc) records.push({ position, marc });
    else unreadable.push({ position, reason: items[0] instanceof Error ? items[0].message : 'no MARC record in recordData' });
  });
  return { total, records, unreadable, diagnostics };
}

/** Asks the server; network failures, timeouts and non-SRU answers become SruClientError. */
export async function searchSru(target: SruTarget, query: string, start: number, max: number, timeoutMs = 15_000): Promise<SruResult> {
  const url = searchUrl(target, query, start, max);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'text/xml, application/xml' } });
  } catch (error) {
    throw connectionFailure(error);
  }
  const text = await response.text().catch((error: unknown) => {
    throw connectionFailure(error);
  });
  if (!response.ok && !/searchRetrieveResponse/.test(text)) throw new SruClientError('http', `HTTP ${response.status}`, response.status);
  return parseSearchResponse(text, start);
}
