/**
 * Returning a copy at the desk, and checking in a copy that was not on loan. At return the next hold
 * in the record's queue takes the copy: onto this library's hold shelf, or in transit to the pickup
 * library (the desk is told which). A copy returned away from its home library with no hold goes home.
 */
import { sql } from 'drizzle-orm';
import { executePrepared, type Db } from '../app/db';
import type { AuditActor } from '../audit';
import type { TItemStatus } from '../catalog';
import { todayUtc, type DeskLibrary } from './checkout.service';
import { circulationError, toCirculationProblem } from './circulation.errors';
import { receiveTransit } from './holds.service';
import { canMove } from './item-status';
import { addDays } from './rules';

interface ReturnRow {
  itemId: string;
  barcode: string;
  status: TItemStatus;
  homeLibraryId: string;
  networkId: string;
  recordId: string;
  inventoryNumber: string;
  title: string;
  loanId: string | null;
  readerId: string | null;
  dueOn: string | null;
  holdId: string | null;
  holdReaderId: string | null;
  holdPickupId: string | null;
  holdShelfDays: number;
  openTransitId: string | null;
  openTransitTo: string | null;
}

export interface ReturnResult {
  loanId: string | null;
  actionId: number | null;
  itemId: string;
  barcode: string;
  title: string;
  readerId: string | null;
  wasOverdue: boolean;
  /** What to do with the copy now. */
  next: { kind: 'shelf' } | { kind: 'hold_shelf'; holdId: string } | { kind: 'transit'; toLibraryId: string; toLibraryName: string; holdId: string | null };
}

/** The copy, its open loan and the first waiting hold; `lock` takes the copy (and the hold) FOR UPDATE. */
async function readForReturn(tx: Db, barcode: string, lock: boolean): Promise<ReturnRow | null> {
  const rows = await executePrepared<ReturnRow>(tx, sql`
    select i.id as "itemId", i.barcode, i.status, i.library_id as "homeLibraryId", i.network_id as "networkId",
      i.record_id as "recordId", i.inventory_number as "inventoryNumber", b.title,
      l.id as "loanId", l.reader_id as "readerId", l.due_on::text as "dueOn",
      h.id as "holdId", h.reader_id as "holdReaderId", h.pickup_library_id as "holdPickupId",
      coalesce((select s.hold_shelf_days from circulation_settings s where s.network_id = i.network_id), 7) as "holdShelfDays",
      (select t.id from item_transits t where t.item_id = i.id and t.received_at is null) as "openTransitId",
      (select t.to_library_id from item_transits t where t.item_id = i.id and t.received_at is null) as "openTransitTo"
    from items i
    join bib_records b on b.id = i.record_id
    left join loans l on l.item_id = i.id and l.returned_at is null
    left join lateral (
      select id, reader_id, pickup_library_id from holds
      where record_id = i.record_id and status = 'waiting' and network_id = i.network_id
      order by placed_at, id limit 1 ${lock ? sql`for update skip locked` : sql``}) h on true
    where i.barcode = ${barcode}
    ${lock ? sql`for update of i` : sql``}`);
  return rows[0] ?? null;
}

/**
 * The common return: a copy on loan that no one is waiting for. One statement, conditioned on the loan
 * still being open, writes everything (or nothing, when another desk returned it first: null).
 */
async function returnPlainLoan(db: Db, actor: AuditActor, lib: DeskLibrary, row: ReturnRow, now: Date): Promise<ReturnResult | null> {
  const today = todayUtc(now);
  const transitTo = row.homeLibraryId !== lib.id ? row.homeLibraryId : null;
  const status: TItemStatus = transitTo ? 'in_transit' : 'available';
  const undo = { itemStatus: row.status, holdId: null, openTransitId: row.openTransitId };
  const summary = `${row.inventoryNumber} / ${row.barcode}${transitTo ? ` → ${transitTo}` : ''}`;
  const rows = await executePrepared<{ actionId: string | number | null; toLibraryName: string | null }>(db, sql`
    with loan as (
      update loans set returned_at = ${now}, return_library_id = ${lib.id}, returned_by = ${actor.id}
      where id = ${row.loanId} and returned_at is null returning id, reader_id),
    moved as (update items set status = ${status}, updated_at = ${now} where id = ${row.itemId} and exists (select 1 from loan)),
    visit as (
      insert into reader_visits (reader_id, library_id, day) select reader_id, ${lib.id}, ${today}::date from loan
      on conflict do nothing),
    closed_transit as (update item_transits set received_at = ${now} where id = ${row.openTransitId} and exists (select 1 from loan)),
    transit as (
      insert into item_transits (item_id, from_library_id, to_library_id, sent_at)
      select ${row.itemId}, ${lib.id}, ${transitTo}::uuid, ${now} from loan where ${transitTo}::uuid is not null
      returning id),
    action as (
      insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
      select 'return', loan.id, ${actor.id}, ${lib.id}, ${now},
        ${JSON.stringify(undo)}::jsonb || jsonb_build_object('transitId', (select id from transit))
      from loan returning id),
    audit as (
      insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, after, ip, at)
      select ${actor.id}, ${actor.login}, 'loan.return', 'loan', loan.id::text, ${lib.networkId}, ${lib.id}, ${summary},
        jsonb_build_object('itemStatus', ${status}::text, 'transitTo', ${transitTo}::uuid), ${actor.ip ?? ''}, ${now}
      from loan)
    select (select id from action) as "actionId",
      (select name from libraries where id = ${transitTo}::uuid) as "toLibraryName"`);
  const written = rows[0];
  if (!written || written.actionId === null) return null;
  return {
    loanId: row.loanId,
    actionId: Number(written.actionId),
    itemId: row.itemId,
    barcode: row.barcode,
    title: row.title,
    readerId: row.readerId,
    wasOverdue: !!row.dueOn && row.dueOn < today,
    next: transitTo ? { kind: 'transit', toLibraryId: transitTo, toLibraryName: written.toLibraryName ?? '', holdId: null } : { kind: 'shelf' },
  };
}

