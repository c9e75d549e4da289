/**
 * Holds: placed by staff or by the reader on the portal for a record, picked up at a chosen library.
 * The queue is first come, first served across the network; a returned (or checked-in) copy goes to
 * the first waiting hold (return.service.ts), travels if the pickup library is another one, and
 * waits on the hold shelf until it is lent or the shelf time runs out.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { assertServable, readerForDesk, todayUtc, type DeskLibrary } from './checkout.service';
import { circulationError, toCirculationProblem } from './circulation.errors';
import { cancelHoldsAndPassOn } from './hold-release';
import type { THoldPlace, THoldStatus } from './circulation.schemas';
import { addDays, resolveLoanRule } from './rules';

export interface HoldView {
  id: string;
  recordId: string;
  title: string;
  readerId: string;
  pickupLibraryId: string;
  pickupLibraryName: string;
  status: THoldStatus;
  itemId: string | null;
  barcode: string | null;
  placedAt: string;
  expiresOn: string | null;
  /** Place in the queue (1 = next), for waiting holds. */
  position: number | null;
}

const HOLD_COLUMNS = sql`
  h.id, h.record_id as "recordId", b.title, h.reader_id as "readerId", h.pickup_library_id as "pickupLibraryId",
  pl.name as "pickupLibraryName", h.status, h.item_id as "itemId", i.barcode, h.placed_at as "placedAt",
  h.expires_on::text as "expiresOn",
  case when h.status = 'waiting' then (
    select count(*)::int from holds q where q.record_id = h.record_id and q.status = 'waiting'
      and (q.placed_at, q.id) <= (h.placed_at, h.id)) end as position`;

const HOLD_FROM = sql`
  from holds h join bib_records b on b.id = h.record_id join libraries pl on pl.id = h.pickup_library_id
  left join items i on i.id = h.item_id`;

function normalise(rows: unknown): HoldView[] {
  return rowsOf<HoldView & { placedAt: string | Date }>(rows).map((r) => ({
    ...r,
    placedAt: new Date(r.placedAt).toISOString(),
  }));
}

export async function findHold(db: Db, id: string): Promise<HoldView | null> {
  return normalise(await db.execute(sql`select ${HOLD_COLUMNS} ${HOLD_FROM} where h.id = ${id}`))[0] ?? null;
}

/** A reader's active holds (and, with `all`, closed ones too), newest first. */
export async function listReaderHolds(db: Db, readerId: string, all = false): Promise<HoldView[]> {
  const active = all ? sql`true` : sql`h.status in ('waiting','in_transit','ready')`;
  return normalise(await db.execute(sql`select ${HOLD_COLUMNS} ${HOLD_FROM} where h.reader_id = ${readerId} and ${active} order by h.placed_at desc`));
}

export type HoldListKind = 'ready' | 'in_transit' | 'to_pull' | 'expired';

/**
 * A library's hold lists: on its hold shelf (ready), travelling to it (in_transit), waiting holds it can
 * fill from its own shelf (to_pull: an available, untrapped copy is here), and expired holds whose
 * copies are still on its shelf.
 */
export async function listLibraryHolds(db: Db, libraryId: string, kind: HoldListKind): Promise<HoldView[]> {
  const where = {
    ready: sql`h.pickup_library_id = ${libraryId} and h.status = 'ready'`,
    in_transit: sql`h.pickup_library_id = ${libraryId} and h.status = 'in_transit'`,
    to_pull: sql`h.status = 'waiting' and exists (
      select 1 from items c where c.record_id = h.record_id and c.library_id = ${libraryId} and c.status = 'available' and c.withheld_by is null
        and not exists (select 1 from holds t where t.item_id = c.id and t.status in ('in_transit','ready')))`,
    expired: sql`h.pickup_library_id = ${libraryId} and h.status = 'expired' and i.status = 'available'
      and not exists (select 1 from holds t where t.item_id = h.item_id and t.status in ('in_transit','ready'))`,
  }[kind];
  return normalise(await db.execute(sql`select ${HOLD_COLUMNS} ${HOLD_FROM} where ${where} order by h.placed_at limit 500`));
}

