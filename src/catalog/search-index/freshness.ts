/**
 * Whether the index is behind the database: one statement (kp_search_changed) asks the log whether
 * bib_search or a copy changed since the index last read it. A search must see everything committed
 * before it arrived, so it may take the answer of a statement begun after it arrived, and many searches
 * arriving together share one: a search waits for the statement under way, if that began before it,
 * then shares the next.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import { arrayParam } from './array-param';
import type { SearchIndex } from './memory-index';

interface Asking {
  ticket: number;
  changed: Promise<boolean>;
}

const asking = new WeakMap<SearchIndex, Asking>();
let tickets = 0;

export async function changedSince(db: Db, index: SearchIndex): Promise<boolean> {
  const mine = ++tickets;
  for (;;) {
    const current = asking.get(index);
    if (current && current.ticket > mine) return current.changed;
    if (current) {
      await current.changed.catch(() => undefined);
      if (asking.get(index) === current) asking.delete(index);
      continue;
    }
    const entry: Asking = {
      ticket: ++tickets,
      changed: db
        .execute(sql`select kp_search_changed(${index.since}::xid8, ${arrayParam(index.seen, 'xid8[]')}) as changed`)
        .then((result) => rowsOf<{ changed: boolean }>(result)[0]!.changed),
    };
    asking.set(index, entry);
    void entry.changed
      .catch(() => undefined)
      .finally(() => {
        if (asking.get(index) === entry) asking.delete(index);
      });
    return entry.changed;
  }
}
