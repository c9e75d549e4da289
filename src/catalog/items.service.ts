/**
 * Copies (items): a library's physical copies of a record. Inventory numbers are unique within the
 * network and barcodes across the installation; the database enforces both (catalog.tables.ts).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { libraries, libraryOrder, networks, type Library } from '../network';
import { AppError } from '../app/errors';
import { CatalogError } from './catalog.errors';
import { DESK_STATUSES, statusesByHand, type TItemInput, type TItemStatus } from './catalog.schemas';
import { bibRecords, inventoryKey, items } from './catalog.tables';
import { assertWithheldStatus } from './extremist/extremist-withheld';

export type Item = typeof items.$inferSelect;

/** Refuses a status the desk owns, and any change to a copy the desk has out (see statusesByHand). */
function checkStatusChange(from: TItemStatus | null, to: TItemStatus) {
  if (from === to || statusesByHand(from).includes(to)) return;
  if (DESK_STATUSES.includes(to)) throw new CatalogError(422, 'item_status_by_desk', 'catalog.item_status_by_desk', 'status');
  throw new CatalogError(409, 'item_in_circulation', 'catalog.item_in_circulation', 'status');
}

/**
 * Refuses a barcode or an inventory number another copy has, naming both at once and the copy that has
 * each (the book and its library), so the librarian can tell a typo from a label stuck twice. The
 * unique indexes stay the guard against two saves at once (toProblem).
 */
async function checkNumbersFree(tx: Db, networkId: string, input: Pick<TItemInput, 'barcode' | 'inventoryNumber'>, ownId: string | null) {
  const rows = await tx.execute(sql`
    select ${items.barcode} = ${input.barcode} as "sameBarcode",
      (${items.networkId} = ${networkId} and ${items.inventoryNumber} = ${input.inventoryNumber}) as "sameInventory",
      ${bibRecords.title} as title, kp_library_label(${libraries.name}, ${libraries.settlement}) as library
    from ${items} join ${bibRecords} on ${bibRecords.id} = ${items.recordId} join ${libraries} on ${libraries.id} = ${items.libraryId}
    where (${items.barcode} = ${input.barcode} or (${items.networkId} = ${networkId} and ${items.inventoryNumber} = ${input.inventoryNumber}))
      ${ownId ? sql`and ${items.id} <> ${ownId}` : sql``}
    limit 2`);
  const taken = rowsOf<{ sameBarcode: boolean; sameInventory: boolean; title: string; library: string }>(rows);
  const holder = (which: 'sameBarcode' | 'sameInventory') => taken.find((r) => r[which]);
  const fields = [
    ...(holder('sameInventory') ? [{ field: 'inventoryNumber', code: 'conflict', key: 'catalog.inventory_taken_by' as const, params: { title: holder('sameInventory')!.title, library: holder('sameInventory')!.library } }] : []),
    ...(holder('sameBarcode') ? [{ field: 'barcode', code: 'conflict', key: 'catalog.barcode_taken_by' as const, params: { title: holder('sameBarcode')!.title, library: holder('sameBarcode')!.library } }] : []),
  ];
  if (fields.length) throw new AppError(409, 'conflict', holder('sameBarcode') ? 'catalog.barcode_taken' : 'catalog.inventory_taken', fields);
}

/**
 * The copy's status now, its row locked until the transaction ends (the desk may be lending it
 * meanwhile), checked against the change: a status the desk owns, a copy the desk has out, or a copy
 * withheld by a check against the list of extremist materials put back within readers' reach.
 */
async function checkLockedStatus(tx: Db, id: string, to: TItemStatus) {
  const rows = await tx.execute(sql`select ${items.status} as status, ${items.withheldBy} as "withheldBy" from ${items} where ${items.id} = ${id} for update`);
  const copy = rowsOf<{ status: TItemStatus; withheldBy: string | null }>(rows)[0]!;
  checkStatusChange(copy.status, to);
  await assertWithheldStatus(tx, copy.withheldBy, to);
}

