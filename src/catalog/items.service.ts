/**
 * Copies (items): a library's physical copies of a record. Inventory numbers are unique within the
 * network and barcodes across the installation; the database enforces both (catalog.tables.ts).
 */
import { asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { libraries, libraryOrder, networks, type Library } from '../network';
import { CatalogError } from './catalog.errors';
import { DESK_STATUSES, statusesByHand, type TItemInput, type TItemStatus } from './catalog.schemas';
import { bibRecords, items } from './catalog.tables';

export type Item = typeof items.$inferSelect;

/** Refuses a status the desk owns, and any change to a copy the desk has out (see statusesByHand). */
function checkStatusChange(from: TItemStatus | null, to: TItemStatus) {
  if (from === to || statusesByHand(from).includes(to)) return;
  if (DESK_STATUSES.includes(to)) throw new CatalogError(422, 'item_status_by_desk', 'catalog.item_status_by_desk', 'status');
  throw new CatalogError(409, 'item_in_circulation', 'catalog.item_in_circulation', 'status');
}

/** The copy's status now, its row locked until the transaction ends (the desk may be lending it meanwhile). */
async function lockedStatus(tx: Db, id: string): Promise<TItemStatus> {
  const rows = await tx.execute(sql`select ${items.status} as status from ${items} where ${items.id} = ${id} for update`);
  return rowsOf<{ status: TItemStatus }>(rows)[0]!.status;
}

export async function findItem(db: Db, id: string): Promise<Item | null> {
  return (await db.select().from(items).where(eq(items.id, id)))[0] ?? null;
}

/**
 * The copies of a record with their libraries, ordered by network, library and inventory number. A library
 * is named as search results name it: with its village when another library has the same name.
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
    .orderBy(asc(networks.shortName), ...libraryOrder(), asc(items.inventoryNumber));
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
    checkStatusChange(await lockedStatus(tx, before.id), input.status);
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

export async function changeItemStatus(db: Db, actor: AuditActor, before: Item, status: TItemStatus, notes?: string) {
  return db.transaction(async (tx) => {
    checkStatusChange(await lockedStatus(tx, before.id), status);
    const [item] = await tx
      .update(items)
      .set({ status, notes: notes ?? before.notes, updatedAt: new Date() })
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
