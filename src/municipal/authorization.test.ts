/**
 * Every route of the municipal information centre, called by every role, inside and outside the role's
 * scope, and anonymously. An official sees only their own municipality's requests.
 */
import { expect, it } from 'vitest';
import type { TRole } from '../staff/staff.schemas';
import { buildLibrary, buildMunicipality, buildNetwork, buildStaff, client, login, type Session } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';

interface Fixture {
  networkA: string;
  central: string;
  branch1: string;
  muni1: string;
  muni2: string;
  muniB: string;
  libB: string;
  /** A request of muni1 (the official's own), of muni2 (same network) and of network B. */
  own: string;
  sibling: string;
  foreign: string;
  librarianId: string;
}

const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const HANDLERS = [...MANAGERS, 'librarian'] as const;
const READERS = [...HANDLERS, 'municipal_official'] as const;
const ALL_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official'] as const;

const recordBody = (f: Fixture) => ({ municipalityId: f.muni1, channel: 'phone', type: 'factual', topic: 'Звонок', requesterName: 'Глава' });

const CASES: RouteCase<Fixture>[] = [
  { name: 'list requests', method: 'GET', url: () => '/api/v1/municipal/requests', allowed: READERS },
  { name: 'export requests', method: 'GET', url: () => '/api/v1/municipal/requests.xlsx', allowed: READERS },
  { name: 'statistics', method: 'GET', url: () => '/api/v1/municipal/statistics', allowed: READERS },
  { name: 'statistics xlsx', method: 'GET', url: () => '/api/v1/municipal/statistics.xlsx', allowed: READERS },
  { name: 'record a request', method: 'POST', url: () => '/api/v1/municipal/requests', body: recordBody, allowed: HANDLERS },
  { name: 'record a request for another network', method: 'POST', url: () => '/api/v1/municipal/requests', body: (f) => ({ ...recordBody(f), municipalityId: f.muniB }), allowed: [] },
  { name: 'ask as an official', method: 'POST', url: () => '/api/v1/municipal/requests/ask', body: () => ({ type: 'factual', topic: 'Вопрос' }), allowed: ['municipal_official'] },
  { name: 'read own municipality request', method: 'GET', url: (f) => `/api/v1/municipal/requests/${f.own}`, allowed: READERS },
  { name: 'read another municipality request', method: 'GET', url: (f) => `/api/v1/municipal/requests/${f.sibling}`, allowed: HANDLERS },
  { name: 'read other network request', method: 'GET', url: (f) => `/api/v1/municipal/requests/${f.foreign}`, allowed: [] },
  { name: 'assignees', method: 'GET', url: (f) => `/api/v1/municipal/requests/${f.own}/assignees`, allowed: HANDLERS },
  { name: 'assign', method: 'PUT', url: (f) => `/api/v1/municipal/requests/${f.sibling}/assignment`, body: (f) => ({ assigneeId: f.librarianId }), allowed: HANDLERS },
  { name: 'assign other network', method: 'PUT', url: (f) => `/api/v1/municipal/requests/${f.foreign}/assignment`, body: () => ({ assigneeId: null }), allowed: [] },
  { name: 'answer', method: 'POST', url: (f) => `/api/v1/municipal/requests/${f.own}/answers`, body: () => ({ body: 'Ответ' }), allowed: HANDLERS },
  { name: 'answer other network', method: 'POST', url: (f) => `/api/v1/municipal/requests/${f.foreign}/answers`, body: () => ({ body: 'Ответ' }), allowed: [] },
  { name: 'ask again about own', method: 'POST', url: (f) => `/api/v1/municipal/requests/${f.own}/follow-ups`, body: () => ({ body: 'Ещё' }), allowed: READERS },
  { name: 'ask again about another municipality', method: 'POST', url: (f) => `/api/v1/municipal/requests/${f.sibling}/follow-ups`, body: () => ({ body: 'Ещё' }), allowed: HANDLERS },
  { name: 'close another municipality request', method: 'POST', url: (f) => `/api/v1/municipal/requests/${f.foreign}/close`, allowed: [] },
  { name: 'own subscriptions', method: 'GET', url: () => '/api/v1/municipal/subscriptions', allowed: ALL_STAFF },
  { name: 'subscribe', method: 'POST', url: () => '/api/v1/municipal/subscriptions', body: () => ({ topic: 'МСУ', query: { q: 'самоуправление' } }), allowed: ALL_STAFF },
  { name: 'own digests', method: 'GET', url: () => '/api/v1/municipal/digests', allowed: ALL_STAFF },
];

describeOnEachDatabase('municipal authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks, requests in each and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    f.networkA = a.id;
    f.central = (await buildLibrary(db, a.id, { kind: 'central' })).id;
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.libB = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    f.muni2 = (await buildMunicipality(db, a.id)).id;
    f.muniB = (await buildMunicipality(db, b.id, [f.libB])).id;
    const accounts = await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.central, municipalityId: f.muni1 }), sessions);
    f.librarianId = accounts.get('librarian')!;
    const officialB = await buildStaff(db, 'municipal_official', 'municipality', f.muniB);
    const official2 = await buildStaff(db, 'municipal_official', 'municipality', f.muni2);
    const ask = async (session: Session) =>
      ((await client(ctx.app, session).post('/api/v1/municipal/requests/ask', { type: 'thematic', topic: 'Пастбища' })).json() as { id: string }).id;
    f.own = await ask(sessions.get('municipal_official')!);
    f.sibling = await ask(await login(ctx.app, official2.login));
    f.foreign = await ask(await login(ctx.app, officialB.login));
    expect(f.foreign).toBeTruthy();
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it('an official lists only their municipality; staff only their network', async () => {
    const official = client(ctx.app, sessions.get('municipal_official'));
    const mine = (await official.get('/api/v1/municipal/requests?pageSize=500')).json() as { items: { municipalityId: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.municipalityId === f.muni1)).toBe(true);
    const stats = (await official.get('/api/v1/municipal/statistics')).json() as { byMunicipality: { municipalityId: string }[] };
    expect(stats.byMunicipality.map((m) => m.municipalityId)).toEqual([f.muni1]);
    const director = client(ctx.app, sessions.get('director'));
    const seen = ((await director.get('/api/v1/municipal/requests?pageSize=500')).json() as { items: { id: string }[] }).items.map((r) => r.id);
    expect(seen).toEqual(expect.arrayContaining([f.own, f.sibling]));
    expect(seen).not.toContain(f.foreign);
  });

  it('cannot assign a request to someone outside the network', async () => {
    const outsider = await buildStaff(ctx.database.db, 'librarian', 'library', f.libB);
    const res = await client(ctx.app, sessions.get('director')).put(`/api/v1/municipal/requests/${f.own}/assignment`, { assigneeId: outsider.id });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ errors: [{ field: 'assigneeId' }] });
  });
});
