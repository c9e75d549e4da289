/**
 * The collection as a list of copies: a library's or a network's copies in the order of the inventory
 * book, with their records, found by a scanned barcode, an inventory number or words of the title.
 * What the inventory book (инвентарная книга) shows, and what a librarian with a scanner looks up.
 * Each way of finding a copy has its index, and the order is read along items__library_inventory or
 * items__network_inventory, so a page costs the same for a branch of 300 copies or a region of millions.
 */
import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { libraries, networks } from '../network';
import type { TCopyListQuery } from './catalog.schemas';
import { bibRecords, inventoryKey, items } from './catalog.tables';
import { recordsWithTitleWords } from './search-plan';

/** Whose copies a person may list: every network's, or those of the networks they read. */
export type CopyVisibility = { all: true } | { all: false; networkIds: readonly string[] };

/** An inventory number as typed: as written, or in upper or lower case (numbers rarely hold letters). */
const inventoryNumberIs = (value: string) => inArray(items.inventoryNumber, [...new Set([value, value.toUpperCase(), value.toLowerCase()])]);

function conditions(query: TCopyListQuery, visible: CopyVisibility): SQL | undefined {
  const where: (SQL | undefined)[] = [];
  if (!visible.all) {
    const ids = [...visible.networkIds];
    where.push(ids.length === 1 ? eq(items.networkId, ids[0]!) : ids.length ? inArray(items.networkId, ids) : sql`false`);
  }
  if (query.libraryId) where.push(eq(items.libraryId, query.libraryId));
  if (query.status) where.push(eq(items.status, query.status));
  if (query.acquiredFrom) where.push(gte(items.acquiredOn, query.acquiredFrom));
  if (query.acquiredTo) where.push(lte(items.acquiredOn, query.acquiredTo));
  if (query.barcode) where.push(eq(items.barcode, query.barcode));
  // A scanner types the barcode exactly; an inventory number is typed as written.
  if (query.code) where.push(or(eq(items.barcode, query.code), inventoryNumberIs(query.code)));
  if (query.q) {
    const titled = recordsWithTitleWords(query.q);
    where.push(or(eq(items.barcode, query.q), inventoryNumberIs(query.q), titled ? sql`${items.recordId} = any(${titled})` : undefined));
  }
  return and(...where);
}

/**
 * In the order of the inventory book: within one library or one network along its index; over several
 * networks (a region), network by network.
 */
function orderOf(query: TCopyListQuery, visible: CopyVisibility) {
  const oneNetwork = !visible.all && visible.networkIds.length === 1;
  return [...(query.libraryId || oneNetwork ? [] : [asc(items.networkId)]), asc(inventoryKey(items.inventoryNumber)), asc(items.id)];
}

export async function listCopies(db: Db, query: TCopyListQuery, visible: CopyVisibility) {
  const where = conditions(query, visible);
  // The page's copies first (along the index, stopping after the page), then their records and libraries.
  const page = db
    .select({ id: items.id })
    .from(items)
    .where(where)
    .orderBy(...orderOf(query, visible))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .as('page');
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: items.id,
        recordId: items.recordId,
        libraryId: items.libraryId,
        libraryName: sql<string>`kp_library_label(${libraries.name}, ${libraries.settlement})`,
        networkName: networks.shortName,
        inventoryNumber: items.inventoryNumber,
        barcode: items.barcode,
        callNumber: items.callNumber,
        location: items.location,
        price: items.price,
        currency: items.currency,
        acquiredOn: items.acquiredOn,
        status: items.status,
        notes: items.notes,
        title: bibRecords.title,
        description: bibRecords.description,
        year: bibRecords.year,
      })
      .from(page)
      .innerJoin(items, eq(items.id, page.id))
      .innerJoin(bibRecords, eq(bibRecords.id, items.recordId))
      .innerJoin(libraries, eq(libraries.id, items.libraryId))
      .innerJoin(networks, eq(networks.id, items.networkId))
      .orderBy(...orderOf(query, visible)),
    db.select({ total: sql<number>`count(*)::int` }).from(items).where(where),
  ]);
  return { items: rows, total: count?.total ?? 0 };
}
