/**
 * Lending a copy at the desk. The whole checkout is one transaction of four statements: the reader
 * with their open loans and the network's rules, the copy locked FOR UPDATE (so concurrent desks
 * lending the same copy queue here, and all but the first find it on loan), then one statement that
 * writes the loan, the copy's status, the day's visit, the undo entry and the audit log.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import type { AuditActor } from '../audit';
import type { TAgeLabel, TItemStatus } from '../catalog';
import { ageOn } from '../readers';
import { isBelowAgeLabel } from './age-labels';
import { circulationError, toCirculationProblem } from './circulation.errors';
import type { TCheckout } from './circulation.schemas';
import { canMove } from './item-status';
import { dueDateFor, resolveLoanRule, type LoanRuleRow } from './rules';

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export interface DeskLibrary {
  id: string;
  networkId: string;
}

export interface ReaderForDesk {
  id: string;
  networkId: string;
  categoryId: string | null;
  birthDate: string | null;
  isBlocked: boolean;
  isAnonymised: boolean;
  isRegistered: boolean;
  openLoans: number;
  rules: LoanRuleRow[];
}

/** The reader as the desk needs them: blocks, registration, open loans and the network's rules, in one query. */
export async function readerForDesk(tx: Db, readerId: string, today: string): Promise<ReaderForDesk | null> {
  const rows = await tx.execute(sql`
    select r.id, r.network_id as "networkId", r.category_id as "categoryId", r.birth_date::text as "birthDate",
      r.is_blocked as "isBlocked", r.is_anonymised as "isAnonymised",
      exists (select 1 from reader_registrations g where g.reader_id = r.id and g.expires_on >= ${today}::date) as "isRegistered",
      (select count(*)::int from loans l where l.reader_id = r.id and l.returned_at is null) as "openLoans",
      coalesce((select json_agg(json_build_object(
          'libraryId', lr.library_id, 'readerCategoryId', lr.reader_category_id, 'itemType', lr.item_type,
          'loanDays', lr.loan_days, 'maxItems', lr.max_items, 'maxRenewals', lr.max_renewals, 'holdsAllowed', lr.holds_allowed))
        from loan_rules lr where lr.network_id = r.network_id), '[]'::json) as rules
    from readers r where r.id = ${readerId}`);
  return rowsOf<ReaderForDesk>(rows)[0] ?? null;
}

/** Refuses a reader who may not be served (erased, blocked, registration expired, another network). */
export function assertServable(reader: ReaderForDesk, lib: DeskLibrary) {
  if (reader.isAnonymised) throw circulationError('reader_erased', 'readerId');
  if (reader.networkId !== lib.networkId) throw circulationError('other_network', 'readerId');
  if (reader.isBlocked) throw circulationError('reader_blocked', 'readerId');
  if (!reader.isRegistered) throw circulationError('registration_expired', 'readerId');
}

interface LockedItem {
  id: string;
  barcode: string;
  status: TItemStatus;
  libraryId: string;
  networkId: string;
  recordId: string;
  inventoryNumber: string;
  ageLabel: TAgeLabel | null;
  materialType: string;
  title: string;
  heldForReaderId: string | null;
  isOnLoan: boolean;
}

/** The copy with its record's age label and type, locked for the rest of the transaction. */
export async function lockItemByBarcode(tx: Db, barcode: string): Promise<LockedItem | null> {
  const rows = await tx.execute(sql`
    select i.id, i.barcode, i.status, i.library_id as "libraryId", i.network_id as "networkId", i.record_id as "recordId",
      i.inventory_number as "inventoryNumber", b.age_label as "ageLabel", b.material_type as "materialType", b.title,
      (select h.reader_id from holds h where h.item_id = i.id and h.status in ('in_transit','ready') limit 1) as "heldForReaderId",
      exists (select 1 from loans l where l.item_id = i.id and l.returned_at is null) as "isOnLoan"
    from items i join bib_records b on b.id = i.record_id
    where i.barcode = ${barcode}
    for update of i`);
  return rowsOf<LockedItem>(rows)[0] ?? null;
}

export interface CheckoutResult {
  loanId: string;
  actionId: number;
  itemId: string;
  barcode: string;
  title: string;
  dueOn: string;
  ageOverridden: boolean;
}

