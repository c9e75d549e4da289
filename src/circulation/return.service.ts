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
  /** Withheld by a check against the list of extremist materials: it goes back withheld, to no hold. */
  isWithheld: boolean;
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

/** The copy, its open loan and the first waiting hold, the copy (and the hold) locked FOR UPDATE. */
async function readForReturn(tx: Db, barcode: string): Promise<ReturnRow | null> {
  const rows = await executePrepared<ReturnRow>(tx, sql`
    select i.id as "itemId", i.barcode, i.status, i.library_id as "homeLibraryId", i.network_id as "networkId",
      i.record_id as "recordId", i.inventory_number as "inventoryNumber", b.title,
      l.id as "loanId", l.reader_id as "readerId", l.due_on::text as "dueOn",
      h.id as "holdId", h.reader_id as "holdReaderId", h.pickup_library_id as "holdPickupId",
      coalesce((select s.hold_shelf_days from circulation_settings s where s.network_id = i.network_id), 7) as "holdShelfDays",
      (select t.id from item_transits t where t.item_id = i.id and t.received_at is null) as "openTransitId",
      (select t.to_library_id from item_transits t where t.item_id = i.id and t.received_at is null) as "openTransitTo",
      i.withheld_by is not null as "isWithheld"
    from items i
    join bib_records b on b.id = i.record_id
    left join loans l on l.item_id = i.id and l.returned_at is null
    left join lateral (
      select id, reader_id, pickup_library_id from holds
      where record_id = i.record_id and status = 'waiting' and network_id = i.network_id
      order by placed_at, id limit 1 for update skip locked) h on true
    where i.barcode = ${barcode}
    for update of i`);
  return rows[0] ?? null;
}

interface PlainReturnRow {
  itemId: string;
  barcode: string;
  title: string;
  networkId: string;
  loanId: string | null;
  readerId: string | null;
  dueOn: string | null;
  transitTo: string | null;
  toLibraryName: string | null;
  actionId: string | number | null;
}

/**
 * The common return in one statement: a copy on loan that no one is waiting for. The statement finds
 * the copy by its barcode and, when it is such a copy of the desk's network, closes the loan (only if
 * it is still open), puts the copy on the shelf or in transit to its home library, counts the visit and
 * writes the undo entry and the audit row; it answers the copy and what was written. No row: unknown
 * barcode. No action: anything else (a hold to fill, a transit to receive, another desk returned it
 * first, another network), which the careful path decides.
 */
async function returnPlainLoan(db: Db, actor: AuditActor, lib: DeskLibrary, barcode: string, now: Date): Promise<PlainReturnRow | null> {
  const today = todayUtc(now);
  const rows = await executePrepared<PlainReturnRow>(db, sql`
    with src as (
      select i.id as item_id, i.barcode, i.status, i.network_id, i.inventory_number, b.title,
        l.id as loan_id, l.reader_id, l.due_on,
        (select t.id from item_transits t where t.item_id = i.id and t.received_at is null) as open_transit_id,
        case when i.library_id <> ${lib.id}::uuid then i.library_id end as transit_to,
        i.status = 'on_loan' and l.id is not null and i.network_id = ${lib.networkId}::uuid and i.withheld_by is null
          and not exists (select 1 from holds h where h.record_id = i.record_id and h.status = 'waiting' and h.network_id = i.network_id) as plain
      from items i join bib_records b on b.id = i.record_id
      left join loans l on l.item_id = i.id and l.returned_at is null
      where i.barcode = ${barcode}),
    loan as (
      update loans set returned_at = ${now}, return_library_id = ${lib.id}, returned_by = ${actor.id}
      where id = (select loan_id from src where plain) and returned_at is null returning id, reader_id),
    moved as (
      update items set status = case when src.transit_to is null then 'available' else 'in_transit' end, updated_at = ${now}
      from src where items.id = src.item_id and exists (select 1 from loan)),
    visit as (
      insert into reader_visits (reader_id, library_id, day) select reader_id, ${lib.id}, ${today}::date from loan
      on conflict do nothing),
    closed_transit as (
      update item_transits set received_at = ${now}
      where id = (select open_transit_id from src) and exists (select 1 from loan)),
    transit as (
      insert into item_transits (item_id, from_library_id, to_library_id, sent_at)
      select src.item_id, ${lib.id}, src.transit_to, ${now} from src, loan where src.transit_to is not null
      returning id),
    action as (
      insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
      select 'return', loan.id, ${actor.id}, ${lib.id}, ${now},
        jsonb_build_object('itemStatus', src.status, 'holdId', null, 'openTransitId', src.open_transit_id, 'transitId', (select id from transit))
      from src, loan returning id),
    audit as (
      insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, after, ip, at)
      select ${actor.id}, ${actor.login}, 'loan.return', 'loan', loan.id::text, ${lib.networkId}, ${lib.id},
        src.inventory_number || ' / ' || src.barcode || coalesce(' → ' || src.transit_to::text, ''),
        jsonb_build_object('itemStatus', case when src.transit_to is null then 'available' else 'in_transit' end, 'transitTo', src.transit_to),
        ${actor.ip ?? ''}, ${now}
      from src, loan)
    select src.item_id as "itemId", src.barcode, src.title, src.network_id as "networkId", src.loan_id as "loanId",
      src.reader_id as "readerId", src.due_on::text as "dueOn", src.transit_to as "transitTo",
      (select name from libraries where id = src.transit_to) as "toLibraryName", (select id from action) as "actionId"
    from src`);
  return rows[0] ?? null;
}

export async function returnItem(db: Db, actor: AuditActor, lib: DeskLibrary, barcode: string, now = new Date()): Promise<ReturnResult> {
  const today = todayUtc(now);
  try {
    const code = barcode.trim();
    const plain = await returnPlainLoan(db, actor, lib, code, now);
    if (!plain) throw circulationError('unknown_barcode', 'barcode');
    if (plain.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
    if (plain.actionId !== null) {
      const { transitTo } = plain;
      return {
        loanId: plain.loanId,
        actionId: Number(plain.actionId),
        itemId: plain.itemId,
        barcode: plain.barcode,
        title: plain.title,
        readerId: plain.readerId,
        wasOverdue: !!plain.dueOn && plain.dueOn < today,
        next: transitTo ? { kind: 'transit', toLibraryId: transitTo, toLibraryName: plain.toLibraryName ?? '', holdId: null } : { kind: 'shelf' },
      };
    }
    // Holds to fill, transits to receive, check-ins and races: the careful path, under locks.
    return await db.transaction(async (tx) => {
      const row = await readForReturn(tx, code);
      if (!row) throw circulationError('unknown_barcode', 'barcode');
      if (row.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
      if (!row.loanId && row.status === 'in_transit' && row.openTransitTo === lib.id) {
        // A copy arriving from another branch, scanned in return mode: receive it.
        const received = await receiveTransit(tx, actor, lib, code, now);
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
      if (row.isWithheld) {
        // Never to a reader again: kept here, withheld, until it is written off.
        status = 'in_repair';
        row.holdId = null;
      } else if (row.holdId && row.holdPickupId) {
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
