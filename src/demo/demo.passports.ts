/**
 * Library passports of the demo: one per library for last year and this year. Most values come from a
 * generator seeded by the library code; a few branches carry the stories the seeds tell (a repair paid
 * by the айыл окмоту after a seminar, Internet brought in, a building in emergency condition), so the
 * history between the two years shows something worth looking at.
 */
import { ZPassportData, type TPassportData, type TWeekday } from '../network/network.schemas';
import { rngFor, type Rng } from './demo.random';
import { demoEmail, type DemoLibrary, type DemoMunicipality, type DemoNetwork } from './demo.types';

type Day = TPassportData['hours'][TWeekday];
type Week = TPassportData['hours'];

const day = (open: string, close: string, breakFrom: string | null = null, breakTo: string | null = null): Day => ({
  open,
  close,
  breakFrom,
  breakTo,
});

const week = (weekday: Day, saturday: Day, monday: Day = weekday): Week => ({
  mon: monday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: saturday,
  sun: null,
});

interface Hours {
  hours: Week;
  note: string;
}

const LUNCH_12 = day('09:00', '17:00', '12:00', '13:00');
const LUNCH_13 = day('09:00', '17:00', '13:00', '14:00');

/** Rural branches keep the hours of their айыл окмоту or school; most are the first two. */
const BRANCH_HOURS: readonly Hours[] = [
  { hours: week(LUNCH_12, day('09:00', '13:00')), note: '' },
  { hours: week(LUNCH_13, day('10:00', '14:00')), note: '' },
  { hours: week(LUNCH_12, LUNCH_12, null), note: 'Выходные дни: воскресенье, понедельник' },
  {
    hours: week(day('08:00', '16:00', '12:00', '13:00'), day('08:00', '12:00')),
    note: 'С ноября по февраль — с 9:00 до 16:00',
  },
  { hours: week(day('09:00', '16:00', '12:00', '13:00'), null), note: 'Последний рабочий день месяца — санитарный день' },
];
const BRANCH_HOURS_WEIGHTS = [0, 0, 0, 1, 1, 1, 2, 3, 4] as const;

const CENTRAL_HOURS: Hours = {
  hours: week(day('08:30', '17:30'), day('09:00', '16:00')),
  note: 'Без перерыва. Последняя пятница месяца — санитарный день',
};
const CHILDREN_HOURS: Hours = {
  hours: week(LUNCH_13, day('10:00', '15:00')),
  note: 'В летние каникулы (июнь–август): 9:00–15:00, суббота — выходной',
};

const STREETS = [
  'ул. Манаса', 'ул. Токтогула', 'ул. Ленина', 'ул. Советская', 'ул. Шабдан Баатыра', 'ул. Жибек Жолу',
  'ул. Мира', 'ул. Школьная', 'ул. Садовая', 'ул. Ч. Айтматова', 'ул. Кооперативная', 'ул. Молодёжная',
] as const;
const HOSTS = ['в здании айыл окмоту', 'в здании Дома культуры', 'в здании средней школы'] as const;
const MOBILE_CODES = ['555', '550', '700', '705', '707', '772', '779'] as const;

const mobile = (rng: Rng) =>
  `+996 ${rng.pick(MOBILE_CODES)} ${String(rng.int(100, 999))} ${String(rng.int(100, 999))}`;

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** This year's passport of a library before its story is applied. */
function basePassport(net: DemoNetwork, lib: DemoLibrary, place: DemoMunicipality, rng: Rng): TPassportData {
  const house = rng.int(1, 120);
  const street = rng.pick(STREETS);
  const lat = round4(place.lat + (rng.next() - 0.5) * 0.02);
  const lon = round4(place.lon + (rng.next() - 0.5) * 0.03);
  const none = { vision: false, hearing: false, mobility: false };
  const manual = { catalogue: false, loans: false, visitorCount: false, accounting: false };
  if (lib.kind === 'central' || lib.kind === 'children') {
    const central = lib.kind === 'central';
    const h = central ? CENTRAL_HOURS : CHILDREN_HOURS;
    return {
      address: `${lib.settlement}, ${street}, ${house}`,
      lat,
      lon,
      phone: `${net.phoneCode} ${central ? net.central.phone : net.children.phone}`,
      email: demoEmail(`${net.mailPrefix}.${central ? 'cbs' : 'children'}`),
      hours: h.hours,
      hoursNote: h.note,
      building: { ...(central ? net.central.areas : net.children.areas), tenure: 'own', condition: 'good', isHeritage: false },
      seats: central ? net.central.seats : net.children.seats,
      computers: central ? { forUsers: 8, withInternet: 8 } : { forUsers: 4, withInternet: 4 },
      internet: { has: true, speedMbps: central ? 50 : 20 },
      automation: central
        ? { catalogue: true, loans: true, visitorCount: true, accounting: true }
        : { ...manual, catalogue: true, visitorCount: true },
      accessibility: central ? { vision: true, hearing: false, mobility: true } : { ...none, mobility: true },
      vehicles: central ? 1 : 0,
      staffHeadcount: central ? net.central.staff : net.children.staff,
    };
  }
  const tenure = rng.pick(['other', 'other', 'other', 'own', 'own', 'rented'] as const);
  const where = tenure === 'other' ? rng.pick(HOSTS) : tenure === 'rented' ? 'арендуемое помещение' : 'отдельное здание';
  const totalArea = rng.int(30, 120);
  const forUsers = rng.pick([0, 0, 0, 0, 1, 1, 1, 2, 2, 3] as const);
  // Without a computer for readers, Internet is the librarian's own USB modem: rarer.
  const hasInternet = rng.chance(forUsers > 0 ? 0.65 : 0.25);
  const hours = BRANCH_HOURS[rng.pick(BRANCH_HOURS_WEIGHTS)] ?? CENTRAL_HOURS;
  const hasPhone = rng.chance(0.85);
  const phone = mobile(rng);
  const hasEmail = hasInternet && rng.chance(0.5);
  return {
    address: `${lib.settlement}, ${street}, ${house} (${where})`,
    lat,
    lon,
    phone: hasPhone ? phone : '',
    email: hasEmail ? demoEmail(`${net.mailPrefix}.filial${lib.number ?? 0}`) : '',
    hours: hours.hours,
    hoursNote: hours.note,
    building: {
      totalArea,
      storageArea: Math.round(totalArea * 0.35),
      serviceArea: Math.round(totalArea * 0.5),
      tenure,
      condition: 'good',
      isHeritage: false,
    },
    seats: rng.int(6, 20),
    computers: { forUsers, withInternet: hasInternet ? forUsers : 0 },
    internet: { has: hasInternet, speedMbps: hasInternet ? rng.pick([2, 3, 5, 10] as const) : null },
    automation: manual,
    accessibility: { ...none, mobility: rng.chance(0.2) },
    vehicles: 0,
    staffHeadcount: 1,
  };
}