export async function checkOutItem(
  db: Db,
  actor: AuditActor,
  lib: DeskLibrary,
  input: TCheckout,
  now = new Date(),
): Promise<CheckoutResult> {
  const today = todayUtc(now);
  try {
    return await db.transaction(async (tx) => {
      const reader = await readerForDesk(tx, input.readerId, today);
      if (!reader) throw circulationError('unknown_card', 'readerId');
      assertServable(reader, lib);
      const item = await lockItemByBarcode(tx, input.barcode);
      if (!item) throw circulationError('unknown_barcode', 'barcode');
      if (item.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
      if (item.isOnLoan || item.status === 'on_loan') throw circulationError('already_on_loan', 'barcode');
      if (!canMove('checkout', item.status)) throw circulationError('not_available', 'barcode');
      if (item.heldForReaderId && item.heldForReaderId !== reader.id) throw circulationError('held_for_other', 'barcode');
      const age = reader.birthDate ? ageOn(reader.birthDate, today) : null;
      const overrideReason = input.ageOverrideReason?.trim() ?? '';
      const isBelowLabel = isBelowAgeLabel(item.ageLabel, age);
      if (isBelowLabel && !overrideReason) {
        throw circulationError('age_label', 'ageOverrideReason', { label: item.ageLabel ?? '', age: age ?? '' });
      }
      const rule = resolveLoanRule(reader.rules, { libraryId: lib.id, readerCategoryId: reader.categoryId, itemType: item.materialType });
      if (rule.loanDays === 0) throw circulationError('loans_not_allowed', 'barcode');
      if (reader.openLoans >= rule.maxItems) throw circulationError('max_items', 'barcode', { max: rule.maxItems });
      const dueOn = dueDateFor(rule, today);
      const reason = isBelowLabel ? overrideReason : '';
      const summary = `${item.inventoryNumber} / ${item.barcode} → ${reader.id}${reason ? ` (${item.ageLabel}: ${reason})` : ''}`;
      const rows = await tx.execute(sql`
        with loan as (
          insert into loans (network_id, library_id, item_id, reader_id, due_on, age_override_reason, lent_by, loaned_at)
          values (${lib.networkId}, ${lib.id}, ${item.id}, ${reader.id}, ${dueOn}, ${reason}, ${actor.id}, ${now})
          returning id, due_on),
        moved as (update items set status = 'on_loan', updated_at = ${now} where id = ${item.id}),
        visit as (insert into reader_visits (reader_id, library_id, day) values (${reader.id}, ${lib.id}, ${today}) on conflict do nothing),
        hold as (
          update holds set status = 'fulfilled', closed_at = ${now}
          where reader_id = ${reader.id} and record_id = ${item.recordId} and status in ('waiting','in_transit','ready')
          returning id, status, item_id as "itemId", ready_at as "readyAt", expires_on as "expiresOn"),
        prior as (select id, status from holds where reader_id = ${reader.id} and record_id = ${item.recordId} and status in ('waiting','in_transit','ready')),
        action as (
          insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
          select 'checkout', loan.id, ${actor.id}, ${lib.id}, ${now},
            jsonb_build_object('itemStatus', ${item.status}::text, 'hold', (select row_to_json(p) from prior p limit 1))
          from loan returning id),
        audit as (
          insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, after, ip, at)
          select ${actor.id}, ${actor.login}, ${reason ? 'loan.checkout_age_override' : 'loan.checkout'}, 'loan', loan.id::text,
            ${lib.networkId}, ${lib.id}, ${summary},
            jsonb_build_object('itemId', ${item.id}::uuid, 'readerId', ${reader.id}::uuid, 'dueOn', ${dueOn}::text, 'ageLabel', ${item.ageLabel}::text, 'ageOverrideReason', ${reason}::text),
            ${actor.ip ?? ''}, ${now}
          from loan)
        select loan.id as "loanId", (select id from action) as "actionId" from loan`);
      const written = rowsOf<{ loanId: string; actionId: string | number }>(rows)[0]!;
      return {
        loanId: written.loanId,
        actionId: Number(written.actionId),
        itemId: item.id,
        barcode: item.barcode,
        title: item.title,
        dueOn,
        ageOverridden: !!reason,
      };
    });
  } catch (error) {
    toCirculationProblem(error);
  }
}
