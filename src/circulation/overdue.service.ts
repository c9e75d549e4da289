/**
 * Overdue loans: the list per library (paged, searchable, exportable), notices by e-mail or as printed
 * letters, and the automatic block of readers overdue for longer than the network allows.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, SYSTEM_ACTOR, type AuditActor } from '../audit';
import { foldText, likeEscape } from '../app/text-fold';
import { todayUtc } from './checkout.service';
import { daysBetween } from './rules';

export interface OverdueRow {
  loanId: string;
  readerId: string;
  cardNumber: string;
  readerName: string;
  phone: string;
  email: string;
  barcode: string;
  title: string;
  dueOn: string;
  daysOverdue: number;
  lastNoticeAt: string | null;
}

export interface OverdueQuery {
  q?: string | undefined;
  page: number;
  pageSize: number;
}

function overdueWhere(libraryId: string, today: string, q?: string) {
  const search = q?.trim()
    ? sql`and (r.name_folded like ${`%${likeEscape(foldText(q))}%`} or r.card_number = ${q.trim()} or i.barcode = ${q.trim()})`
    : sql``;
  return sql`l.library_id = ${libraryId} and l.returned_at is null and l.due_on < ${today}::date ${search}`;
}

export async function listOverdue(db: Db, libraryId: string, query: OverdueQuery, now = new Date()) {
  const today = todayUtc(now);
  const where = overdueWhere(libraryId, today, query.q);
  const from = sql`from loans l join readers r on r.id = l.reader_id join items i on i.id = l.item_id join bib_records b on b.id = i.record_id`;
  const [rows, total] = await Promise.all([
    db.execute(sql`
      select l.id as "loanId", r.id as "readerId", r.card_number as "cardNumber",
        concat_ws(' ', r.surname, r.first_name, nullif(r.patronymic, '')) as "readerName", r.phone, r.email,
        i.barcode, b.title, l.due_on::text as "dueOn",
        (select max(n.sent_at) from overdue_notices n where n.loan_id = l.id) as "lastNoticeAt"
      ${from} where ${where}
      order by l.due_on, r.surname, l.id
      limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`),
    db.execute(sql`select count(*)::int as n ${from} where ${where}`),
  ]);
  const items = rowsOf<Omit<OverdueRow, 'daysOverdue'> & { lastNoticeAt: string | Date | null }>(rows).map((r) => ({
    ...r,
    daysOverdue: daysBetween(r.dueOn, today),
    lastNoticeAt: r.lastNoticeAt ? new Date(r.lastNoticeAt).toISOString() : null,
  }));
  return { items, total: rowsOf<{ n: number }>(total)[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Overdue loans grouped by reader: what one notice or letter lists. */
export interface OverdueLetter {
  readerId: string;
  readerName: string;
  email: string;
  cardNumber: string;
  loans: OverdueRow[];
}

export async function overdueLetters(db: Db, libraryId: string, now = new Date()): Promise<OverdueLetter[]> {
  const all = await listOverdue(db, libraryId, { page: 1, pageSize: 5000 }, now);
  const byReader = new Map<string, OverdueLetter>();
  for (const row of all.items) {
    const letter = byReader.get(row.readerId) ?? { readerId: row.readerId, readerName: row.readerName, email: row.email, cardNumber: row.cardNumber, loans: [] };
    letter.loans.push(row);
    byReader.set(row.readerId, letter);
  }
  return [...byReader.values()];
}

export async function recordNotices(db: Db, actor: AuditActor, lib: { id: string; networkId: string }, loanIds: string[], channel: 'email' | 'letter') {
  if (!loanIds.length) return;
  await db.transaction(async (tx) => {
    for (const loanId of loanIds) {
      await tx.execute(sql`insert into overdue_notices (loan_id, channel, sent_by) values (${loanId}, ${channel}, ${actor.id})`);
    }
    await writeAudit(tx, actor, {
      action: `overdue.notice_${channel}`,
      objectType: 'library',
      objectId: lib.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${loanIds.length}`,
    });
  });
}

/**
 * Blocks readers with a loan overdue by more than the network's `blockAfterDays` (the nightly job).
 * Returns how many readers were blocked.
 */
export async function blockOverdueReaders(db: Db, reasonFor: (days: number) => string, now = new Date()): Promise<number> {
  const today = todayUtc(now);
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`
      update readers r set is_blocked = true, block_reason = s.reason, blocked_at = ${now}, updated_at = ${now}
      from (
        select distinct l.reader_id, cs.block_after_days as days, ''::text as reason
        from loans l join circulation_settings cs on cs.network_id = l.network_id
        where l.returned_at is null and cs.block_after_days is not null
          and l.due_on < ${today}::date - cs.block_after_days
      ) s
      where r.id = s.reader_id and not r.is_blocked
      returning r.id, r.network_id as "networkId", s.days`);
    const blocked = rowsOf<{ id: string; networkId: string; days: number }>(rows);
    for (const b of blocked) {
      const reason = reasonFor(b.days);
      await tx.execute(sql`update readers set block_reason = ${reason} where id = ${b.id}`);
      await writeAudit(tx, SYSTEM_ACTOR, {
        action: 'reader.block_overdue',
        objectType: 'reader',
        objectId: b.id,
        networkId: b.networkId,
        summary: reason,
      });
    }
    return blocked.length;
  });
}