/** Last year: a little less equipment here and there, as the networks' reports show year by year. */
function previousYear(p: TPassportData, rng: Rng, kind: DemoLibrary['kind']): void {
  if (kind === 'central') {
    p.computers = { forUsers: 6, withInternet: 6 };
    p.internet.speedMbps = 20;
    return;
  }
  if (kind === 'children') {
    p.internet.speedMbps = 10;
    p.seats -= 4;
    return;
  }
  if (p.internet.has && rng.chance(0.25)) {
    p.internet = { has: false, speedMbps: null };
    p.email = '';
  }
  if (p.computers.forUsers > 0 && rng.chance(0.3)) p.computers.forUsers -= 1;
  if (!p.internet.has) p.computers.withInternet = 0;
  p.computers.withInternet = Math.min(p.computers.withInternet, p.computers.forUsers);
  if (rng.chance(0.3)) p.seats = Math.max(4, p.seats - 2);
  const usual = BRANCH_HOURS[0];
  if (usual && rng.chance(0.1)) {
    p.hours = usual.hours;
    p.hoursNote = usual.note;
  }
}

type Story = (p: TPassportData, isCurrent: boolean) => void;

const needsRepair: Story = (p) => {
  p.building.condition = 'needs_repair';
};

const STORIES: Record<string, Story> = {
  // The seminar at № 21 ended with the айыл окмоту paying for whitewash, paint and new shelving.
  'KEM-F21': (p, isCurrent) => {
    p.building.condition = isCurrent ? 'good' : 'needs_repair';
    p.computers = isCurrent ? { forUsers: 1, withInternet: 1 } : { forUsers: 0, withInternet: 0 };
    p.internet = isCurrent ? { has: true, speedMbps: 5 } : { has: false, speedMbps: null };
  },
  // The 2nd seminar of the year at № 30: the айыл окмоту brought Internet to the library afterwards.
  'KEM-F30': (p, isCurrent) => {
    p.internet = isCurrent ? { has: true, speedMbps: 4 } : { has: false, speedMbps: null };
    p.computers = isCurrent ? { forUsers: 2, withInternet: 2 } : { forUsers: 1, withInternet: 0 };
  },
  // Cracks in the bearing wall after the earthquake: the building is declared unsafe.
  'KEM-F13': (p, isCurrent) => {
    p.building.condition = isCurrent ? 'emergency' : 'needs_repair';
    p.building.tenure = 'own';
    p.address = p.address.replace(/\(.*\)$/, '(отдельное здание)');
    if (isCurrent) p.hoursNote = 'Читальный зал закрыт: здание в аварийном состоянии; выдача книг — в здании школы';
  },
  // Connected this year; the monitoring visit saw attendance grow after it.
  'ALA-F07': (p, isCurrent) => {
    p.internet = isCurrent ? { has: true, speedMbps: 10 } : { has: false, speedMbps: null };
    p.computers = isCurrent ? { forUsers: 2, withInternet: 2 } : { forUsers: 1, withInternet: 0 };
  },
  'KEM-F06': needsRepair,
  'KEM-F16': needsRepair,
  'KEM-F25': needsRepair,
  'ALA-F04': needsRepair,
};

export function demoPassport(
  net: DemoNetwork,
  lib: DemoLibrary,
  place: DemoMunicipality,
  isCurrent: boolean,
): TPassportData {
  const draft = structuredClone(basePassport(net, lib, place, rngFor(lib.code)));
  if (!isCurrent) previousYear(draft, rngFor(`${lib.code}/previous`), lib.kind);
  STORIES[lib.code]?.(draft, isCurrent);
  // The same validation as the passport form: demo data must be data a user could have entered.
  return ZPassportData.parse(draft);
}