export async function returnItem(db: Db, actor: AuditActor, lib: DeskLibrary, barcode: string, now = new Date()): Promise<ReturnResult> {
  const today = todayUtc(now);
  try {
    const peek = await readForReturn(db, barcode.trim(), false);
    if (!peek) throw circulationError('unknown_barcode', 'barcode');
    if (peek.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
    if (peek.loanId && !peek.holdId && peek.status === 'on_loan') {
      const done = await returnPlainLoan(db, actor, lib, peek, now);
      if (done) return done;
    }
    // Holds to fill, transits to receive, check-ins and races: the careful path, under locks.
    return await db.transaction(async (tx) => {
      const row = await readForReturn(tx, barcode, true);
      if (!row) throw circulationError('unknown_barcode', 'barcode');
      if (row.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
      if (!row.loanId && row.status === 'in_transit' && row.openTransitTo === lib.id) {
        // A copy arriving from another branch, scanned in return mode: receive it.
        const received = await receiveTransit(tx, actor, lib, barcode, now);
        return {
          loanId: null,
          actionId: null,
          itemId: received.itemId,
          barcode: received.barcode,
          title: received.title,
          readerId: null,
          wasOverdue: false,
          next: received.holdId ? { kind: 'hold_shelf' as const, holdId: received.holdId } : { kind: 'shelf' as const },
        };
      }
      if (!row.loanId && !row.holdId && row.homeLibraryId === lib.id) throw circulationError('not_on_loan', 'barcode');
      if (!canMove('return', row.status)) throw circulationError('not_on_loan', 'barcode');

      // Where the copy goes: the first hold in the queue, else home, else this shelf.
      let next: ReturnResult['next'] = { kind: 'shelf' };
      let status: TItemStatus = 'available';
      let transitTo: string | null = null;
      if (row.holdId && row.holdPickupId) {
        if (row.holdPickupId === lib.id) {
          next = { kind: 'hold_shelf', holdId: row.holdId };
        } else {
          transitTo = row.holdPickupId;
          next = { kind: 'transit', toLibraryId: transitTo, toLibraryName: '', holdId: row.holdId };
        }
      } else if (row.homeLibraryId !== lib.id) {
        transitTo = row.homeLibraryId;
        next = { kind: 'transit', toLibraryId: transitTo, toLibraryName: '', holdId: null };
      }
      if (transitTo) status = 'in_transit';
      const holdId = row.holdId;
      const expiresOn = addDays(today, row.holdShelfDays);
      const undo = {
        itemStatus: row.status,
        holdId,
        openTransitId: row.openTransitId,
      };
      const summary = `${row.inventoryNumber} / ${row.barcode}${transitTo ? ` → ${transitTo}` : ''}`;
      const rows = await executePrepared<{ actionId: string | number | null; toLibraryName: string | null }>(tx, sql`
        with loan as (
          update loans set returned_at = ${now}, return_library_id = ${lib.id}, returned_by = ${actor.id}
          where id = ${row.loanId} returning id, reader_id),
        moved as (update items set status = ${status}, updated_at = ${now} where id = ${row.itemId}),
        visit as (
          insert into reader_visits (reader_id, library_id, day) select reader_id, ${lib.id}, ${today}::date from loan
          on conflict do nothing),
        closed_transit as (update item_transits set received_at = ${now} where id = ${row.openTransitId}),
        hold as (
          update holds set status = ${transitTo ? 'in_transit' : 'ready'}, item_id = ${row.itemId},
            ready_at = ${transitTo ? null : now}, expires_on = ${transitTo ? null : expiresOn}
          where id = ${holdId} and status = 'waiting' returning id),
        transit as (
          insert into item_transits (item_id, from_library_id, to_library_id, hold_id, sent_at)
          select ${row.itemId}, ${lib.id}, ${transitTo}::uuid, ${holdId}::uuid, ${now} where ${transitTo}::uuid is not null
          returning id),
        action as (
          insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
          select 'return', loan.id, ${actor.id}, ${lib.id}, ${now},
            ${JSON.stringify(undo)}::jsonb || jsonb_build_object('transitId', (select id from transit))
          from loan returning id),
        audit as (
          insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, after, ip, at)
          values (${actor.id}, ${actor.login}, ${row.loanId ? 'loan.return' : 'item.check_in'}, ${row.loanId ? 'loan' : 'item'},
            ${row.loanId ?? row.itemId}, ${lib.networkId}, ${lib.id}, ${summary},
            jsonb_build_object('itemStatus', ${status}::text, 'holdId', ${holdId}::uuid, 'transitTo', ${transitTo}::uuid),
            ${actor.ip ?? ''}, ${now}))
        select (select id from action) as "actionId",
          (select name from libraries where id = ${transitTo}::uuid) as "toLibraryName"`);
      const written = rows[0]!;
      if (next.kind === 'transit') next.toLibraryName = written.toLibraryName ?? '';
      return {
        loanId: row.loanId,
        actionId: written.actionId === null ? null : Number(written.actionId),
        itemId: row.itemId,
        barcode: row.barcode,
        title: row.title,
        readerId: row.readerId,
        wasOverdue: !!row.dueOn && row.dueOn < today,
        next,
      };
    });
  } catch (error) {
    toCirculationProblem(error);
  }
}
