/**
 * Renewals (at the desk or by the reader on the portal) and in-library use (reading room). A renewal
 * is refused when the rule's limit is reached, when other readers wait for the record, or when the
 * reader is blocked.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import type { AuditActor } from '../audit';
import { assertServable, lockItemByBarcode, readerForDesk, todayUtc, type DeskLibrary } from './checkout.service';
import { circulationError } from './circulation.errors';
import { renewedDueDate, resolveLoanRule } from './rules';

interface RenewRow {
  loanId: string;
  readerId: string;
  libraryId: string;
  networkId: string;
  itemId: string;
  barcode: string;
  title: string;
  materialType: string;
  dueOn: string;
  renewals: number;
  waiting: number;
}

export interface RenewResult {
  loanId: string;
  actionId: number | null;
  barcode: string;
  title: string;
  dueOn: string;
  renewals: number;
}

/** Which loan to renew: by its id, or by the copy's barcode. */
export type LoanRef = { loanId: string } | { barcode: string };

/**
 * Renews an open loan. `desk` is the library whose desk renews (a visit is counted there); null when
 * the reader renews on the portal. `readerId` restricts the renewal to that reader's own loans.
 */
export async function renewLoan(
  db: Db,
  actor: AuditActor,
  ref: LoanRef,
  options: { desk: DeskLibrary | null; readerId?: string; now?: Date },
): Promise<RenewResult> {
  const now = options.now ?? new Date();
  const today = todayUtc(now);
  return db.transaction(async (tx) => {
    const where = 'loanId' in ref ? sql`l.id = ${ref.loanId}` : sql`i.barcode = ${ref.barcode}`;
    const rows = await tx.execute(sql`
      select l.id as "loanId", l.reader_id as "readerId", l.library_id as "libraryId", l.network_id as "networkId",
        i.id as "itemId", i.barcode, b.title, b.material_type as "materialType", l.due_on::text as "dueOn", l.renewals,
        (select count(*)::int from holds h where h.record_id = i.record_id and h.status = 'waiting') as waiting
      from loans l join items i on i.id = l.item_id join bib_records b on b.id = i.record_id
      where ${where} and l.returned_at is null
      for update of l`);
    const loan = rowsOf<RenewRow>(rows)[0];
    if (!loan || (options.readerId && loan.readerId !== options.readerId)) {
      if ('barcode' in ref && !(await lockItemByBarcode(tx, ref.barcode))) throw circulationError('unknown_barcode', 'barcode');
      throw circulationError('not_on_loan', 'barcode');
    }
    if (options.desk && loan.networkId !== options.desk.networkId) throw circulationError('other_network', 'barcode');
    const reader = (await readerForDesk(tx, loan.readerId, today))!;
    if (reader.isBlocked) throw circulationError('renew_overdue_blocked', 'barcode');
    if (options.desk) assertServable(reader, options.desk);
    const rule = resolveLoanRule(reader.rules, {
      libraryId: loan.libraryId,
      readerCategoryId: reader.categoryId,
      itemType: loan.materialType,
    });
    if (loan.renewals >= rule.maxRenewals) throw circulationError('max_renewals', 'barcode', { max: rule.maxRenewals });
    if (loan.waiting > 0) throw circulationError('renew_has_holds', 'barcode');
    const dueOn = renewedDueDate(rule, loan.dueOn, today);
    const deskId = options.desk?.id ?? null;
    const written = await tx.execute(sql`
      with updated as (
        update loans set due_on = ${dueOn}, renewals = renewals + 1 where id = ${loan.loanId} returning id),
      visit as (
        insert into reader_visits (reader_id, library_id, day)
        select ${loan.readerId}, ${deskId}::uuid, ${today}::date where ${deskId}::uuid is not null
        on conflict do nothing),
      action as (
        insert into desk_actions (kind, loan_id, actor_id, library_id, at, undo)
        select 'renew', ${loan.loanId}, ${actor.id}::uuid, ${deskId}::uuid, ${now},
          jsonb_build_object('dueOn', ${loan.dueOn}::text, 'renewals', ${loan.renewals}::int)
        where ${actor.id}::uuid is not null and ${deskId}::uuid is not null
        returning id),
      audit as (
        insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, before, after, ip, at)
        values (${actor.id}, ${actor.login}, 'loan.renew', 'loan', ${loan.loanId}, ${loan.networkId}, ${deskId ?? loan.libraryId},
          ${`${loan.barcode}: ${loan.dueOn} → ${dueOn}`}, jsonb_build_object('dueOn', ${loan.dueOn}::text),
          jsonb_build_object('dueOn', ${dueOn}::text), ${actor.ip ?? ''}, ${now}))
      select (select id from action) as "actionId"`);
    const actionId = rowsOf<{ actionId: string | number | null }>(written)[0]?.actionId ?? null;
    return {
      loanId: loan.loanId,
      actionId: actionId === null ? null : Number(actionId),
      barcode: loan.barcode,
      title: loan.title,
      dueOn,
      renewals: loan.renewals + 1,
    };
  });
}

/** Records that a reader used a copy in the reading room: counted apart from loans, the copy stays. */
export async function recordInLibraryUse(db: Db, actor: AuditActor, lib: DeskLibrary, readerId: string, barcode: string, now = new Date()) {
  const today = todayUtc(now);
  return db.transaction(async (tx) => {
    const reader = await readerForDesk(tx, readerId, today);
    if (!reader) throw circulationError('unknown_card', 'readerId');
    assertServable(reader, lib);
    const item = await lockItemByBarcode(tx, barcode);
    if (!item) throw circulationError('unknown_barcode', 'barcode');
    if (item.networkId !== lib.networkId) throw circulationError('other_network', 'barcode');
    const rows = await tx.execute(sql`
      with used as (
        insert into in_library_uses (network_id, library_id, item_id, reader_id, used_at, recorded_by)
        values (${lib.networkId}, ${lib.id}, ${item.id}, ${reader.id}, ${now}, ${actor.id}) returning id),
      visit as (insert into reader_visits (reader_id, library_id, day) values (${reader.id}, ${lib.id}, ${today}) on conflict do nothing),
      audit as (
        insert into audit_log (actor_id, actor_login, action, object_type, object_id, network_id, library_id, summary, ip, at)
        select ${actor.id}, ${actor.login}, 'loan.in_library_use', 'item', ${item.id}, ${lib.networkId}, ${lib.id},
          ${`${item.inventoryNumber} / ${item.barcode}`}, ${actor.ip ?? ''}, ${now} from used)
      select id from used`);
    return { id: rowsOf<{ id: string }>(rows)[0]!.id, barcode: item.barcode, title: item.title };
  });
}
