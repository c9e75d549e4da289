/**
 * Demo readers: a few hundred Kyrgyz and Russian readers over the demo libraries, of every age group
 * and category, registered this year (some re-registered after last year, some also at a second
 * library), children with a guardian, a few blocked. The copies the demo catalogue shows as on loan
 * are lent to readers of their library, some overdue; past loans and visits give the statistics
 * something to count. Deterministic, inserted in bulk.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { loans, readerVisits } from '../circulation';
import {
  ageOn,
  ensureDefaultCategories,
  foldName,
  GUARDIAN_REQUIRED_UNDER,
  readerCategories,
  readerRegistrations,
  readers,
} from '../readers';
import { addDays, daysAgo, rngFor, type Rng } from './demo.random';

interface DemoLibrary {
  id: string;
  networkId: string;
  code: string;
  settlement: string;
  kind: string;
}

const KG_SURNAMES = [
  'Асанов',
  'Токтогулов',
  'Жээнбеков',
  'Бекмуратов',
  'Осмонов',
  'Абдыкадыров',
  'Мамытов',
  'Сыдыков',
  'Турдубаев',
  'Калыков',
  'Үсөнов',
  'Акматов',
  'Исаков',
  'Жумабаев',
  'Шаршеев',
  'Өмүрбеков',
  'Кадыров',
  'Сатылганов',
];
const KG_FEMALE = [
  'Айгүл',
  'Айпери',
  'Бактыгүл',
  'Гүлнара',
  'Жылдыз',
  'Нургүл',
  'Чолпон',
  'Асел',
  'Мээрим',
  'Айжан',
  'Бегимай',
  'Динара',
  'Гүлзат',
  'Жаңыл',
];
const KG_MALE = [
  'Нурлан',
  'Эрмек',
  'Чыңгыз',
  'Бакыт',
  'Азамат',
  'Талант',
  'Улан',
  'Мирлан',
  'Эрлан',
  'Адилет',
  'Нурсултан',
  'Бекзат',
  'Марат',
  'Төлөгөн',
];
const RU_SURNAMES = [
  'Иванов',
  'Петров',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
];
const RU_FEMALE = ['Мария', 'Анна', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Алёна', 'Светлана', 'Ирина', 'Юлия'];
const RU_MALE = [
  'Александр',
  'Сергей',
  'Андрей',
  'Дмитрий',
  'Владимир',
  'Николай',
  'Иван',
  'Алексей',
  'Михаил',
  'Виктор',
];
const RU_FATHERS: [string, string][] = [
  ['Александрович', 'Александровна'],
  ['Сергеевич', 'Сергеевна'],
  ['Иванович', 'Ивановна'],
  ['Николаевич', 'Николаевна'],
  ['Владимирович', 'Владимировна'],
  ['Петрович', 'Петровна'],
];
const STREETS = ['Манаса', 'Ленина', 'Токтогула', 'Советская', 'Айтматова', 'Садовая', 'Мира', 'Школьная'];

const female = (surname: string) =>
  surname.endsWith('ов') || surname.endsWith('ев') || surname.endsWith('ин') ? `${surname}а` : surname;

interface Person {
  surname: string;
  firstName: string;
  patronymic: string;
  sex: 'f' | 'm';
  motherName: string;
}

function person(rng: Rng): Person {
  const sex = rng.chance(0.55) ? 'f' : 'm';
  if (rng.chance(0.75)) {
    const surname = rng.pick(KG_SURNAMES);
    const father = rng.pick(KG_MALE);
    return {
      surname: sex === 'f' ? female(surname) : surname,
      firstName: rng.pick(sex === 'f' ? KG_FEMALE : KG_MALE),
      patronymic: rng.chance(0.6) ? `${father} ${sex === 'f' ? 'кызы' : 'уулу'}` : '',
      sex,
      motherName: `${female(surname)} ${rng.pick(KG_FEMALE)}`,
    };
  }
  const surname = rng.pick(RU_SURNAMES);
  const [m, f] = rng.pick(RU_FATHERS);
  return {
    surname: sex === 'f' ? female(surname) : surname,
    firstName: rng.pick(sex === 'f' ? RU_FEMALE : RU_MALE),
    patronymic: sex === 'f' ? f : m,
    sex,
    motherName: `${female(surname)} ${rng.pick(RU_FEMALE)} ${rng.pick(RU_FATHERS)[1]}`,
  };
}

function categoryCode(age: number, rng: Rng): string {
  if (age <= 17) return 'schoolchild';
  if (age <= 23) return rng.chance(0.7) ? 'student' : 'other';
  if (age >= 60) return 'pensioner';
  return rng.pick(['teacher', 'farmer', 'municipal', 'other', 'other']);
}

const phone = (rng: Rng) => `+996 ${rng.pick(['555', '700', '772', '550'])} ${rng.int(100000, 999999)}`;

/** Loads the demo readers, their registrations, loans and visits; returns how many readers. */
export async function insertDemoReaders(
  tx: Db,
  libraries: DemoLibrary[],
  now = new Date(),
): Promise<{ readers: number; loans: number }> {
  const rng = rngFor('demo readers');
  const today = daysAgo(0, now);
  const year = now.getUTCFullYear();
  const yearStart = `${year}-01-01`;
  const categories = new Map<string, Map<string, string>>();
  for (const networkId of new Set(libraries.map((l) => l.networkId))) {
    await ensureDefaultCategories(tx, networkId);
    const rows = await tx
      .select()
      .from(readerCategories)
      .where(sql`${readerCategories.networkId} = ${networkId}`);
    categories.set(networkId, new Map(rows.filter((c) => c.code).map((c) => [c.code!, c.id])));
  }
  const centralOf = new Map<string, DemoLibrary>();
  for (const l of libraries) if (l.kind === 'central' && !centralOf.has(l.networkId)) centralOf.set(l.networkId, l);

  const readerRows: (typeof readers.$inferInsert)[] = [];
  const registrationRows: (typeof readerRegistrations.$inferInsert)[] = [];
  const byLibrary = new Map<string, { id: string; registeredOn: string }[]>();
  let serial = 0;
  for (const library of libraries) {
    const count = library.kind === 'central' ? 40 : rng.int(5, 10);
    for (let i = 0; i < count; i++) {
      const p = person(rng);
      const roll = rng.next();
      const age = roll < 0.35 ? rng.int(6, 14) : roll < 0.6 ? rng.int(15, 30) : rng.int(31, 82);
      const birthDate = addDays(`${year - age - 1}-01-01`, rng.int(0, 364));
      const id = randomUUID();
      const cardNumber = `${library.code}-${String(++serial).padStart(5, '0')}`;
      const isChild = ageOn(birthDate, today) < GUARDIAN_REQUIRED_UNDER;
      const registeredOn = addDays(
        yearStart,
        rng.int(0, Math.max(0, (Date.parse(today) - Date.parse(yearStart)) / 86_400_000 - 1)),
      );
      const settlement = library.settlement || 'с. Кемин';
      readerRows.push({
        id,
        networkId: library.networkId,
        cardNumber,
        surname: p.surname,
        firstName: p.firstName,
        patronymic: p.patronymic,
        birthDate,
        birthYear: Number(birthDate.slice(0, 4)),
        sex: p.sex,
        categoryId: categories.get(library.networkId)!.get(categoryCode(age, rng))!,
        phone: isChild ? '' : phone(rng),
        address: `${settlement}, ул. ${rng.pick(STREETS)}, ${rng.int(1, 120)}`,
        guardianName: isChild ? p.motherName : '',
        guardianRelation: isChild ? 'мать' : '',
        guardianPhone: isChild ? phone(rng) : '',
        consentDate: registeredOn,
        consentVersion: '2026.1',
        homeLibraryId: library.id,
        isBlocked: rng.chance(0.02),
        nameFolded: foldName(p.surname, p.firstName, p.patronymic),
        searchText: '',
      });
      const wasHereLastYear = rng.chance(0.35);
      if (wasHereLastYear) {
        registrationRows.push({
          readerId: id,
          libraryId: library.id,
          networkId: library.networkId,
          year: year - 1,
          kind: 'registration',
          registeredOn: `${year - 1}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
          expiresOn: `${year - 1}-12-31`,
        });
      }
      registrationRows.push({
        readerId: id,
        libraryId: library.id,
        networkId: library.networkId,
        year,
        kind: wasHereLastYear ? 're_registration' : 'registration',
        registeredOn,
        expiresOn: `${year}-12-31`,
      });
      const central = centralOf.get(library.networkId);
      if (central && central.id !== library.id && rng.chance(0.1)) {
        registrationRows.push({
          readerId: id,
          libraryId: central.id,
          networkId: library.networkId,
          year,
          kind: 'registration',
          registeredOn,
          expiresOn: `${year}-12-31`,
        });
      }
      byLibrary.set(library.id, [...(byLibrary.get(library.id) ?? []), { id, registeredOn }]);
    }
  }
  for (const r of readerRows) {
    r.searchText = [
      r.nameFolded,
      r.cardNumber.toLowerCase(),
      (r.phone ?? '').replace(/\D/g, ''),
      (r.guardianPhone ?? '').replace(/\D/g, ''),
    ]
      .filter(Boolean)
      .join(' ');
    if (r.isBlocked) r.blockReason = 'Не вернул книги более трёх месяцев';
  }
  for (let i = 0; i < readerRows.length; i += 500) await tx.insert(readers).values(readerRows.slice(i, i + 500));
  for (let i = 0; i < registrationRows.length; i += 500)
    await tx.insert(readerRegistrations).values(registrationRows.slice(i, i + 500));

  // Copies the catalogue shows as on loan go to readers of their library; copies on the shelf were lent and returned.
  const copies = rowsOf<{ id: string; libraryId: string; networkId: string; status: string }>(
    await tx.execute(
      sql`select id, library_id as "libraryId", network_id as "networkId", status from items where library_id in (${sql.join(
        libraries.map((l) => sql`${l.id}::uuid`),
        sql`, `,
      )})`,
    ),
  );
  const loanRows: (typeof loans.$inferInsert)[] = [];
  const visits = new Map<string, typeof readerVisits.$inferInsert>();
  const visit = (readerId: string, libraryId: string, day: string) =>
    visits.set(`${readerId}|${libraryId}|${day}`, { readerId, libraryId, day });
  for (const copy of copies) {
    const local = byLibrary.get(copy.libraryId);
    if (!local?.length) continue;
    const reader = rng.pick(local);
    const earliest = Math.max(1, Math.floor((Date.parse(today) - Date.parse(reader.registeredOn)) / 86_400_000));
    if (copy.status === 'on_loan') {
      const loanDay = daysAgo(rng.int(1, Math.min(45, earliest)), now);
      loanRows.push({
        networkId: copy.networkId,
        libraryId: copy.libraryId,
        itemId: copy.id,
        readerId: reader.id,
        loanedAt: new Date(`${loanDay}T10:00:00Z`),
        dueOn: addDays(loanDay, 14),
      });
      visit(reader.id, copy.libraryId, loanDay);
    } else if (copy.status === 'available' && rng.chance(0.25) && earliest > 20) {
      const loanDay = daysAgo(rng.int(20, earliest), now);
      const returnDay = addDays(loanDay, rng.int(3, 18));
      loanRows.push({
        networkId: copy.networkId,
        libraryId: copy.libraryId,
        itemId: copy.id,
        readerId: reader.id,
        loanedAt: new Date(`${loanDay}T10:00:00Z`),
        dueOn: addDays(loanDay, 14),
        returnedAt: new Date(`${returnDay}T11:00:00Z`),
        returnLibraryId: copy.libraryId,
      });
      visit(reader.id, copy.libraryId, loanDay);
      visit(reader.id, copy.libraryId, returnDay);
    }
  }
  for (let i = 0; i < loanRows.length; i += 500) await tx.insert(loans).values(loanRows.slice(i, i + 500));
  const visitRows = [...visits.values()];
  for (let i = 0; i < visitRows.length; i += 1000) await tx.insert(readerVisits).values(visitRows.slice(i, i + 1000));
  return { readers: readerRows.length, loans: loanRows.length };
}
