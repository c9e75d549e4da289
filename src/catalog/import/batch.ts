/**
 * One batch of an import, set-based: every record of the batch is matched by one query, the new ones
 * written by one COPY, their copies by one statement (importBatch; batch-write.ts), and then their search rows by a
 * third, copies included (writeSearchRows; the triggers, deferred for the batch, would otherwise write
 * each row and rewrite it when its copies arrive). Records are matched as they would be one by one: to
 * records already in the catalogue, to those created earlier in the same batch and to those created by
 * the batch before it while that one is still being committed (its Carry).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import { foldText, foldedSql } from '../../app/text-fold';
import type { Library } from '../../network';
import { bibRecords } from '../catalog.tables';
import type { MarcFormat, MarcRecord } from '../marc';
import type { columnsFromMarc } from '../records.service';
import { insertCopies, insertRecords } from './batch-write';
import { extractHoldings } from './holdings';
import type { MatchMode } from './match';

type Columns = ReturnType<typeof columnsFromMarc>;

export interface BatchRecord {
  index: number;
  record: MarcRecord;
  columns: Columns;
}

export interface BatchOutcome {
  created: { index: number; id: string; title: string }[];
  matched: { index: number; id: string }[];
  /** Matched records whose content the file's record replaced (the `replace` option). */
  replaced: { index: number; id: string }[];
  /** What the replaced records held before, for the audit log: a replacement can be undone from it. */
  replacedBefore: { id: string; format: string; marc: unknown }[];
  items: { created: number; existing: number };
  /** Records written (created or restored), with the keys they match on: their search rows are still to write. */
  written: { id: string; keys: MatchKeys }[];
  /** Records already in the catalogue that got copies: the libraries of their search rows change. */
  touched: string[];
}

export const emptyOutcome = (): BatchOutcome => ({
  created: [],
  matched: [],
  replaced: [],
  replacedBefore: [],
  items: { created: 0, existing: 0 },
  written: [],
  touched: [],
});

/**
 * The records a batch created or restored, by the keys records are matched on. The next batch matches
 * against them while this one is still being committed, as its own statement cannot see them yet.
 */
export interface Carry {
  byControl: ReadonlyMap<string, string>;
  byIsbn: ReadonlyMap<string, string>;
  byTitle: ReadonlyMap<string, string>;
  /** By title + year + first author too, only records without an ISBN: the ones a record with ISBNs may match by title. */
  byTitleWithoutIsbn: ReadonlyMap<string, string>;
  /** The control number, source and title of each record that has a number and a source, by id (see otherVolume). */
  numbered: ReadonlyMap<string, Numbered>;
}

interface Numbered {
  controlNumber: string;
  controlSource: string;
  /** The title, folded (foldText). */
  title: string;
}

type CarryMaps = { [K in keyof Carry]: Carry[K] extends ReadonlyMap<string, infer V> ? Map<string, V> : never };

export const emptyCarry = (): Carry => ({
  byControl: new Map(),
  byIsbn: new Map(),
  byTitle: new Map(),
  byTitleWithoutIsbn: new Map(),
  numbered: new Map(),
});

/** What a record is matched on: control number + source, ISBNs, title + year + first author (null when absent). */
interface MatchKeys {
  control: string | null;
  numbered: Numbered | null;
  isbns: string[];
  title: string | null;
}

const keysOf = (c: Columns): MatchKeys => ({
  control: c.controlNumber ? controlKey(c) : null,
  numbered:
    c.controlNumber && c.controlSource
      ? { controlNumber: c.controlNumber, controlSource: c.controlSource, title: foldText(c.title) }
      : null,
  isbns: c.isbns,
  title: c.title && c.year !== null ? titleKey(c) : null,
});

export function carryOf(written: BatchOutcome['written']): Carry {
  const maps: CarryMaps = {
    byControl: new Map(),
    byIsbn: new Map(),
    byTitle: new Map(),
    byTitleWithoutIsbn: new Map(),
    numbered: new Map(),
  };
  for (const { id, keys } of written) remember(maps, keys, id);
  return maps;
}

