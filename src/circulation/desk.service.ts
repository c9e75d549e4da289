/** The reader panel of the loan desk: who the reader is, what they hold, what waits for them. */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { ageOn, categoryName } from '../readers';
import type { TLanguage } from '../staff/staff.schemas';
import { todayUtc } from './checkout.service';
import { listReaderHolds, type HoldView } from './holds.service';

export interface OpenLoanView {
  loanId: string;
  itemId: string;
  barcode: string;
  title: string;
  ageLabel: string | null;
  libraryId: string;
  libraryName: string;
  loanedAt: string;
  dueOn: string;
  renewals: number;
  isOverdue: boolean;
}

export interface ReaderPanel {
  reader: {
    id: string;
    networkId: string;
    cardNumber: string;
    fullName: string;
    age: number | null;
    categoryName: string;
    isBlocked: boolean;
    blockReason: string;
    registeredUntil: string | null;
    isRegistered: boolean;
  };
  loans: OpenLoanView[];
  holds: HoldView[];
}

interface ReaderRow {
  id: string;
  networkId: string;
  cardNumber: string;
  surname: string;
  firstName: string;
  patronymic: string;
  birthDate: string | null;
  isBlocked: boolean;
  blockReason: string;
  isAnonymised: boolean;
  mergedIntoId: string | null;
  categoryName: string | null;
  categoryNameKy: string | null;
  categoryNameEn: string | null;
  registeredUntil: string | null;
}

async function readerRow(db: Db, where: ReturnType<typeof sql>): Promise<ReaderRow | null> {
  const rows = await db.execute(sql`
    select r.id, r.network_id as "networkId", r.card_number as "cardNumber", r.surname, r.first_name as "firstName",
      r.patronymic, r.birth_date::text as "birthDate", r.is_blocked as "isBlocked", r.block_reason as "blockReason",
      r.is_anonymised as "isAnonymised", r.merged_into_id as "mergedIntoId", c.name as "categoryName", c.name_ky as "categoryNameKy", c.name_en as "categoryNameEn",
      (select max(g.expires_on)::text from reader_registrations g where g.reader_id = r.id) as "registeredUntil"
    from readers r left join reader_categories c on c.id = r.category_id
    where ${where}`);
  return rowsOf<ReaderRow>(rows)[0] ?? null;
}

/** A reader's open loans, soonest due first. */
export async function listOpenLoans(db: Db, readerId: string, today = todayUtc()): Promise<OpenLoanView[]> {
  const rows = await db.execute(sql`
    select l.id as "loanId", i.id as "itemId", i.barcode, b.title, b.age_label as "ageLabel", l.library_id as "libraryId",
      lib.name as "libraryName", l.loaned_at as "loanedAt", l.due_on::text as "dueOn", l.renewals
    from loans l join items i on i.id = l.item_id join bib_records b on b.id = i.record_id
    join libraries lib on lib.id = l.library_id
    where l.reader_id = ${readerId} and l.returned_at is null
    order by l.due_on, l.loaned_at`);
  return rowsOf<Omit<OpenLoanView, 'isOverdue' | 'loanedAt'> & { loanedAt: string | Date }>(rows).map((l) => ({
    ...l,
    loanedAt: new Date(l.loanedAt).toISOString(),
    isOverdue: l.dueOn < today,
  }));
}

/** The panel for a card number (a merged duplicate's card leads to the reader it was merged into). */
export async function readerPanelByCard(
  db: Db,
  cardNumber: string,
  lang: TLanguage = 'ru',
  now = new Date(),
): Promise<ReaderPanel | null> {
  let row = await readerRow(db, sql`r.card_number = ${cardNumber.trim()}`);
  if (row?.mergedIntoId) row = await readerRow(db, sql`r.id = ${row.mergedIntoId}`);
  return row ? panelOf(db, row, lang, now) : null;
}

export async function readerPanelById(
  db: Db,
  readerId: string,
  lang: TLanguage = 'ru',
  now = new Date(),
): Promise<ReaderPanel | null> {
  const row = await readerRow(db, sql`r.id = ${readerId}`);
  return row ? panelOf(db, row, lang, now) : null;
}

async function panelOf(db: Db, row: ReaderRow, lang: TLanguage, now: Date): Promise<ReaderPanel> {
  const today = todayUtc(now);
  const [loans, holds] = await Promise.all([listOpenLoans(db, row.id, today), listReaderHolds(db, row.id)]);
  return {
    reader: {
      id: row.id,
      networkId: row.networkId,
      cardNumber: row.cardNumber,
      fullName: [row.surname, row.firstName, row.patronymic].filter(Boolean).join(' '),
      age: row.birthDate ? ageOn(row.birthDate, today) : null,
      categoryName:
        row.categoryName === null
          ? ''
          : categoryName(
              { name: row.categoryName, nameKy: row.categoryNameKy ?? '', nameEn: row.categoryNameEn ?? '' },
              lang,
            ),
      isBlocked: row.isBlocked,
      blockReason: row.blockReason,
      registeredUntil: row.registeredUntil,
      isRegistered: !!row.registeredUntil && row.registeredUntil >= today,
    },
    loans,
    holds,
  };
}

/** A reader's past loans (the portal shows them only when the reader opted in). */
/** A reader's returned loans, newest first; only those lent from `since` on (the reader's consent to keep a history). */
export async function listLoanHistory(db: Db, readerId: string, since: Date, page: number, pageSize: number) {
  const rows = await db.execute(sql`
    select l.id as "loanId", b.title, i.barcode, l.loaned_at as "loanedAt", l.returned_at as "returnedAt", lib.name as "libraryName"
    from loans l join items i on i.id = l.item_id join bib_records b on b.id = i.record_id join libraries lib on lib.id = l.library_id
    where l.reader_id = ${readerId} and l.returned_at is not null and l.loaned_at >= ${since}
    order by l.returned_at desc limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return rowsOf<{
    loanId: string;
    title: string;
    barcode: string;
    loanedAt: string;
    returnedAt: string;
    libraryName: string;
  }>(rows).map((r) => ({
    ...r,
    loanedAt: new Date(r.loanedAt).toISOString(),
    returnedAt: new Date(r.returnedAt).toISOString(),
  }));
}
