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

export class SruClientError extends Error {}

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
  if (!/searchRetrieveResponse/.test(xml)) throw new SruClientError('not an SRU searchRetrieve response');
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
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new SruClientError(reason);
  }
  const text = await response.text();
  if (!response.ok && !/searchRetrieveResponse/.test(text)) throw new SruClientError(`HTTP ${response.status}`);
  return parseSearchResponse(text, start);
}