/** Keys of a record created (or restored) with this id; an earlier record keeps a key it already has. */
function remember(maps: CarryMaps, keys: MatchKeys, id: string) {
  if (keys.control && !maps.byControl.has(keys.control)) maps.byControl.set(keys.control, id);
  for (const isbn of keys.isbns) if (!maps.byIsbn.has(isbn)) maps.byIsbn.set(isbn, id);
  if (keys.title && !maps.byTitle.has(keys.title)) maps.byTitle.set(keys.title, id);
  if (keys.title && !keys.isbns.length && !maps.byTitleWithoutIsbn.has(keys.title))
    maps.byTitleWithoutIsbn.set(keys.title, id);
  if (keys.numbered) maps.numbered.set(id, keys.numbered);
}

/**
 * Whether the record `id`, which shares an ISBN with `columns`, is another volume of a set: its source
 * numbered the two differently and their titles differ ("…за I-II кварталы 2000 года" and "…за III-IV
 * кварталы", one ISBN for the set). A source's two numbers under one title are the same edition
 * catalogued twice, and are matched.
 */
function otherVolume(maps: Carry, columns: Columns, id: string): boolean {
  const other = maps.numbered.get(id);
  return (
    !!other &&
    !!columns.controlNumber &&
    other.controlSource === columns.controlSource &&
    other.controlNumber !== columns.controlNumber &&
    other.title !== foldText(columns.title)
  );
}

/**
 * The record created earlier with the same title, year and first author that this one may be. Two
 * records that both carry ISBNs and share none are different editions (the same novel from several
 * publishers in one year), so a record with ISBNs is matched by title only to one without any.
 */
function earlierByTitle(maps: Carry, columns: Columns): string | undefined {
  const key = titleKey(columns);
  return columns.isbns.length ? maps.byTitleWithoutIsbn.get(key) : maps.byTitle.get(key);
}

const controlKey = (c: Columns) => JSON.stringify([c.controlNumber, c.controlSource]);
const titleKey = (c: Columns) => JSON.stringify([c.title.toLowerCase(), c.year, c.firstAuthor?.toLowerCase() ?? null]);

interface DbMatch {
  i: number;
  by_control: string | null;
  control_deleted: boolean | null;
  by_isbn: string | null;
  by_title: string | null;
}

/**
 * Existing records for the whole batch, in one statement: by control number, ISBN, title + author + year
 * (by title only when one of the two records has no ISBN: both with ISBNs and none shared are different editions;
 * by ISBN not to another volume of a set, see otherVolume).
 */
async function matchesInCatalogue(tx: Db, batch: readonly BatchRecord[], mode: MatchMode): Promise<DbMatch[]> {
  const keys = batch.map(({ columns: c }, i) => ({
    i,
    cn: c.controlNumber,
    src: c.controlSource,
    isbns: c.isbns,
    title: c.title,
    year: c.year,
    author: c.firstAuthor,
  }));
  const byIsbn = mode === 'isbn';
  // Another volume of the same set (see otherVolume).
  const otherVolumeOf = sql`(q.cn is not null and q.src is not null and b.control_source = q.src and b.control_number is not null
    and b.control_number <> q.cn and ${foldedSql(sql`b.title`)} <> ${foldedSql(sql`q.title`)})`;
  const result = await tx.execute(sql`
    select q.i,
      (select b.id from ${bibRecords} b
        where q.cn is not null and b.control_number = q.cn and b.control_source is not distinct from q.src limit 1) as by_control,
      (select b.is_deleted from ${bibRecords} b
        where q.cn is not null and b.control_number = q.cn and b.control_source is not distinct from q.src limit 1) as control_deleted,
      (select b.id from ${bibRecords} b
        where ${byIsbn} and cardinality(q.isbns) > 0 and not b.is_deleted and b.isbns && q.isbns and not ${otherVolumeOf} limit 1) as by_isbn,
      (select b.id from ${bibRecords} b
        where ${byIsbn} and q.title <> '' and q.year is not null and not b.is_deleted
          and lower(b.title) = lower(q.title) and b.year = q.year
          and (cardinality(q.isbns) = 0 or cardinality(b.isbns) = 0)
          and (case when q.author is null then b.first_author is null else lower(b.first_author) = lower(q.author) end)
        limit 1) as by_title
    from json_to_recordset(${JSON.stringify(keys)}::json) as q(i int, cn text, src text, isbns text[], title text, year int, author text)
  `);
  return rowsOf<DbMatch>(result).sort((a, b) => a.i - b.i);
}

