/**
 * Lending a copy at the desk, and the reader checks the desk's other actions share. A checkout is two
 * round trips (see checkOutItem); the desk works at scanner speed on a busy shared machine.
 */
import { sql } from 'drizzle-orm';
import { executePrepared, rowsOf, type Db } from '../app/db';
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

/** The reader and the copy as the checkout needs them, read in one round trip (no lock: see checkOutItem). */
async function readCheckout(db: Db, readerId: string, barcode: string, today: string) {
  const rows = await executePrepared<ReaderForDesk & Omit<LockedItem, 'id' | 'networkId'> & { itemId: string | null; itemNetworkId: string }>(db, sql`
    select r.id, r.network_id as "networkId", r.category_id as "categoryId", r.birth_date::text as "birthDate",
      r.is_blocked as "isBlocked", r.is_anonymised as "isAnonymised",
      exists (select 1 from reader_registrations g where g.reader_id = r.id and g.expires_on >= ${today}::date) as "isRegistered",
      coalesce((select c.open_loans from reader_loan_counts c where c.reader_id = r.id), 0) as "openLoans",
      coalesce((select json_agg(json_build_object(
          'libraryId', lr.library_id, 'readerCategoryId', lr.reader_category_id, 'itemType', lr.item_type,
          'loanDays', lr.loan_days, 'maxItems', lr.max_items, 'maxRenewals', lr.max_renewals, 'holdsAllowed', lr.holds_allowed))
        from loan_rules lr where lr.network_id = r.network_id), '[]'::json) as rules,
      i.id as "itemId", i.barcode, i.status, i.network_id as "itemNetworkId", i.record_id as "recordId",
      i.inventory_number as "inventoryNumber", b.age_label as "ageLabel", b.material_type as "materialType", b.title,
      (select h.reader_id from holds h where h.item_id = i.id and h.status in ('in_transit','ready') limit 1) as "heldForReaderId",
      exists (select 1 from loans l where l.item_id = i.id and l.returned_at is null) as "isOnLoan"
    from readers r
    left join (items i join bib_records b on b.id = i.record_id) on i.barcode = ${barcode}
    where r.id = ${readerId}`);
  const row = rows[0];
  if (!row) return null;
  const item: LockedItem | null = row.itemId
    ? {
        id: row.itemId,
        barcode: row.barcode,
        status: row.status,
        libraryId: '',
        networkId: row.itemNetworkId,
        recordId: row.recordId,
        inventoryNumber: row.inventoryNumber,
        ageLabel: row.ageLabel,
        materialType: row.materialType,
        title: row.title,
        heldForReaderId: row.heldForReaderId,
        isOnLoan: row.isOnLoan,
      }
    : null;
  return { reader: row as ReaderForDesk, item };
}

/** Why a copy could not be lent after all (it changed between the read and the write). */
function refusalOf(item: LockedItem | null, readerId: string, maxItems?: number): never {
  if (!item) throw circulationError('unknown_barcode', 'barcode');
  if (item.isOnLoan || item.status === 'on_loan') throw circulationError('already_on_loan', 'barcode');
  if (!canMove('checkout', item.status)) throw circulationError('not_available', 'barcode');
  if (item.heldForReaderId && item.heldForReaderId !== readerId) throw circulationError('held_for_other', 'barcode');
  throw circulationError('max_items', 'barcode', maxItems === undefined ? undefined : { max: maxItems });
}

/**
 * Lends a copy. One read (reader, rules, copy) and one write statement: the write locks the copy only
 * if it is still on the shelf (FOR UPDATE, re-checked after any concurrent desk's commit), then the
 * reader's row of open-loan counts only if it is still below the maximum (ON CONFLICT DO UPDATE … WHERE
 * compares with the latest committed count, after any concurrent desk's commit), and writes the loan,
 * the copy's status, the visit, the fulfilled hold, the undo entry and the audit log together or not
 * at all. The partial unique index `loans__open_item` is the last guard for the copy.
 */
export async function checkOutItem(
  db: Db,
  actor: AuditActor,
  lib: DeskLibrary,
  input: TCheckout,
  now = new Date(),
): Promise<CheckoutResult> {
  const today = todayUtc(now);
  try {
    const read = await readCheckout(db, input.readerId, input.barcode.trim(), today);
    if (!read) throw circulationError('unknown_card', 'readerId');
    const { reader, item } = read;
    assertServable(reader, lib);
    if (!item) throw circulationError('unknown_barcode', 'barcode');
    if (item.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
    if (item.isOnLoan || item.status === 'on_loan' || !canMove('checkout', item.status) || (item.heldForReaderId && item.heldForReaderId !== reader.id)) {
      refusalOf(item, reader.id);
    }
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
    const rows = await executePrepared<{ loanId: string; actionId: string | number }>(db, sql`
      with target as (
        select id from items where id = ${item.id} and status = 'available' for update),
      free as (
        select target.id from target
        where not exists (select 1 from holds h where h.item_id = target.id and h.status in ('in_transit','ready') and h.reader_id <> ${reader.id})),
      counted as (
        insert into reader_loan_counts as c (reader_id, open_loans) select ${reader.id}, 0 from free
        on conflict (reader_id) do update set open_loans = c.open_loans where c.open_loans < ${rule.maxItems}
        returning reader_id),
      allowed as (select free.id from free where exists (select 1 from counted)),
      loan as (
        insert into loans (network_id, library_id, item_id, reader_id, due_on, age_override_reason, lent_by, loaned_at)
        select ${lib.networkId}, ${lib.id}, allowed.id, ${reader.id}, ${dueOn}, ${reason}, ${actor.id}, ${now} from allowed
        returning id),
      moved as (update items set status = 'on_loan', updated_at = ${now} where id in (select id from allowed)),
      visit as (
        insert into reader_visits (reader_id, library_id, day) select ${reader.id}, ${lib.id}, ${today}::date from loan
        on conflict do nothing),
      prior as (
        select id, status from holds
        where reader_id = ${reader.id} and record_id = ${item.recordId} and status in ('waiting','in_transit','ready')),
      hold as (
        update holds set status = 'fulfilled', closed_at = ${now}
        where id in (select id from prior) and exists (select 1 from loan)),
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
    const written = rows[0];
    if (!written) refusalOf((await readCheckout(db, reader.id, item.barcode, today))?.item ?? null, reader.id, rule.maxItems);
    return {
      loanId: written.loanId,
      actionId: Number(written.actionId),
      itemId: item.id,
      barcode: item.barcode,
      title: item.title,
      dueOn,
      ageOverridden: !!reason,
    };
  } catch (error) {
    toCirculationProblem(error);
  }
}
