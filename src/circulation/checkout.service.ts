/**
 * Lending a copy at the desk, and the reader checks the desk's other actions share. A checkout is one
 * statement, one round trip (see runCheckout); the desk works at scanner speed on a busy shared machine.
 */
import { sql } from 'drizzle-orm';
import { executePrepared, rowsOf, type Db } from '../app/db';
import type { AuditActor } from '../audit';
import type { TAgeLabel, TItemStatus } from '../catalog';
import { MINIMUM_AGE } from './age-labels';
import { circulationError, toCirculationProblem } from './circulation.errors';
import type { TCheckout } from './circulation.schemas';
import { BUILT_IN_RULE, type LoanRuleRow } from './rules';

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

/** Why the checkout statement refused, and the field of the desk's form the refusal belongs to. */
const REFUSAL_FIELDS = {
  unknown_card: 'readerId',
  reader_erased: 'readerId',
  other_network_reader: 'readerId',
  reader_blocked: 'readerId',
  registration_expired: 'readerId',
  unknown_barcode: 'barcode',
  other_network_item: 'barcode',
  already_on_loan: 'barcode',
  not_available: 'barcode',
  withheld: 'barcode',
  held_for_other: 'barcode',
  age_label: 'ageOverrideReason',
  loans_not_allowed: 'barcode',
  max_items: 'barcode',
} as const;
type Refusal = keyof typeof REFUSAL_FIELDS;

interface CheckoutRow {
  refusal: Refusal | null;
  itemId: string | null;
  barcode: string | null;
  title: string | null;
  ageLabel: TAgeLabel | null;
  age: number | null;
  maxItems: number;
  /** The check against the list of extremist materials that withheld the copy: its day and the entry. */
  withheldOn: string | null;
  withheldEntry: number | null;
  dueOn: string;
  below: boolean | null;
  loanId: string | null;
  actionId: string | number | null;
}

/** The youngest age per label as SQL (constants of age-labels.ts, so the statement's text never changes). */
const minimumAgeOf = (label: string) =>
  sql.raw(`case ${label} ${Object.entries(MINIMUM_AGE).map(([l, age]) => `when '${l}' then ${age}`).join(' ')} else 0 end`);

function refusalError(row: CheckoutRow): never {
  const refusal = row.refusal!;
  const code = refusal === 'other_network_reader' || refusal === 'other_network_item' ? 'other_network' : refusal;
  let params: Record<string, string | number> | undefined;
  if (refusal === 'age_label') params = { label: row.ageLabel ?? '', age: row.age ?? '' };
  if (refusal === 'max_items') params = { max: row.maxItems };
  if (refusal === 'withheld') params = { date: row.withheldOn ?? '—', entry: row.withheldEntry ?? '—' };
  throw circulationError(code, REFUSAL_FIELDS[refusal], params);
}

/**
 * One checkout statement: it reads the reader (erased, network, block, registration, age, open loans)
 * and the copy (network, status, open loan, hold for another reader, age label), resolves the loan
 * rule the way resolveLoanRule does (the most specific match, else the built-in rule) and decides.
 * Refused: it writes nothing and answers the reason. Allowed: it locks the copy only if it is still on
 * the shelf (FOR UPDATE, re-checked after any concurrent desk's commit), then the reader's row of
 * open-loan counts only if it is still below the maximum (ON CONFLICT DO UPDATE … WHERE compares with
 * the latest committed count), and writes the loan, the copy's status, the visit, the fulfilled hold,
 * the undo entry and the audit row together or not at all; it answers the loan and the copy. The
 * partial unique index `loans__open_item` is the last guard for the copy.
 */