/** Places a hold. `placedBy` is the staff member, or null when the reader places it on the portal. */
export async function placeHold(db: Db, actor: AuditActor, pickup: DeskLibrary, input: THoldPlace, placedBy: string | null, now = new Date()) {
  const today = todayUtc(now);
  try {
    return await db.transaction(async (tx) => {
      const reader = await readerForDesk(tx, input.readerId, today);
      if (!reader) throw circulationError('unknown_card', 'readerId');
      assertServable(reader, pickup);
      // Copies a reader may wait for: in the network, not lost or written off, not withheld by a check
      // against the list of extremist materials (those are never lent again).
      const rows = await tx.execute(sql`
        select b.material_type as "materialType", b.title,
          exists (select 1 from items i where i.record_id = b.id and i.network_id = ${pickup.networkId}
            and i.status not in ('lost','written_off') and i.withheld_by is null) as "hasCopies",
          exists (select 1 from items i where i.record_id = b.id and i.network_id = ${pickup.networkId}
            and i.status not in ('lost','written_off') and i.withheld_by is not null) as "hasWithheld"
        from bib_records b where b.id = ${input.recordId} and not b.is_deleted`);
      const record = rowsOf<{ materialType: string; title: string; hasCopies: boolean; hasWithheld: boolean }>(rows)[0];
      if (!record) throw circulationError('no_copies', 'recordId');
      if (!record.hasCopies) throw circulationError(record.hasWithheld ? 'record_withheld' : 'no_copies', 'recordId');
      const rule = resolveLoanRule(reader.rules, { libraryId: pickup.id, readerCategoryId: reader.categoryId, itemType: record.materialType });
      if (!rule.holdsAllowed) throw circulationError('holds_not_allowed', 'readerId');
      const inserted = await tx.execute(sql`
        insert into holds (network_id, record_id, reader_id, pickup_library_id, placed_by, placed_at)
        values (${pickup.networkId}, ${input.recordId}, ${reader.id}, ${pickup.id}, ${placedBy}, ${now}) returning id`);
      const id = rowsOf<{ id: string }>(inserted)[0]!.id;
      await writeAudit(tx, actor, {
        action: 'hold.place',
        objectType: 'hold',
        objectId: id,
        networkId: pickup.networkId,
        libraryId: pickup.id,
        summary: `${record.title} → ${reader.id}`,
        after: { ...input, placedBy },
      });
      return (await findHold(tx, id))!;
    });
  } catch (error) {
    toCirculationProblem(error);
  }
}

/** Cancels an active hold; a copy already trapped for it goes to the next hold or back (hold-release.ts). */
export async function cancelHold(db: Db, actor: AuditActor, hold: HoldView, networkId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const closed = await cancelHoldsAndPassOn(tx, actor, [hold.id], now);
    if (!closed.length) throw circulationError('hold_closed');
    await writeAudit(tx, actor, {
      action: 'hold.cancel',
      objectType: 'hold',
      objectId: hold.id,
      networkId,
      libraryId: hold.pickupLibraryId,
      summary: hold.title,
      before: { status: hold.status },
    });
    return { ...hold, status: 'cancelled' as const };
  });
}

export interface ReceiveResult {
  itemId: string;
  barcode: string;
  title: string;
  holdId: string | null;
  /** The reader the copy is now on the shelf for. */
  readerId: string | null;
  expiresOn: string | null;
}

/**
 * Receives a copy sent to this library: closes the transit and, when it travelled for a hold that is
 * still active, puts it on the hold shelf until the shelf time runs out.
 */
export async function receiveTransit(tx: Db, actor: AuditActor, lib: DeskLibrary, barcode: string, now = new Date()): Promise<ReceiveResult> {
  const today = todayUtc(now);
  const rows = await tx.execute(sql`
    select i.id as "itemId", i.barcode, b.title, t.id as "transitId", t.to_library_id as "toLibraryId",
      h.id as "holdId", h.reader_id as "readerId",
      coalesce((select s.hold_shelf_days from circulation_settings s where s.network_id = i.network_id), 7) as "shelfDays"
    from items i join bib_records b on b.id = i.record_id
    join item_transits t on t.item_id = i.id and t.received_at is null
    left join holds h on h.id = t.hold_id and h.status = 'in_transit'
    where i.barcode = ${barcode}
    for update of i`);
  const row = rowsOf<{
    itemId: string; barcode: string; title: string; transitId: string; toLibraryId: string;
    holdId: string | null; readerId: string | null; shelfDays: number;
  }>(rows)[0];
  if (!row || row.toLibraryId !== lib.id) throw circulationError('not_in_transit', 'barcode');
  const expiresOn = row.holdId ? addDays(today, row.shelfDays) : null;
  await tx.execute(sql`update item_transits set received_at = ${now} where id = ${row.transitId}`);
  await tx.execute(sql`update items set status = 'available', updated_at = ${now} where id = ${row.itemId}`);
  if (row.holdId) {
    await tx.execute(sql`update holds set status = 'ready', ready_at = ${now}, expires_on = ${expiresOn} where id = ${row.holdId}`);
  }
  await writeAudit(tx, actor, {
    action: 'item.transit_receive',
    objectType: 'item',
    objectId: row.itemId,
    networkId: lib.networkId,
    libraryId: lib.id,
    summary: `${row.barcode}${row.holdId ? ` → hold ${row.holdId}` : ''}`,
  });
  return { itemId: row.itemId, barcode: row.barcode, title: row.title, holdId: row.holdId, readerId: row.readerId, expiresOn };
}

/** Holds whose shelf time ran out become expired (a nightly job); their copies are checked in again by staff. */
export async function expireHolds(db: Db, now = new Date()): Promise<number> {
  const rows = await db.execute(sql`
    update holds set status = 'expired', closed_at = ${now}
    where status = 'ready' and expires_on < ${todayUtc(now)}::date returning id`);
  return rowsOf(rows).length;
}
