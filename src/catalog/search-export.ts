/**
 * A search result for export: the hits of searchCatalog with the ISBNs as each record writes them. A hit's
 * `isbns` are search keys (digits only, each ISBN-10 with its ISBN-13), not what a list should show.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { TSearchQuery } from './catalog.schemas';
import { bibRecords as R } from './catalog.tables';
import { isbnAsWritten } from './marc-text';
import { searchCatalog } from './search.service';

/** At most this many ids in one statement's IN list. */
const CHUNK = 1000;

/**
 * The $a of RUSMARC 010 / MARC 21 020 of each record, in the record's order, as the record page reads
 * them (record-fields.*.ts): only those subfields are read, not the whole MARC of thousands of records.
 */
export async function writtenIsbns(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .select({
        id: R.id,
        values: sql<string[] | null>`jsonb_path_query_array(${R.marc},
          (case when ${R.format} = 'rusmarc' then '$.fields[*] ? (@.tag == "010").subfields[*] ? (@.code == "a").value'
            else '$.fields[*] ? (@.tag == "020").subfields[*] ? (@.code == "a").value' end)::jsonpath)`,
      })
      .from(R)
      .where(inArray(R.id, ids.slice(i, i + CHUNK)));
    for (const row of rows) {
      const written = (row.values ?? []).map((v) => isbnAsWritten(String(v))).filter((v): v is string => Boolean(v));
      out.set(row.id, [...new Set(written)]);
    }
  }
  return out;
}

export async function searchForExport(db: Db, query: TSearchQuery) {
  const { items } = await searchCatalog(db, query, { withFacets: false, exact: true });
  const ids = items.map((hit) => hit.id);
  const isbns = await writtenIsbns(db, ids);
  return items.map((hit) => ({ ...hit, writtenIsbns: isbns.get(hit.id) ?? [] }));
}
