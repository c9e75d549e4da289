/**
 * What a search answered from memory shows besides its hits, kept by the index so that a search needs no
 * statement of its own: the page's records with their copies per library (as kp_search_page gives them,
 * read once per record and forgotten when the log says the record or one of its copies changed), and
 * the libraries' names and order for the library facet. A library or network changed is logged as the
 * nil record (migration search_copies_log): then everything kept is forgotten.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import type { Facet, Hit } from '../search.service';
import { arrayParam } from './array-param';

type PageItem = Omit<Hit, 'rank'>;

/** Records kept at most (a page of 20 takes ~30 KB); past this the kept ones are dropped and read again as searches show them. */
const MAX_KEPT = 20_000;
/** The record the log names when a library or network changed. */
const LIBRARIES_CHANGED = '00000000-0000-0000-0000-000000000000';

interface Labels {
  /** A library's label and place in the network's order (as kp_search_facets orders equal counts). */
  byId: Map<string, { label: string; place: number }>;
}

export class PageStore {
  private items = new Map<string, PageItem>();
  /** Moves on whenever records are forgotten: a page read before must then not be kept. */
  private generation = 0;
  private labels: Labels | null = null;

  forget(recordIds: readonly string[]): void {
    if (!recordIds.length) return;
    this.generation++;
    for (const id of recordIds) this.items.delete(id);
    if (recordIds.includes(LIBRARIES_CHANGED)) {
      this.items.clear();
      this.labels = null;
    }
  }

  /** The page's records in the order of the hits, each with its rank; those not kept read in one statement. */
  async page(db: Db, hits: readonly { recordId: string; rank: number }[]): Promise<Hit[]> {
    const missing = hits.filter((h) => !this.items.has(h.recordId)).map((h) => h.recordId);
    const read = new Map<string, PageItem>();
    if (missing.length) {
      const generation = this.generation;
      const [row] = rowsOf<{ page: Hit[] | null }>(
        await db.execute(
          sql`select kp_search_page(${arrayParam(missing, 'uuid[]')}, ${arrayParam(
            missing.map(() => 0),
            'float8[]',
          )}) as page`,
        ),
      );
      for (const { rank: _rank, ...item } of row?.page ?? []) read.set(item.id, item);
      if (generation === this.generation) {
        if (this.items.size + read.size > MAX_KEPT) this.items.clear();
        for (const [id, item] of read) this.items.set(id, item);
      }
    }
    return hits.flatMap((h) => {
      const item = read.get(h.recordId) ?? this.items.get(h.recordId);
      return item ? [{ ...item, rank: h.rank }] : [];
    });
  }

  /** The library facet: the ten libraries with the most hits, named, equal counts in the network's order. */
  async libraryFacet(db: Db, counts: readonly { id: string; count: number }[]): Promise<Facet[]> {
    let labels = this.labels;
    if (!labels || counts.some((c) => !labels!.byId.has(c.id))) {
      const generation = this.generation;
      const rows = rowsOf<{ id: string; label: string }>(
        await db.execute(
          sql`select id::text as id, label from library_labels order by network_name, kind_rank, number, name, id`,
        ),
      );
      labels = { byId: new Map(rows.map((r, place) => [r.id, { label: r.label, place }])) };
      if (generation === this.generation) this.labels = labels;
    }
    const byId = labels.byId;
    return counts
      .filter((c) => byId.has(c.id))
      .sort((a, b) => b.count - a.count || byId.get(a.id)!.place - byId.get(b.id)!.place)
      .slice(0, 10)
      .map((c) => ({ value: c.id, label: byId.get(c.id)!.label, count: c.count }));
  }
}