async function runCheckout(db: Db, actor: AuditActor, lib: DeskLibrary, input: TCheckout, reason: string, now: Date): Promise<CheckoutRow> {
  const today = todayUtc(now);
  // src is materialized: inlined into v, whose decision reads its columns twice, its subqueries would run twice.
  const rows = await executePrepared<CheckoutRow>(db, sql`
    with src as materialized (
      select r.id as reader_id, r.network_id as reader_network_id, r.is_anonymised, r.is_blocked,
        exists (select 1 from reader_registrations g where g.reader_id = r.id and g.expires_on >= ${today}::date) as is_registered,
        case when r.birth_date is not null then
          extract(year from ${today}::date)::int - extract(year from r.birth_date)::int
            - (to_char(${today}::date, 'MMDD') < to_char(r.birth_date, 'MMDD'))::int end as age,
        coalesce(c.open_loans, 0) as open_loans,
        coalesce(rule.loan_days, ${BUILT_IN_RULE.loanDays}::int) as loan_days, coalesce(rule.max_items, ${BUILT_IN_RULE.maxItems}::int) as max_items,
        i.id as item_id, i.barcode, i.status, i.network_id as item_network_id, i.record_id, i.inventory_number, b.title, b.age_label,
        ${minimumAgeOf('b.age_label')} as minimum_age, i.withheld_by,
        exists (select 1 from loans l where l.item_id = i.id and l.returned_at is null) as is_on_loan,
        exists (select 1 from holds h where h.item_id = i.id and h.status in ('in_transit','ready') and h.reader_id <> r.id) as is_held_for_other
      from (select 1) one
      left join readers r on r.id = ${input.readerId}
      left join (items i join bib_records b on b.id = i.record_id) on i.barcode = ${input.barcode.trim()}
      left join reader_loan_counts c on c.reader_id = r.id
      left join lateral (
        select lr.loan_days, lr.max_items from loan_rules lr
        where lr.network_id = r.network_id and (lr.library_id is null or lr.library_id = ${lib.id}::uuid)
          and (lr.reader_category_id is null or lr.reader_category_id = r.category_id)
          and (lr.item_type is null or lr.item_type = b.material_type)
        order by (lr.library_id is not null)::int * 4 + (lr.reader_category_id is not null)::int * 2 + (lr.item_type is not null)::int desc
        limit 1) rule on true),
    v as (
      select src.*, src.age < src.minimum_age as below, ${today}::date + src.loan_days as due_on,
        case
          when src.reader_id is null then 'unknown_card'
          when src.is_anonymised then 'reader_erased'
          when src.reader_network_id <> ${lib.networkId}::uuid then 'other_network_reader'
          when src.is_blocked then 'reader_blocked'
          when not src.is_registered then 'registration_expired'
          when src.item_id is null then 'unknown_barcode'
          when src.item_network_id <> ${lib.networkId}::uuid then 'other_network_item'
          when src.is_on_loan or src.status = 'on_loan' then 'already_on_loan'
          when src.withheld_by is not null then 'withheld'
          when src.status <> 'available' then 'not_available'
          when src.is_held_for_other then 'held_for_other'
          when src.age < src.minimum_age and ${reason}::text = '' then 'age_label'
          when src.loan_days = 0 then 'loans_not_allowed'
          when src.open_loans >= src.max_items then 'max_items'
        end as refusal
      from src),
    target as (
      select id from items where id = (select item_id from v where refusal is null) and status = 'available' and withheld_by is null for update),
    free as (
      select target.id from target
      where not exists (select 1 from holds h where h.item_id = target.id and h.status in ('in_transit','ready') and h.reader_id <> ${input.readerId})),
    counted as (
      insert into reader_loan_counts as c (reader_id, open_loans) select ${input.readerId}, 0 from free
      on conflict (reader_id) do update set open_loans = c.open_loans where c.open_loans < (select max_items from v)
      returning reader_id),
    allowed as (select free.id from free where exists (select 1 from counted)),
    loan as (
      insert into loans (network_id, library_id, item_id, reader_id, due_on, age_override_reason, lent_by, loaned_at)
      select ${lib.networkId}, ${lib.id}, allowed.id, ${input.readerId}, v.due_on, case when v.below then ${reason} else '' end, ${actor.id}, ${now}
      from allowed, v
      returning id),
    moved as (update items set status = 'on_loan', updated_at = ${now} where id in (select id from allowed)),
    visit as (
      insert into reader_visits (reader_id, library_id, day) select ${input.readerId}, ${lib.id}, ${today}::date from loan
      on conflict do nothing),
    prior as (
      select id, status from holds
      where reader_id = ${input.readerId} and record_id = (select record_id from v) and status in ('waiting','in_transit','ready')),
    hold as (
      update holds set status = 'fulfilled', closed_at = ${now}
      where id in (select id from prior) and exists (select 1 from loan)),
    action as (
      insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
      select 'checkout', loan.id, ${actor.id}, ${lib.id}, ${now},
        jsonb_build_object('itemStatus', v.status, 'hold', (select row_to_json(p) from prior p limit 1))
      from loan, v returning id),
    audit as (
      insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, after, ip, at)
      select ${actor.id}, ${actor.login}, case when v.below then 'loan.checkout_age_override' else 'loan.checkout' end, 'loan', loan.id::text,
        ${lib.networkId}, ${lib.id},
        v.inventory_number || ' / ' || v.barcode || ' → ' || v.reader_id::text
          || case when v.below then ' (' || v.age_label || ': ' || ${reason}::text || ')' else '' end,
        jsonb_build_object('itemId', v.item_id, 'readerId', v.reader_id, 'dueOn', v.due_on::text, 'ageLabel', v.age_label,
          'ageOverrideReason', case when v.below then ${reason}::text else '' end),
        ${actor.ip ?? ''}, ${now}
      from loan, v)
    select v.refusal, v.item_id as "itemId", v.barcode, v.title, v.age_label as "ageLabel", v.age, v.max_items as "maxItems",
      (select to_char(c.checked_on, 'DD.MM.YYYY') from extremist_matches m join extremist_checks c on c.id = m.check_id where m.id = v.withheld_by) as "withheldOn",
      (select e.number from extremist_matches m join extremist_entries e on e.id = m.entry_id where m.id = v.withheld_by) as "withheldEntry",
      v.due_on::text as "dueOn", v.below, (select id from loan) as "loanId", (select id from action) as "actionId"
    from v`);
  return rows[0]!;
}

/**
 * Lends a copy: one statement (runCheckout) checks the reader and the copy and writes everything. When
 * another desk got there between the statement's snapshot and its locks (the copy lent, the reader's
 * last allowed loan taken), it wrote nothing and had no reason to give: run again, it sees the winner's
 * commit and says why.
 */
export async function checkOutItem(
  db: Db,
  actor: AuditActor,
  lib: DeskLibrary,
  input: TCheckout,
  now = new Date(),
): Promise<CheckoutResult> {
  const reason = input.ageOverrideReason?.trim() ?? '';
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const row = await runCheckout(db, actor, lib, input, reason, now);
      if (row.refusal) refusalError(row);
      if (row.loanId !== null && row.actionId !== null) {
        return {
          loanId: row.loanId,
          actionId: Number(row.actionId),
          itemId: row.itemId!,
          barcode: row.barcode!,
          title: row.title!,
          dueOn: row.dueOn,
          ageOverridden: !!row.below,
        };
      }
    }
    throw circulationError('not_available', 'barcode');
  } catch (error) {
    toCirculationProblem(error);
  }
}
