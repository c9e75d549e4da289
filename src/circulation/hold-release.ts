/**
 * Ending a hold before its copy was lent (cancelled by staff or the reader, or during a merge of
 * duplicate readers). The copy already trapped for it does not stay reserved for no one: on the hold
 * shelf it goes to the next waiting hold of the record (onto the same shelf, or in transit to the next
 * pickup library) or, with no one waiting, back to the shelf (sent home when it is away from home).
 * A copy still travelling keeps travelling: for the next hold when that one is picked up at the same
 * library, otherwise as a plain copy that is checked in again on arrival.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { todayUtc } from './checkout.service';
import { addDays } from './rules';

interface ClosingHold {
  id: string;
  networkId: string;
  recordId: string;
  pickupLibraryId: string;
  status: string;
  itemId: string | null;
}

/**
 * Cancels active holds, locked first so their state before is known, and passes on the copies trapped
 * for them. Returns the holds as they were. Runs inside the caller's transaction.
 */
export async function cancelHoldsAndPassOn(tx: Db, actor: AuditActor, ids: string[], now: Date): Promise<ClosingHold[]> {
  if (!ids.length) return [];
  const closing = rowsOf<ClosingHold>(
    await tx.execute(sql`
      select id, network_id as "networkId", record_id as "recordId", pickup_library_id as "pickupLibraryId", status, item_id as "itemId"
      from holds where id in ${sql`(${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`} and status in ('waiting','in_transit','ready')
      order by id for update`),
  );
  if (!closing.length) return [];
  await tx.execute(sql`
    update holds set status = 'cancelled', closed_at = ${now}
    where id in ${sql`(${sql.join(closing.map((h) => sql`${h.id}`), sql`, `)})`}`);
  for (const hold of closing) await passOnHeldCopy(tx, actor, hold, now);
  return closing;
}

async function passOnHeldCopy(tx: Db, actor: AuditActor, hold: ClosingHold, now: Date) {
  if (!hold.itemId || (hold.status !== 'ready' && hold.status !== 'in_transit')) return;
  const [next] = rowsOf<{ id: string | null; pickupLibraryId: string | null; shelfDays: number; homeLibraryId: string }>(
    await tx.execute(sql`
      select h.id, h.pickup_library_id as "pickupLibraryId", i.library_id as "homeLibraryId",
        coalesce((select s.hold_shelf_days from circulation_settings s where s.network_id = ${hold.networkId}), 7) as "shelfDays"
      from items i left join lateral (
        select id, pickup_library_id from holds
        where record_id = ${hold.recordId} and network_id = ${hold.networkId} and status = 'waiting'
        order by placed_at, id limit 1 for update skip locked) h on true
      where i.id = ${hold.itemId}`),
  );
  if (!next) return;
  const here = hold.pickupLibraryId;
  let outcome: string;
  if (hold.status === 'in_transit') {
    if (next.id && next.pickupLibraryId === here) {
      await tx.execute(sql`update holds set status = 'in_transit', item_id = ${hold.itemId} where id = ${next.id}`);
      await tx.execute(sql`update item_transits set hold_id = ${next.id} where item_id = ${hold.itemId} and received_at is null`);
      outcome = `→ hold ${next.id}`;
    } else {
      await tx.execute(sql`update item_transits set hold_id = null where item_id = ${hold.itemId} and received_at is null`);
      outcome = '→ check in on arrival';
    }
  } else if (next.id && next.pickupLibraryId === here) {
    const expiresOn = addDays(todayUtc(now), next.shelfDays);
    await tx.execute(sql`
      update holds set status = 'ready', item_id = ${hold.itemId}, ready_at = ${now}, expires_on = ${expiresOn} where id = ${next.id}`);
    outcome = `→ hold shelf for hold ${next.id}`;
  } else {
    const to = next.id ? next.pickupLibraryId : next.homeLibraryId !== here ? next.homeLibraryId : null;
    if (to) {
      if (next.id) await tx.execute(sql`update holds set status = 'in_transit', item_id = ${hold.itemId} where id = ${next.id}`);
      await tx.execute(sql`
        insert into item_transits (item_id, from_library_id, to_library_id, hold_id, sent_at)
        values (${hold.itemId}, ${here}, ${to}, ${next.id}, ${now})`);
      await tx.execute(sql`update items set status = 'in_transit', updated_at = ${now} where id = ${hold.itemId}`);
      outcome = `→ ${to}${next.id ? ` for hold ${next.id}` : ''}`;
    } else {
      outcome = '→ shelf';
    }
  }
  await writeAudit(tx, actor, {
    action: 'item.hold_released',
    objectType: 'item',
    objectId: hold.itemId,
    networkId: hold.networkId,
    libraryId: here,
    summary: `hold ${hold.id} ${outcome}`,
    after: { holdId: hold.id, nextHoldId: next.id },
  });
}
