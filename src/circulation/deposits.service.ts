/**
 * Deposit collections (внестационарное обслуживание): a batch of copies moved to a service point for a
 * season (status "at service point"), returned together; loans and readers at the point are entered in
 * bulk during or after the season and counted apart from the desk's loans.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { items } from '../catalog';
import { servicePoints } from '../network';
import { circulationError } from './circulation.errors';
import type { TCollectionCreate, TPointLoans } from './circulation.schemas';
import { depositCollectionItems, depositCollections, pointVisits } from './circulation.tables';
import type { DeskLibrary } from './checkout.service';

export type DepositCollection = typeof depositCollections.$inferSelect;

export async function findCollection(db: Db, id: string): Promise<DepositCollection | null> {
  return (await db.select().from(depositCollections).where(eq(depositCollections.id, id)))[0] ?? null;
}

/** A library's collections, newest first, with copy counts and the loans entered so far. */
export async function listCollections(db: Db, libraryId: string) {
  const rows = await db.execute(sql`
    select c.id, c.name, c.service_point_id as "servicePointId", sp.name as "servicePointName", sp.kind as "servicePointKind",
      c.starts_on::text as "startsOn", c.ends_on::text as "endsOn", c.returned_at as "returnedAt",
      (select count(*)::int from deposit_collection_items x where x.collection_id = c.id) as copies,
      (select coalesce(sum(x.point_loans), 0)::int from deposit_collection_items x where x.collection_id = c.id)
        + (select coalesce(sum(v.loans), 0)::int from point_visits v where v.collection_id = c.id) as loans,
      (select coalesce(sum(v.readers), 0)::int from point_visits v where v.collection_id = c.id) as readers
    from deposit_collections c join service_points sp on sp.id = c.service_point_id
    where c.library_id = ${libraryId} order by c.starts_on desc, c.created_at desc`);
  return rowsOf<{
    id: string; name: string; servicePointId: string; servicePointName: string; servicePointKind: string;
    startsOn: string; endsOn: string; returnedAt: string | Date | null; copies: number; loans: number; readers: number;
  }>(rows).map((r) => ({ ...r, returnedAt: r.returnedAt ? new Date(r.returnedAt).toISOString() : null }));
}

export async function collectionItems(db: Db, collectionId: string) {
  const rows = await db.execute(sql`
    select i.id as "itemId", i.barcode, i.inventory_number as "inventoryNumber", b.title, i.status,
      x.point_loans as "pointLoans", x.returned_at is not null as "isReturned"
    from deposit_collection_items x join items i on i.id = x.item_id join bib_records b on b.id = i.record_id
    where x.collection_id = ${collectionId} order by i.inventory_number`);
  return rowsOf<{ itemId: string; barcode: string; inventoryNumber: string; title: string; status: string; pointLoans: number; isReturned: boolean }>(rows);
}

/** Moves the copies (all on this library's shelf) to the point; any other copy refuses the whole batch. */
export async function createCollection(db: Db, actor: AuditActor, lib: DeskLibrary, input: TCollectionCreate) {
  return db.transaction(async (tx) => {
    const [point] = await tx.select().from(servicePoints).where(eq(servicePoints.id, input.servicePointId));
    if (!point || point.libraryId !== lib.id) {
      throw circulationError('not_at_point', 'servicePointId');
    }
    const barcodes = [...new Set(input.barcodes.map((b) => b.trim()))];
    const found = await tx
      .select({ id: items.id, barcode: items.barcode, status: items.status, libraryId: items.libraryId })
      .from(items)
      .where(inArray(items.barcode, barcodes))
      .for('update');
    const byBarcode = new Map(found.map((f) => [f.barcode, f]));
    for (const [index, barcode] of barcodes.entries()) {
      const item = byBarcode.get(barcode);
      if (!item || item.libraryId !== lib.id) throw circulationError('unknown_barcode', `barcodes.${index}`);
      if (item.status !== 'available') throw circulationError('not_available', `barcodes.${index}`);
    }
    const [collection] = await tx
      .insert(depositCollections)
      .values({ networkId: lib.networkId, libraryId: lib.id, servicePointId: point.id, name: input.name, startsOn: input.startsOn, endsOn: input.endsOn })
      .returning();
    await tx.insert(depositCollectionItems).values(found.map((f) => ({ collectionId: collection!.id, itemId: f.id })));
    await tx.update(items).set({ status: 'at_service_point', updatedAt: new Date() }).where(inArray(items.id, found.map((f) => f.id)));
    await writeAudit(tx, actor, {
      action: 'deposit.create',
      objectType: 'deposit_collection',
      objectId: collection!.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${input.name}: ${found.length} → ${point.name}`,
      after: { ...collection, barcodes },
    });
    return collection!;
  });
}

/** Bulk entry of what was read at the point: loans per copy and readers/loans per day. */
export async function enterPointLoans(db: Db, actor: AuditActor, collection: DepositCollection, input: TPointLoans) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ itemId: depositCollectionItems.itemId, barcode: items.barcode })
      .from(depositCollectionItems)
      .innerJoin(items, eq(items.id, depositCollectionItems.itemId))
      .where(eq(depositCollectionItems.collectionId, collection.id));
    const byBarcode = new Map(rows.map((r) => [r.barcode, r.itemId]));
    for (const [index, entry] of input.items.entries()) {
      const itemId = byBarcode.get(entry.barcode.trim());
      if (!itemId) throw circulationError('not_at_point', `items.${index}.barcode`);
      await tx
        .update(depositCollectionItems)
        .set({ pointLoans: entry.loans })
        .where(and(eq(depositCollectionItems.collectionId, collection.id), eq(depositCollectionItems.itemId, itemId)));
    }
    for (const day of input.days) {
      await tx
        .insert(pointVisits)
        .values({ collectionId: collection.id, day: day.day, readers: day.readers, loans: day.loans })
        .onConflictDoUpdate({ target: [pointVisits.collectionId, pointVisits.day], set: { readers: day.readers, loans: day.loans } });
    }
    await writeAudit(tx, actor, {
      action: 'deposit.point_loans',
      objectType: 'deposit_collection',
      objectId: collection.id,
      networkId: collection.networkId,
      libraryId: collection.libraryId,
      after: input,
    });
  });
}

/** The whole collection comes back: every copy still at the point returns to the shelf. */
export async function returnCollection(db: Db, actor: AuditActor, collection: DepositCollection, now = new Date()) {
  if (collection.returnedAt) throw circulationError('collection_returned');
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ itemId: depositCollectionItems.itemId })
      .from(depositCollectionItems)
      .where(and(eq(depositCollectionItems.collectionId, collection.id), isNull(depositCollectionItems.returnedAt)));
    const ids = open.map((o) => o.itemId);
    if (ids.length) {
      await tx
        .update(items)
        .set({ status: 'available', updatedAt: now })
        .where(and(inArray(items.id, ids), eq(items.status, 'at_service_point')));
      await tx
        .update(depositCollectionItems)
        .set({ returnedAt: now })
        .where(and(eq(depositCollectionItems.collectionId, collection.id), isNull(depositCollectionItems.returnedAt)));
    }
    const [updated] = await tx.update(depositCollections).set({ returnedAt: now }).where(eq(depositCollections.id, collection.id)).returning();
    await writeAudit(tx, actor, {
      action: 'deposit.return',
      objectType: 'deposit_collection',
      objectId: collection.id,
      networkId: collection.networkId,
      libraryId: collection.libraryId,
      summary: `${collection.name}: ${ids.length}`,
    });
    return updated!;
  });
}
