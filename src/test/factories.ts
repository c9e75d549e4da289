/** Factories with random unique values, so tests never depend on each other's data. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { App } from '../app/http';
import { items } from '../catalog/catalog.tables';
import { libraries, libraryMunicipalities, municipalities, networks, regions } from '../network/network.tables';
import { ZPassportData, type TPassportData } from '../network/network.schemas';
import { libraryPassports } from '../network/network.tables';
import type { TRole, TScopeKind } from '../staff/staff.schemas';
import { hashPassword } from '../staff/staff.service';
import { staffUsers } from '../staff/staff.tables';

export const uniq = (prefix = '') => `${prefix}${randomUUID().slice(0, 8)}`;

export async function buildNetwork(db: Db, overrides: Partial<typeof networks.$inferInsert> = {}) {
  const [region] = await db.insert(regions).values({ name: uniq('Регион ') }).returning();
  const [network] = await db
    .insert(networks)
    .values({ regionId: region!.id, name: uniq('ЦБС '), shortName: uniq('N'), ...overrides })
    .returning();
  return network!;
}

export async function buildLibrary(db: Db, networkId: string, overrides: Partial<typeof libraries.$inferInsert> = {}) {
  const [lib] = await db
    .insert(libraries)
    .values({ networkId, kind: 'branch', name: uniq('Филиал '), settlement: uniq('с. '), code: uniq('L'), ...overrides })
    .returning();
  return lib!;
}

export async function buildMunicipality(db: Db, networkId: string, libraryIds: string[] = []) {
  const [m] = await db
    .insert(municipalities)
    .values({ networkId, kind: 'aiyl_okmotu', name: uniq('Айыл окмоту '), population: 5000 })
    .returning();
  if (libraryIds.length) await db.insert(libraryMunicipalities).values(libraryIds.map((libraryId) => ({ libraryId, municipalityId: m!.id })));
  return m!;
}

export function passportData(overrides: Record<string, unknown> = {}): TPassportData {
  const day = { open: '09:00', close: '17:00', breakFrom: '13:00', breakTo: '14:00' };
  return ZPassportData.parse({
    address: 'ул. Ленина, 1',
    phone: '+996 555 123 456',
    hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: null, sun: null },
    building: { totalArea: 80, storageArea: 30, serviceArea: 40 },
    computers: { forUsers: 2, withInternet: 1 },
    internet: { has: true, speedMbps: 10 },
    automation: {},
    accessibility: {},
    seats: 12,
    staffHeadcount: 1,
    ...overrides,
  });
}

export async function buildPassport(db: Db, libraryId: string, year: number, data = passportData()) {
  await db.insert(libraryPassports).values({ libraryId, year, data });
}

const hashes = new Map<string, string>();
export const TEST_PASSWORD = 'test-password-1';

export async function buildStaff(
  db: Db,
  role: TRole,
  scopeKind: TScopeKind,
  scopeId: string | null,
  overrides: Partial<typeof staffUsers.$inferInsert> = {},
) {
  let passwordHash = hashes.get(TEST_PASSWORD);
  if (!passwordHash) {
    passwordHash = await hashPassword(TEST_PASSWORD);
    hashes.set(TEST_PASSWORD, passwordHash);
  }
  const [user] = await db
    .insert(staffUsers)
    .values({ login: uniq('u.'), fullName: uniq('Сотрудник '), passwordHash, role, scopeKind, scopeId, ...overrides })
    .returning();
  return user!;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(app: App, loginName: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login: loginName, password } });
  if (res.statusCode !== 200) throw new Error(`login ${loginName} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kp_session');
  return { cookie: `kp_session=${cookie!.value}`, csrf: res.json<{ csrfToken: string }>().csrfToken };
}

/** An in-process HTTP client acting as a signed-in person (or anonymous with no session). */
export function client(app: App, session?: Session, lang?: string) {
  const headers = (method: string): Record<string, string> => ({
    ...(session ? { cookie: session.cookie } : {}),
    ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrf } : {}),
    ...(lang ? { 'accept-language': lang } : {}),
  });
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: headers(method), ...(payload === undefined ? {} : { payload: payload as object }) });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, body?: unknown) => send('POST', url, body),
    put: (url: string, body?: unknown) => send('PUT', url, body),
    delete: (url: string) => send('DELETE', url),
  };
}

/**
 * A copy marked as out on loan, as the loan desk marks it, without a reader or a loan: for tests of
 * what the catalogue shows (the staff app refuses to set this status by hand).
 */
export async function markOnLoan(db: Db, itemId: string) {
  await db.update(items).set({ status: 'on_loan' }).where(eq(items.id, itemId));
}