export async function importBatch(
  tx: Db,
  batch: readonly BatchRecord[],
  options: {
    match: MatchMode;
    schema: MarcFormat;
    library: Library | null;
    currency: 'KGS' | 'RUB';
    /**
     * A matched record already in the catalogue takes the file's content (MARC and every column; its
     * copies stay): to mend records imported with a wrong encoding, or to bring in a source's corrections.
     */
    replace?: boolean;
  },
  carry: Carry = emptyCarry(),
  carriedCommitted: () => Promise<void> = async () => undefined,
): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  if (!batch.length) return outcome;
  // Every lookup of a batch probes an index, whatever the statistics say: while a big file goes into a
  // new catalogue they describe the empty table, and a sequential scan per record makes each batch
  // slower than the one before (for this transaction only: the batch's copies are looked up the same way).
  // The triggers leave the search index to the end of the batch (see kp_search_write), for this
  // transaction only; a failed batch rolls the setting back with its savepoint. Without sequential
  // scans every plan looks dear to the planner, which would then compile the batch's statements to
  // machine code (JIT), costing more than running them: JIT is off for the batch too.
  await tx.execute(
    sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), set_config('kitepkana.search_deferred', 'on', true)`,
  );
  const found = await matchesInCatalogue(tx, batch, options.match);
  // Records created by the batch before (still being committed) and earlier in this one, by the same keys.
  const keys: CarryMaps = {
    byControl: new Map(carry.byControl),
    byIsbn: new Map(carry.byIsbn),
    byTitle: new Map(carry.byTitle),
    byTitleWithoutIsbn: new Map(carry.byTitleWithoutIsbn),
    numbered: new Map(carry.numbered),
  };
  const { byControl, byIsbn } = keys;
  const fresh: (Columns & { id: string })[] = [];
  const recordIds: string[] = [];
  const revived: (Columns & { id: string })[] = [];
  const replaced: (Columns & { id: string })[] = [];
  const replacedIds = new Set<string>();
  // Records this import wrote: in the batches before (their carry) and in this one, as it goes.
  const fromThisImport = new Set<string>(
    options.replace ? [...carry.byControl.values(), ...carry.byIsbn.values(), ...carry.byTitle.values()] : [],
  );
  batch.forEach(({ index, columns }, i) => {
    const db = found[i]!;
    // A deleted record keeps its control number: importing it again brings it back with the file's content.
    // (Unless the batch before restored it: this statement does not see that yet.)
    if (columns.controlNumber && db.by_control && db.control_deleted && !byControl.has(controlKey(columns))) {
      revived.push({ id: db.by_control, ...columns });
      fromThisImport.add(db.by_control);
      outcome.created.push({ index, id: db.by_control, title: columns.title });
      byControl.set(controlKey(columns), db.by_control);
      recordIds.push(db.by_control);
      return;
    }
    let id: string | null | undefined = columns.controlNumber
      ? (db.by_control ?? byControl.get(controlKey(columns)))
      : null;
    if (!id && options.match === 'isbn') {
      id =
        db.by_isbn ??
        columns.isbns
          .map((isbn) => byIsbn.get(isbn))
          .find((earlier) => earlier && !otherVolume(keys, columns, earlier));
      // by_title already leaves out records whose ISBNs all differ from this one's (see matchesInCatalogue).
      if (!id && columns.title && columns.year !== null) id = db.by_title ?? earlierByTitle(keys, columns);
    }
    if (id) {
      outcome.matched.push({ index, id });
      // Only a record that was in the catalogue before this import, and once (a file may hold it twice).
      if (options.replace && !fromThisImport.has(id) && !replacedIds.has(id)) {
        replaced.push({ id, ...columns });
        replacedIds.add(id);
        outcome.replaced.push({ index, id });
      }
    } else {
      id = randomUUID();
      fresh.push({ id, ...columns });
      fromThisImport.add(id);
      outcome.created.push({ index, id, title: columns.title });
      remember(keys, keysOf(columns), id);
    }
    recordIds.push(id);
  });
  await insertRecords(tx, fresh);
  for (const { id, ...columns } of revived) {
    await tx
      .update(bibRecords)
      .set({ ...columns, isDeleted: false, deletedAt: null, updatedAt: new Date() })
      .where(sql`${bibRecords.id} = ${id}`);
  }
  if (replaced.length) {
    const ids = sql.join(replaced.map((r) => sql`${r.id}::uuid`), sql`, `);
    const before = await tx.execute(sql`select id, format, marc from ${bibRecords} where id in (${ids})`);
    outcome.replacedBefore = rowsOf<{ id: string; format: string; marc: unknown }>(before);
  }
  for (const { id, ...columns } of replaced) {
    await tx.update(bibRecords).set({ ...columns, updatedAt: new Date() }).where(sql`${bibRecords.id} = ${id}`);
  }
  const library = options.library;
  const copies = !library
    ? []
    : batch.flatMap(({ record, columns }, i) =>
        // The record's own schema: a file may mix them (see analyse in import.service.ts).
        extractHoldings(record, columns.format).map((holding) => ({
          id: randomUUID(),
          record_id: recordIds[i]!,
          library_id: library.id,
          network_id: library.networkId,
          inventory_number: holding.inventoryNumber,
          // A copy without its own barcode gets one made from the library code and inventory number.
          barcode: holding.barcode ?? `${library.code}-${holding.inventoryNumber}`,
          call_number: holding.callNumber,
          location: holding.location,
          price: holding.price,
          currency: options.currency,
          acquired_on: holding.acquiredOn,
        })),
      );
  // A copy of a record the batch before created can only be written once that batch has committed:
  // until then the record is invisible to this transaction's foreign key check.
  const carried = new Set([...carry.byControl.values(), ...carry.byIsbn.values(), ...carry.byTitle.values()]);
  if (copies.some((c) => carried.has(c.record_id))) await carriedCommitted();
  outcome.items.created = await insertCopies(tx, copies);
  outcome.items.existing = copies.length - outcome.items.created;
  outcome.written = [...fresh, ...revived, ...replaced].map((r) => ({ id: r.id, keys: keysOf(r) }));
  // A restored record's search row may have outlived it with the libraries it had then.
  const freshIds = new Set(fresh.map((r) => r.id));
  outcome.touched = [
    ...new Set([...copies.map((c) => c.record_id).filter((id) => !freshIds.has(id)), ...revived.map((r) => r.id)]),
  ];
  return outcome;
}

/**
 * The search rows of what batches wrote: once for new (and restored) records, copies included; for
 * records already in the catalogue only the libraries holding a copy can have changed.
 */
export async function writeSearchRows(tx: Db, outcome: Pick<BatchOutcome, 'written' | 'touched'>) {
  const written = outcome.written.map((r) => r.id);
  const touched = outcome.touched;
  await tx.execute(sql`select set_config('kitepkana.search_deferred', 'off', true)`);
  if (written.length) await tx.execute(sql`select kp_search_write(${uuidArray(written)})`);
  if (touched.length) await tx.execute(sql`select kp_search_copies(${uuidArray(touched)})`);
}

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
