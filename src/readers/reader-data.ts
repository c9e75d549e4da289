/**
 * Everything the library holds about a reader, for the reader's own request (152-ФЗ art. 14, Закон КР
 * №58): the card, registrations, every loan (the history too), holds and visits. As JSON for machines
 * and as a readable PDF in the language asked for.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { t } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';
import { findCategory } from './categories.service';
import type { Reader } from './readers.service';
import { listRegistrations } from './registrations.service';
import { openPdf } from '../app/pdf';

export interface ReaderData {
  exportedAt: string;
  network: string;
  reader: {
    cardNumber: string;
    surname: string;
    firstName: string;
    patronymic: string;
    birthDate: string | null;
    sex: 'f' | 'm' | null;
    category: string;
    phone: string;
    email: string;
    address: string;
    notes: string;
    guardian: { name: string; relation: string; phone: string } | null;
    consent: { date: string | null; version: string };
    isBlocked: boolean;
    blockReason: string;
    createdAt: string;
  };
  registrations: { library: string; year: number; kind: string; registeredOn: string; expiresOn: string }[];
  loans: {
    title: string;
    barcode: string;
    library: string;
    loanedAt: string;
    dueOn: string;
    returnedAt: string | null;
    renewals: number;
  }[];
  holds: { title: string; pickupLibrary: string; status: string; placedAt: string }[];
  visits: { library: string; day: string }[];
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

export async function collectReaderData(db: Db, reader: Reader, now = new Date()): Promise<ReaderData> {
  const [category, regs, network, loans, holds, visits] = await Promise.all([
    findCategory(db, reader.categoryId),
    listRegistrations(db, reader.id),
    db.execute(sql`select name from networks where id = ${reader.networkId}`),
    db.execute(sql`
      select b.title, i.barcode, lib.name as library, l.loaned_at as "loanedAt", l.due_on::text as "dueOn",
        l.returned_at as "returnedAt", l.renewals
      from loans l join items i on i.id = l.item_id join bib_records b on b.id = i.record_id join libraries lib on lib.id = l.library_id
      where l.reader_id = ${reader.id} order by l.loaned_at`),
    db.execute(sql`
      select b.title, lib.name as "pickupLibrary", h.status, h.placed_at as "placedAt"
      from holds h join bib_records b on b.id = h.record_id join libraries lib on lib.id = h.pickup_library_id
      where h.reader_id = ${reader.id} order by h.placed_at`),
    db.execute(sql`
      select lib.name as library, v.day::text as day from reader_visits v join libraries lib on lib.id = v.library_id
      where v.reader_id = ${reader.id} order by v.day`),
  ]);
  const hasGuardian = !!(reader.guardianName || reader.guardianPhone);
  return {
    exportedAt: now.toISOString(),
    network: rowsOf<{ name: string }>(network)[0]?.name ?? '',
    reader: {
      cardNumber: reader.cardNumber,
      surname: reader.surname,
      firstName: reader.firstName,
      patronymic: reader.patronymic,
      birthDate: reader.birthDate,
      sex: reader.sex,
      category: category?.name ?? '',
      phone: reader.phone,
      email: reader.email,
      address: reader.address,
      notes: reader.notes,
      guardian: hasGuardian
        ? { name: reader.guardianName, relation: reader.guardianRelation, phone: reader.guardianPhone }
        : null,
      consent: { date: reader.consentDate, version: reader.consentVersion },
      isBlocked: reader.isBlocked,
      blockReason: reader.blockReason,
      createdAt: reader.createdAt.toISOString(),
    },
    registrations: regs.map(({ registration: r, libraryName }) => ({
      library: libraryName,
      year: r.year,
      kind: r.kind,
      registeredOn: r.registeredOn,
      expiresOn: r.expiresOn,
    })),
    loans: rowsOf<ReaderData['loans'][number] & { loanedAt: string | Date; returnedAt: string | Date | null }>(
      loans,
    ).map((l) => ({
      ...l,
      loanedAt: iso(l.loanedAt)!,
      returnedAt: iso(l.returnedAt),
    })),
    holds: rowsOf<ReaderData['holds'][number] & { placedAt: string | Date }>(holds).map((h) => ({
      ...h,
      placedAt: iso(h.placedAt)!,
    })),
    visits: rowsOf<ReaderData['visits'][number]>(visits),
  };
}

const day = (v: string | null) => (v ? v.slice(0, 10).split('-').reverse().join('.') : '—');

/** The same data as a PDF a person can read. */
export async function renderReaderData(lang: TLanguage, data: ReaderData): Promise<Buffer> {
  const { doc, end } = await openPdf({
    size: 'A4',
    margin: 48,
    info: { Title: t(lang, 'readers.data.title'), Creator: 'Kitepkana' },
  });
  const r = data.reader;
  doc.font('bold').fontSize(14).text(t(lang, 'readers.data.title'));
  doc
    .font('regular')
    .fontSize(9)
    .fillColor('#555')
    .text(t(lang, 'readers.data.made', { date: day(data.exportedAt) }))
    .fillColor('#000');
  const heading = (key: Parameters<typeof t>[1]) =>
    doc.moveDown(1).font('bold').fontSize(11).text(t(lang, key)).font('regular').fontSize(9.5);
  const field = (key: Parameters<typeof t>[1], value: string) => {
    doc
      .font('bold')
      .text(`${t(lang, key)}: `, { continued: true })
      .font('regular')
      .text(value || '—');
  };
  heading('readers.data.person');
  field('readers.field.network', data.network);
  field('readers.field.cardNumber', r.cardNumber);
  field('readers.field.fullName', [r.surname, r.firstName, r.patronymic].filter(Boolean).join(' '));
  field('readers.field.birthDate', day(r.birthDate));
  field('readers.field.sex', r.sex ? t(lang, `readers.sex.${r.sex}`) : '');
  field('readers.field.category', r.category);
  field('readers.field.phone', r.phone);
  field('readers.field.email', r.email);
  field('readers.field.address', r.address);
  field('readers.field.notes', r.notes);
  if (r.guardian) field('readers.field.guardian', `${r.guardian.name} (${r.guardian.relation}), ${r.guardian.phone}`);
  field('readers.field.consent', `${day(r.consent.date)}, ${r.consent.version}`);
  if (r.isBlocked) field('readers.field.blocked', r.blockReason);
  const list = (key: Parameters<typeof t>[1], lines: string[]) => {
    heading(key);
    if (!lines.length) doc.text(t(lang, 'readers.data.none'));
    for (const line of lines) doc.text(`• ${line}`);
  };
  list(
    'readers.data.registrations',
    data.registrations.map((g) => `${g.year}: ${g.library} (${day(g.registeredOn)} – ${day(g.expiresOn)})`),
  );
  list(
    'readers.data.loans',
    data.loans.map(
      (l) =>
        `${day(l.loanedAt)} – ${l.returnedAt ? day(l.returnedAt) : `(${day(l.dueOn)})`}: «${l.title}», ${l.barcode}, ${l.library}`,
    ),
  );
  list(
    'readers.data.holds',
    data.holds.map((h) => `${day(h.placedAt)}: «${h.title}», ${h.pickupLibrary}, ${h.status}`),
  );
  list(
    'readers.data.visits',
    data.visits.map((v) => `${day(v.day)}: ${v.library}`),
  );
  return end();
}
