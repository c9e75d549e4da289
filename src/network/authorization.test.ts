/**
 * Every route of the network, staff and audit domains, called by every role, inside and outside the
 * role's scope, and anonymously. What is allowed must succeed; everything else gets 401/403.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import {
  buildLibrary,
  buildMunicipality,
  buildNetwork,
  buildPassport,
  buildStaff,
  client,
  login,
  passportData,
  uniq,
  type Session,
} from '../test/factories';
import type { TRole } from '../staff/staff.schemas';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { monitoringChecklists, monitoringChecks, servicePoints } from './network.tables';

interface Fixture {
  regionA: string;
  networkA: string;
  networkB: string;
  central: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  muni1: string;
  muniB: string;
  checklistA: string;
  checklistB: string;
  checkBranch2: string;
  pointBranch1: string;
  pointBranch2: string;
  staffInA: string;
  staffInB: string;
}

const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const ALL_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official'] as const;
const NETWORK_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian'] as const;

const libraryBody = () => ({ kind: 'branch', name: uniq('Филиал '), code: uniq('C'), number: null, settlement: 'с. Тест' });
const muniBody = () => ({ kind: 'aiyl_okmotu', name: uniq('АО '), population: 1200 });
const checklistBody = () => ({ name: uniq('Чек-лист '), items: [{ key: 'sign', label: 'Вывеска' }] });
const checkBody = (checklistId: string) => ({
  checklistId,
  checkedOn: '2026-05-01',
  inspector: 'Методист',
  results: [{ key: 'sign', isMet: true }],
});
const pointBody = () => ({ kind: 'deposit_camp', name: uniq('Лагерь ') });
const staffBody = (scopeId: string) => ({
  login: uniq('new.'),
  fullName: 'Новый сотрудник',
  role: 'librarian',
  scopeKind: 'library',
  scopeId,
  password: 'long-enough-1',
});

const CASES: RouteCase<Fixture>[] = [
  { name: 'create region (installation admins only)', method: 'POST', url: () => '/api/v1/regions', body: () => ({ name: uniq('Область ') }), allowed: [] },
  { name: 'create network (installation or region admins only)', method: 'POST', url: () => '/api/v1/networks', body: (f) => ({ regionId: f.regionA, name: uniq('ЦБС '), shortName: uniq('S') }), allowed: [] },
  { name: 'rename own network', method: 'PUT', url: (f) => `/api/v1/networks/${f.networkA}`, body: (f) => ({ regionId: f.regionA, name: 'ЦБС А', shortName: 'А' }), allowed: MANAGERS },
  { name: 'rename other network', method: 'PUT', url: (f) => `/api/v1/networks/${f.networkB}`, body: (f) => ({ regionId: f.regionA, name: 'ЦБС Б', shortName: 'Б' }), allowed: [] },
  { name: 'list regions', method: 'GET', url: () => '/api/v1/regions', allowed: ALL_STAFF },
  { name: 'list networks', method: 'GET', url: () => '/api/v1/networks', allowed: ALL_STAFF },
  { name: 'overview', method: 'GET', url: () => '/api/v1/overview', allowed: ALL_STAFF },
  { name: 'list libraries', method: 'GET', url: () => '/api/v1/libraries', allowed: ALL_STAFF },
  { name: 'export libraries', method: 'GET', url: () => '/api/v1/libraries.xlsx', allowed: ALL_STAFF },
  { name: 'read own-network branch', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch2}`, allowed: NETWORK_STAFF },
  { name: 'read branch serving the municipality', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}`, allowed: ALL_STAFF },
  { name: 'read other network library', method: 'GET', url: (f) => `/api/v1/libraries/${f.otherLib}`, allowed: [] },
  { name: 'passport years', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}/passports`, allowed: ALL_STAFF },
  { name: 'passport of a year', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}/passports/2025`, allowed: ALL_STAFF },
  { name: 'passport of other network', method: 'GET', url: (f) => `/api/v1/libraries/${f.otherLib}/passports/2025`, allowed: [] },
  { name: 'edit own branch passport', method: 'PUT', url: (f) => `/api/v1/libraries/${f.branch1}/passports/2025`, body: () => passportData(), allowed: [...MANAGERS, 'librarian'] },
  { name: 'edit another branch passport', method: 'PUT', url: (f) => `/api/v1/libraries/${f.branch2}/passports/2025`, body: () => passportData(), allowed: MANAGERS },
  { name: 'edit other network passport', method: 'PUT', url: (f) => `/api/v1/libraries/${f.otherLib}/passports/2025`, body: () => passportData(), allowed: [] },
  { name: 'create library', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/libraries`, body: libraryBody, allowed: MANAGERS },
  { name: 'create library in other network', method: 'POST', url: (f) => `/api/v1/networks/${f.networkB}/libraries`, body: libraryBody, allowed: [] },
  { name: 'edit library', method: 'PUT', url: (f) => `/api/v1/libraries/${f.branch2}`, body: () => ({ kind: 'branch', name: 'Филиал № 2', code: 'AUTHZ-B2', number: 2 }), allowed: MANAGERS },
  { name: 'list service points', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}/service-points`, allowed: ALL_STAFF },
  { name: 'add service point to own branch', method: 'POST', url: (f) => `/api/v1/libraries/${f.branch1}/service-points`, body: pointBody, allowed: [...MANAGERS, 'librarian'] },
  { name: 'edit service point of own branch', method: 'PUT', url: (f) => `/api/v1/service-points/${f.pointBranch1}`, body: pointBody, allowed: [...MANAGERS, 'librarian'] },
  { name: 'edit service point of another branch', method: 'PUT', url: (f) => `/api/v1/service-points/${f.pointBranch2}`, body: pointBody, allowed: MANAGERS },
  { name: 'list municipalities', method: 'GET', url: () => '/api/v1/municipalities', allowed: ALL_STAFF },
  { name: 'export municipalities', method: 'GET', url: () => '/api/v1/municipalities.xlsx', allowed: ALL_STAFF },
  { name: 'read own municipality', method: 'GET', url: (f) => `/api/v1/municipalities/${f.muni1}`, allowed: ALL_STAFF },
  { name: 'read other network municipality', method: 'GET', url: (f) => `/api/v1/municipalities/${f.muniB}`, allowed: [] },
  { name: 'create municipality', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/municipalities`, body: muniBody, allowed: MANAGERS },
  { name: 'edit municipality', method: 'PUT', url: (f) => `/api/v1/municipalities/${f.muni1}`, body: () => ({ kind: 'aiyl_okmotu', name: 'АО Один', population: 3000 }), allowed: MANAGERS },
  { name: 'edit other network municipality', method: 'PUT', url: (f) => `/api/v1/municipalities/${f.muniB}`, body: () => ({ kind: 'aiyl_okmotu', name: 'АО Б', population: 3000 }), allowed: [] },
  { name: 'list checklists', method: 'GET', url: (f) => `/api/v1/networks/${f.networkA}/checklists`, allowed: ALL_STAFF },
  { name: 'list other network checklists', method: 'GET', url: (f) => `/api/v1/networks/${f.networkB}/checklists`, allowed: [] },
  { name: 'create checklist', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/checklists`, body: checklistBody, allowed: MANAGERS },
  { name: 'edit checklist', method: 'PUT', url: (f) => `/api/v1/checklists/${f.checklistA}`, body: () => ({ name: 'Мониторинг', items: [{ key: 'sign', label: 'Вывеска' }] }), allowed: MANAGERS },
  { name: 'edit other network checklist', method: 'PUT', url: (f) => `/api/v1/checklists/${f.checklistB}`, body: () => ({ name: 'Б', items: [{ key: 'sign', label: 'Вывеска' }] }), allowed: [] },
  { name: 'list checks', method: 'GET', url: (f) => `/api/v1/libraries/${f.branch1}/checks`, allowed: ALL_STAFF },
  { name: 'record a check', method: 'POST', url: (f) => `/api/v1/libraries/${f.branch1}/checks`, body: (f) => checkBody(f.checklistA), allowed: MANAGERS },
  { name: 'edit a check', method: 'PUT', url: (f) => `/api/v1/checks/${f.checkBranch2}`, body: (f) => checkBody(f.checklistA), allowed: MANAGERS },
  { name: 'record a check in other network', method: 'POST', url: (f) => `/api/v1/libraries/${f.otherLib}/checks`, body: (f) => checkBody(f.checklistB), allowed: [] },
  { name: 'list staff', method: 'GET', url: () => '/api/v1/staff', allowed: MANAGERS },
  { name: 'read staff in scope', method: 'GET', url: (f) => `/api/v1/staff/${f.staffInA}`, allowed: MANAGERS },
  { name: 'read staff outside scope', method: 'GET', url: (f) => `/api/v1/staff/${f.staffInB}`, allowed: [] },
  { name: 'create staff in scope', method: 'POST', url: () => '/api/v1/staff', body: (f) => staffBody(f.branch1), allowed: ['network_admin'] },
  { name: 'reset password in scope', method: 'POST', url: (f) => `/api/v1/staff/${f.staffInA}/password`, body: () => ({ newPassword: 'reset-pass-123' }), allowed: ['network_admin'] },
  { name: 'reset password outside scope', method: 'POST', url: (f) => `/api/v1/staff/${f.staffInB}/password`, body: () => ({ newPassword: 'reset-pass-123' }), allowed: [] },
  { name: 'audit log', method: 'GET', url: () => '/api/v1/audit', allowed: MANAGERS },
];

describeOnEachDatabase('authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    Object.assign(f, { networkA: a.id, networkB: b.id, regionA: a.regionId });
    f.central = (await buildLibrary(db, a.id, { kind: 'central' })).id;
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, a.id, { number: 2 })).id;
    f.otherLib = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    f.muniB = (await buildMunicipality(db, b.id, [f.otherLib])).id;
    for (const lib of [f.branch1, f.branch2, f.otherLib]) await buildPassport(db, lib, 2025);
    const item = [{ key: 'sign', label: 'Вывеска' }];
    const [ca] = await db.insert(monitoringChecklists).values({ networkId: a.id, name: 'A', items: item }).returning();
    const [cb] = await db.insert(monitoringChecklists).values({ networkId: b.id, name: 'B', items: item }).returning();
    f.checklistA = ca!.id;
    f.checklistB = cb!.id;
    const [check] = await db
      .insert(monitoringChecks)
      .values({ libraryId: f.branch2, checklistId: ca!.id, checkedOn: '2026-01-10', inspector: 'x', results: [] })
      .returning();
    f.checkBranch2 = check!.id;
    const [p1] = await db.insert(servicePoints).values({ libraryId: f.branch1, kind: 'mobile_stop', name: 'Стоянка' }).returning();
    const [p2] = await db.insert(servicePoints).values({ libraryId: f.branch2, kind: 'home_delivery', name: 'На дом' }).returning();
    f.pointBranch1 = p1!.id;
    f.pointBranch2 = p2!.id;
    f.staffInA = (await buildStaff(db, 'librarian', 'library', f.branch2)).id;
    f.staffInB = (await buildStaff(db, 'librarian', 'library', f.otherLib)).id;
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it('lists show only what is in scope', async () => {
    const official = client(ctx.app, sessions.get('municipal_official'));
    const libs = (await official.get('/api/v1/libraries')).json() as { items: { id: string }[] };
    expect(libs.items.map((l) => l.id)).toEqual([f.branch1]);
    const munis = (await official.get('/api/v1/municipalities')).json() as { items: { id: string }[] };
    expect(munis.items.map((m) => m.id)).toEqual([f.muni1]);

    const librarian = client(ctx.app, sessions.get('librarian'));
    const seen = ((await librarian.get('/api/v1/libraries?pageSize=100')).json() as { items: { id: string }[] }).items.map((l) => l.id);
    expect(seen).toContain(f.branch2);
    expect(seen).not.toContain(f.otherLib);

    const director = client(ctx.app, sessions.get('director'));
    const audit = (await director.get('/api/v1/audit?pageSize=500')).json() as { items: { networkId: string | null }[] };
    expect(audit.items.length).toBeGreaterThan(0);
    expect(audit.items.every((e) => e.networkId === f.networkA)).toBe(true);
    const staff = (await director.get('/api/v1/staff?pageSize=500')).json() as { items: { id: string }[] };
    expect(staff.items.map((s) => s.id)).not.toContain(f.staffInB);
  });

  it('an installation admin creates regions and networks; a region admin only in their region', async () => {
    const db = ctx.database.db;
    const root = await buildStaff(db, 'network_admin', 'installation', null);
    const rootHttp = client(ctx.app, await login(ctx.app, root.login));
    const region = await rootHttp.post('/api/v1/regions', { name: uniq('Иссык-Кульская область ') });
    expect(region.statusCode).toBe(201);
    const regionId = (region.json() as { id: string }).id;
    const regionAdmin = await buildStaff(db, 'network_admin', 'region', regionId);
    const regionHttp = client(ctx.app, await login(ctx.app, regionAdmin.login));
    const created = await regionHttp.post('/api/v1/networks', { regionId, name: uniq('Тонская ЦБС '), shortName: uniq('Тон') });
    expect(created.statusCode).toBe(201);
    const networks = (await regionHttp.get('/api/v1/networks')).json() as { id: string; canManage: boolean }[];
    expect(networks).toEqual([expect.objectContaining({ id: (created.json() as { id: string }).id, canManage: true })]);
    expect((await regionHttp.post('/api/v1/networks', { regionId: f.regionA, name: uniq('Чужая '), shortName: 'Ч' })).statusCode).toBe(403);
    expect((await regionHttp.post('/api/v1/regions', { name: uniq('Нарын ') })).statusCode).toBe(403);
  });

  it('a network admin cannot grant a scope outside their own', async () => {
    const admin = client(ctx.app, sessions.get('network_admin'));
    const res = await admin.post('/api/v1/staff', staffBody(f.otherLib));
    expect(res.statusCode).toBe(422);
    expect((res.json() as { errors: { field: string }[] }).errors[0]?.field).toBe('scopeId');
  });
});
