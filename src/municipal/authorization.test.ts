/**
 * Every route of the municipal information centre, called by every role, inside and outside the role's
 * scope, and anonymously. An official sees only their own municipality's requests.
 */
import { expect, it } from 'vitest';
import { ROLES, type TRole } from '../staff/staff.schemas';
import { buildLibrary, buildMunicipality, buildNetwork, buildStaff, client, login, type Session } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';

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

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  allowed: readonly TRole[];
}

const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const HANDLERS = [...MANAGERS, 'librarian'] as const;
const READERS = [...HANDLERS, 'municipal_official'] as const;

const recordBody = (f: Fixture) => ({ municipalityId: f.muni1, channel: 'phone', type: 'factual', topic: 'Звонок', requesterName: 'Глава' });

const CASES: Case[] = [
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
];

function scopeFor(role: TRole, f: Fixture): { kind: 'network' | 'library' | 'municipality'; id: string } {
  if (role === 'librarian' || role === 'reader') return { kind: 'library', id: f.central };
  if (role === 'municipal_official') return { kind: 'municipality', id: f.muni1 };
  return { kind: 'network', id: f.networkA };
}

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
    for (const role of ROLES) {
      const scope = scopeFor(role, f);
      const user = await buildStaff(db, role, scope.kind, scope.id);
      if (role === 'librarian') f.librarianId = user.id;
      sessions.set(role, await login(ctx.app, user.login));
    }
    const officialB = await buildStaff(db, 'municipal_official', 'municipality', f.muniB);
    const official2 = await buildStaff(db, 'municipal_official', 'municipality', f.muni2);
    const ask = async (session: Session) =>
      ((await client(ctx.app, session).post('/api/v1/municipal/requests/ask', { type: 'thematic', topic: 'Пастбища' })).json() as { id: string }).id;
    f.own = await ask(sessions.get('municipal_official')!);
    f.sibling = await ask(await login(ctx.app, official2.login));
    f.foreign = await ask(await login(ctx.app, officialB.login));
    expect(f.foreign).toBeTruthy();
  });

  for (const c of CASES) {
    it(`${c.method} ${c.name}`, async () => {
      const send = (session?: Session) => {
        const http = client(ctx.app, session);
        const url = c.url(f);
        const body = c.body?.(f);
        if (c.method === 'GET') return http.get(url);
        if (c.method === 'POST') return http.post(url, body);
        if (c.method === 'PUT') return http.put(url, body);
        return http.delete(url);
      };
      expect((await send()).statusCode, 'anonymous').toBe(401);
      for (const role of ROLES) {
        const res = await send(sessions.get(role));
        if (c.allowed.includes(role)) expect(res.statusCode, `${role} should be allowed: ${res.body.slice(0, 300)}`).toBeLessThan(300);
        else expect(res.statusCode, `${role} should be refused: ${res.body.slice(0, 300)}`).toBe(403);
      }
    });
  }

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