export async function findItem(db: Db, id: string): Promise<Item | null> {
  return (await db.select().from(items).where(eq(items.id, id)))[0] ?? null;
}

/**
 * The copies of a record with their libraries, ordered by network, library and then as the inventory book
 * orders them (kp_inventory_key: "9" before "10" before "100", as the copies list does). A library is
 * named as search results name it: with its village when another library has the same name.
 */
export async function listItems(db: Db, recordId: string) {
  return db
    .select({
      item: items,
      libraryName: sql<string>`kp_library_label(${libraries.name}, ${libraries.settlement})`,
      libraryCode: libraries.code,
      networkName: networks.shortName,
    })
    .from(items)
    .innerJoin(libraries, eq(libraries.id, items.libraryId))
    .innerJoin(networks, eq(networks.id, items.networkId))
    .where(eq(items.recordId, recordId))
    .orderBy(asc(networks.shortName), ...libraryOrder(), asc(items.libraryId), asc(inventoryKey(items.inventoryNumber)), asc(items.id));
}

async function currencyOf(tx: Db, lib: Library): Promise<'KGS' | 'RUB'> {
  const [network] = await tx.select({ country: networks.country }).from(networks).where(eq(networks.id, lib.networkId));
  return network?.country === 'RU' ? 'RUB' : 'KGS';
}

/** Takes a share lock on the record: a copy is never attached to a record being deleted meanwhile. */
async function lockLiveRecord(tx: Db, recordId: string) {
  const rows = await tx.execute(sql`select ${bibRecords.isDeleted} as "isDeleted" from ${bibRecords} where ${bibRecords.id} = ${recordId} for share`);
  const row = rowsOf<{ isDeleted: boolean }>(rows)[0];
  if (!row || row.isDeleted) throw new CatalogError(409, 'record_deleted', 'catalog.record_deleted');
}

export async function addItem(db: Db, actor: AuditActor, recordId: string, lib: Library, input: TItemInput) {
  checkStatusChange(null, input.status);
  return db.transaction(async (tx) => {
    await lockLiveRecord(tx, recordId);
    await checkNumbersFree(tx, lib.networkId, input, null);
    const values = {
      ...input,
      recordId,
      libraryId: lib.id,
      networkId: lib.networkId,
      currency: input.currency ?? (await currencyOf(tx, lib)),
    };
    const [item] = await tx.insert(items).values(values).returning();
    await writeAudit(tx, actor, {
      action: 'item.create',
      objectType: 'item',
      objectId: item!.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${item!.inventoryNumber} / ${item!.barcode}`,
      after: item,
    });
    return item!;
  });
}

/** Changes a copy; moving it to another library (within the person's scope) moves its network too. */
export async function updateItem(db: Db, actor: AuditActor, before: Item, lib: Library, input: TItemInput) {
  return db.transaction(async (tx) => {
    await checkLockedStatus(tx, before.id, input.status);
    await checkNumbersFree(tx, lib.networkId, input, before.id);
    const [item] = await tx
      .update(items)
      .set({
        ...input,
        libraryId: lib.id,
        networkId: lib.networkId,
        currency: input.currency ?? before.currency,
        updatedAt: new Date(),
      })
      .where(eq(items.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'item.update',
      objectType: 'item',
      objectId: before.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${item!.inventoryNumber} / ${item!.barcode}`,
      before,
      after: item,
    });
    return item!;
  });
}

/** Changes a copy's status (and its notes); `withheldBy` is the match of an extremist-list check withholding it. */
export async function changeItemStatus(db: Db, actor: AuditActor, before: Item, status: TItemStatus, notes?: string, withheldBy?: string) {
  return db.transaction(async (tx) => {
    await checkLockedStatus(tx, before.id, status);
    const [item] = await tx
      .update(items)
      .set({ status, notes: notes ?? before.notes, ...(withheldBy ? { withheldBy } : {}), updatedAt: new Date() })
      .where(eq(items.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'item.status',
      objectType: 'item',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.libraryId,
      summary: `${before.inventoryNumber}: ${before.status} → ${status}`,
      before,
      after: item,
    });
    return item!;
  });
}
