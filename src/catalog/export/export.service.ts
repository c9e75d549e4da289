/**
 * Exporting records as ISO 2709 or MARCXML (UTF-8), in RUSMARC or MARC 21 whatever the format each
 * record was catalogued in (the crosswalk converts), for the whole catalogue, one library's holdings,
 * or a search. Records are read in keyset-paged batches and written as they come, so memory stays flat.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { bibRecords, items } from '../catalog.tables';
import type { TSearchQuery } from '../catalog.schemas';
import {
  MARCXML_HEAD,
  MARCXML_TAIL,
  declareUnicode,
  marc21ToRusmarc,
  recordToMarcXml,
  rusmarcToMarc21,
  writeIso2709Record,
  type MarcFormat,
  type MarcRecord,
} from '../marc';
import { searchCatalog } from '../search.service';

export interface ExportOptions {
  schema: MarcFormat;
  container: 'iso2709' | 'marcxml';
  libraryId?: string | null;
  /** A search (the staff app's or `--query`): only its hits are exported. */
  search?: TSearchQuery | null;
  /** Records chosen one by one (the staff app's selection), exported in this order. */
  recordIds?: string[] | null;
  onProgress?: (records: number) => void;
}

const BATCH = 500;

/**
 * The record as written: in the export's schema, and saying it is in Unicode (MARC 21 leader/09 "a",
 * RUSMARC 100 $a/26-29 "50  "), since the file is UTF-8 whatever encoding the record was imported from
 * (CP1251 records keep "0189" or "89" there). Only the copy changes; the catalogue keeps what it stored.
 */
function convert(record: MarcRecord, from: MarcFormat, to: MarcFormat): MarcRecord {
  const converted = from === to ? record : to === 'marc21' ? rusmarcToMarc21(record) : marc21ToRusmarc(record);
  return declareUnicode(to === 'marc21' ? withTypeOfRecord(converted) : converted, to);
}

/**
 * MARC 21 requires a type of record and bibliographic level (leader/06-07); records imported from
 * sloppy exports may lack them. Blank ones become "a" (language material) and "m" (monograph).
 */
function withTypeOfRecord(record: MarcRecord): MarcRecord {
  const leader = record.leader.padEnd(24, ' ');
  if (leader[6] !== ' ' && leader[7] !== ' ') return record;
  const fixed = `${leader.slice(0, 6)}${leader[6] === ' ' ? 'a' : leader[6]}${leader[7] === ' ' ? 'm' : leader[7]}${leader.slice(8)}`;
  return { ...record, leader: fixed };
}

async function write(out: Writable, chunk: string | Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Ids of a search's hits, all pages. */
async function searchIds(db: Db, search: TSearchQuery): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const found = await searchCatalog(db, { ...search, page, pageSize: 200 }, { withFacets: false, exact: true });
    ids.push(...found.items.map((h) => h.id));
    if (found.items.length < 200 || ids.length >= found.total) return ids;
  }
}

export async function exportMarc(db: Db, out: Writable, options: ExportOptions): Promise<number> {
  const filters: SQL[] = [eq(bibRecords.isDeleted, false)];
  if (options.libraryId) {
    filters.push(sql`exists (select 1 from ${items} where ${items.recordId} = ${bibRecords.id} and ${items.libraryId} = ${options.libraryId})`);
  }
  const wanted = options.recordIds ?? (options.search ? await searchIds(db, options.search) : null);
  if (options.container === 'marcxml') await write(out, MARCXML_HEAD);
  let count = 0;
  let after = '';
  let offset = 0;
  for (;;) {
    let batch: { id: string; format: MarcFormat; marc: MarcRecord }[];
    if (wanted) {
      const ids = wanted.slice(offset, offset + BATCH);
      offset += BATCH;
      if (!ids.length) break;
      const rows = await db.select({ id: bibRecords.id, format: bibRecords.format, marc: bibRecords.marc }).from(bibRecords).where(and(...filters, inArray(bibRecords.id, ids)));
      const byId = new Map(rows.map((r) => [r.id, r]));
      batch = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
    } else {
      batch = await db
        .select({ id: bibRecords.id, format: bibRecords.format, marc: bibRecords.marc })
        .from(bibRecords)
        .where(and(...filters, after ? gt(bibRecords.id, after) : undefined))
        .orderBy(asc(bibRecords.id))
        .limit(BATCH);
      if (!batch.length) break;
      after = batch.at(-1)!.id;
    }
    for (const row of batch) {
      const record = convert(row.marc, row.format, options.schema);
      await write(
        out,
        options.container === 'marcxml' ? recordToMarcXml(record, { format: options.schema }, count) : writeIso2709Record(record, { format: options.schema }),
      );
      count++;
    }
    options.onProgress?.(count);
  }
  if (options.container === 'marcxml') await write(out, MARCXML_TAIL);
  return count;
}
