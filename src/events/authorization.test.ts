/**
 * Every API route of the events domain, called by every role, inside and outside the role's scope, and
 * anonymously. What is allowed must succeed; everything else gets 401/403.
 */
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '../app/db';
import { ROLES, type TRole } from '../staff/staff.schemas';
import { buildLibrary, buildMunicipality, buildNetwork, client, uniq, type Session } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { eventBody, formIdOf } from './events.test-support';
import { eventPhotos, eventRegistrations, events, memorableDates } from './events.tables';

interface Fixture {
  networkA: string;
  networkB: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  formA: string;
  formB: string;
  eventBranch1: string;
  eventBranch2: string;
  eventOther: string;
  photo: string;
  dateA: string;
}

/** A route case whose address may need a new object per call (`fresh`, for routes that consume it: deletes). */
interface Case extends Omit<RouteCase<Fixture>, 'url'> {
  url: (f: Fixture, fresh: () => Promise<string>) => Promise<string> | string;
  fresh?: (db: Db, f: Fixture) => Promise<string>;
}

const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const EDITORS_BRANCH1 = [...MANAGERS, 'librarian'] as const;
const ALL_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official'] as const;
const NETWORK_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian'] as const;

async function insertEvent(db: Db, networkId: string, libraryId: string, formId: string) {
  const [row] = await db
    .insert(events)
    .values({ networkId, libraryId, formId, title: uniq('Событие '), audience: 'all', place: 'in_library', plannedOn: '2026-06-01', timeZone: 'Asia/Bishkek' })
    .returning();
  return row!.id;
}

const outcome = () => ({ status: 'held', heldOn: '2026-06-01', attendance: { total: 10, children: 5, youth: 3, adults: 2 } });
const dateBody = () => ({ kind: 'date', title: uniq('Дата '), month: 4, day: 12 });

const CASES: Case[] = [
  { name: 'list events', method: 'GET', url: () => '/api/v1/events', allowed: ALL_STAFF },
  { name: 'export events XLSX', method: 'GET', url: () => '/api/v1/events.xlsx', allowed: ALL_STAFF },
  { name: 'export events CSV', method: 'GET', url: () => '/api/v1/events.csv', allowed: ALL_STAFF },
  { name: 'plan in own branch', method: 'POST', url: () => '/api/v1/events', body: (f) => eventBody(f.branch1, f.formA), allowed: EDITORS_BRANCH1 },
  { name: 'plan in another branch', method: 'POST', url: () => '/api/v1/events', body: (f) => eventBody(f.branch2, f.formA), allowed: MANAGERS },
  { name: 'plan in other network', method: 'POST', url: () => '/api/v1/events', body: (f) => eventBody(f.otherLib, f.formB), allowed: [] },
  { name: 'read event of own branch', method: 'GET', url: (f) => `/api/v1/events/${f.eventBranch1}`, allowed: ALL_STAFF },
  { name: 'read event of another branch', method: 'GET', url: (f) => `/api/v1/events/${f.eventBranch2}`, allowed: NETWORK_STAFF },
  { name: 'read event of other network', method: 'GET', url: (f) => `/api/v1/events/${f.eventOther}`, allowed: [] },
  { name: 'change event of own branch', method: 'PUT', url: (f) => `/api/v1/events/${f.eventBranch1}`, body: (f) => eventBody(f.branch1, f.formA), allowed: EDITORS_BRANCH1 },
  { name: 'change event of another branch', method: 'PUT', url: (f) => `/api/v1/events/${f.eventBranch2}`, body: (f) => eventBody(f.branch2, f.formA), allowed: MANAGERS },
  {
    name: 'move own event to another branch',
    method: 'PUT',
    fresh: (db, f) => insertEvent(db, f.networkA, f.branch1, f.formA),
    url: async (_f, fresh) => `/api/v1/events/${await fresh()}`,
    body: (f) => eventBody(f.branch2, f.formA),
    allowed: MANAGERS,
  },
  { name: 'change event of other network', method: 'PUT', url: (f) => `/api/v1/events/${f.eventOther}`, body: (f) => eventBody(f.otherLib, f.formB), allowed: [] },
  { name: 'record own branch event', method: 'PUT', url: (f) => `/api/v1/events/${f.eventBranch1}/outcome`, body: outcome, allowed: EDITORS_BRANCH1 },
  { name: 'record another branch event', method: 'PUT', url: (f) => `/api/v1/events/${f.eventBranch2}/outcome`, body: outcome, allowed: MANAGERS },
  { name: 'record other network event', method: 'PUT', url: (f) => `/api/v1/events/${f.eventOther}/outcome`, body: outcome, allowed: [] },
  {
    name: 'delete own branch event',
    method: 'DELETE',
    fresh: (db, f) => insertEvent(db, f.networkA, f.branch1, f.formA),
    url: async (_f, fresh) => `/api/v1/events/${await fresh()}`,
    allowed: EDITORS_BRANCH1,
  },
  {
    name: 'delete another branch event',
    method: 'DELETE',
    fresh: (db, f) => insertEvent(db, f.networkA, f.branch2, f.formA),
    url: async (_f, fresh) => `/api/v1/events/${await fresh()}`,
    allowed: MANAGERS,
  },
  { name: 'read a photo of own branch event', method: 'GET', url: (f) => `/api/v1/events/${f.eventBranch1}/photos/${f.photo}`, allowed: ALL_STAFF },
  {
    name: 'remove a photo of own branch event',
    method: 'DELETE',
    fresh: async (db, f) => {
      const sha = uniq('').padEnd(64, '0').replace(/[^0-9a-f]/g, 'a');
      await db.insert(eventPhotos).values({ eventId: f.eventBranch1, sha256: sha, mediaType: 'image/png' });
      return sha;
    },
    url: async (f, fresh) => `/api/v1/events/${f.eventBranch1}/photos/${await fresh()}`,
    allowed: EDITORS_BRANCH1,
  },
  { name: 'registrations of own branch event', method: 'GET', url: (f) => `/api/v1/events/${f.eventBranch1}/registrations`, allowed: EDITORS_BRANCH1 },
  { name: 'registrations of another branch event', method: 'GET', url: (f) => `/api/v1/events/${f.eventBranch2}/registrations`, allowed: MANAGERS },
  {
    name: 'remove a registration',
    method: 'DELETE',
    fresh: async (db, f) => {
      const [r] = await db.insert(eventRegistrations).values({ eventId: f.eventBranch1, name: 'Айгуль', phone: '0555 123 456' }).returning();
      await db.update(events).set({ registeredCount: 1 }).where(eventsId(f.eventBranch1));
      return r!.id;
    },
    url: async (f, fresh) => `/api/v1/events/${f.eventBranch1}/registrations/${await fresh()}`,
    allowed: EDITORS_BRANCH1,
  },
  { name: 'summary of own branch', method: 'GET', url: (f) => `/api/v1/events/summary?libraryId=${f.branch1}&from=2026-01-01&to=2026-12-31`, allowed: ALL_STAFF },
  { name: 'summary of another branch', method: 'GET', url: (f) => `/api/v1/events/summary?libraryId=${f.branch2}&from=2026-01-01&to=2026-12-31`, allowed: NETWORK_STAFF },
  { name: 'summary of other network', method: 'GET', url: (f) => `/api/v1/events/summary?networkId=${f.networkB}&from=2026-01-01&to=2026-12-31`, allowed: [] },
  { name: 'summary of all visible', method: 'GET', url: () => '/api/v1/events/summary?from=2026-01-01&to=2026-12-31', allowed: ALL_STAFF },
  { name: 'event forms', method: 'GET', url: (f) => `/api/v1/networks/${f.networkA}/event-forms`, allowed: ALL_STAFF },
  { name: 'event forms of other network', method: 'GET', url: (f) => `/api/v1/networks/${f.networkB}/event-forms`, allowed: [] },
  { name: 'add event form', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/event-forms`, body: () => ({ nameRu: uniq('Форма ') }), allowed: MANAGERS },
  { name: 'add event form to other network', method: 'POST', url: (f) => `/api/v1/networks/${f.networkB}/event-forms`, body: () => ({ nameRu: uniq('Форма ') }), allowed: [] },
  { name: 'change event form', method: 'PUT', url: (f) => `/api/v1/event-forms/${f.formA}`, body: () => ({ nameRu: 'Литературный вечер' }), allowed: MANAGERS },
  { name: 'change event form of other network', method: 'PUT', url: (f) => `/api/v1/event-forms/${f.formB}`, body: () => ({ nameRu: 'Вечер' }), allowed: [] },
  { name: 'memorable dates', method: 'GET', url: (f) => `/api/v1/networks/${f.networkA}/memorable-dates?year=2026`, allowed: ALL_STAFF },
  { name: 'memorable dates of other network', method: 'GET', url: (f) => `/api/v1/networks/${f.networkB}/memorable-dates`, allowed: [] },
  { name: 'add memorable date', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/memorable-dates`, body: dateBody, allowed: MANAGERS },
  { name: 'change memorable date', method: 'PUT', url: (f) => `/api/v1/memorable-dates/${f.dateA}`, body: dateBody, allowed: MANAGERS },
  {
    name: 'remove memorable date',
    method: 'DELETE',
    fresh: async (db, f) => (await db.insert(memorableDates).values({ networkId: f.networkA, kind: 'date', title: uniq('Д '), month: 1, day: 1 }).returning())[0]!.id,
    url: async (_f, fresh) => `/api/v1/memorable-dates/${await fresh()}`,
    allowed: MANAGERS,
  },
  { name: 'planning suggestions', method: 'GET', url: (f) => `/api/v1/networks/${f.networkA}/event-suggestions?year=2026&month=3`, allowed: ALL_STAFF },
];

function eventsId(id: string) {
  return eq(events.id, id);
}

describeOnEachDatabase('events authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture & { muni1: string };
  const sessions = new Map<TRole, Session>();

  it('sets up two networks, events, a photo and one account per role', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    Object.assign(f, { networkA: a.id, networkB: b.id });
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, a.id, { number: 2 })).id;
    f.otherLib = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    f.formA = await formIdOf(db, a.id);
    f.formB = await formIdOf(db, b.id);
    f.eventBranch1 = await insertEvent(db, a.id, f.branch1, f.formA);
    f.eventBranch2 = await insertEvent(db, a.id, f.branch2, f.formA);
    f.eventOther = await insertEvent(db, b.id, f.otherLib, f.formB);
    const stored = await ctx.app.files.put(Readable.from([Buffer.from(uniq('png'))]), { mediaType: 'image/png' });
    await db.insert(eventPhotos).values({ eventId: f.eventBranch1, sha256: stored.sha256, mediaType: 'image/png' });
    f.photo = stored.sha256;
    f.dateA = (await db.insert(memorableDates).values({ networkId: a.id, kind: 'date', title: 'Дата', month: 2, day: 2 }).returning())[0]!.id;
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  const fresh = (c: Case) => (): Promise<string> => (c.fresh ? c.fresh(ctx.database.db, f) : Promise.resolve(''));
  itChecksEveryRole(
    ctx,
    CASES.map((c) => ({ ...c, url: (fx: Fixture) => c.url(fx, fresh(c)) })),
    f,
    sessions,
  );

  it('uploading a photo: the editors of the event only', async () => {
    for (const role of ROLES) {
      const session = sessions.get(role)!;
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/events/${f.eventBranch1}/photos?caption=${encodeURIComponent('Гости вечера')}&fileName=evening.png`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'image/png' },
        payload: Buffer.from(uniq('png-bytes')),
      });
      expect(res.statusCode, `${role}: ${res.body.slice(0, 200)}`).toBe((EDITORS_BRANCH1 as readonly TRole[]).includes(role) ? 201 : 403);
    }
  });

  it('lists show only what is in scope: an official sees the events of the libraries serving their municipality', async () => {
    const official = client(ctx.app, sessions.get('municipal_official'));
    const seen = ((await official.get('/api/v1/events?pageSize=500')).json() as { items: { id: string; libraryId: string }[] }).items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((e) => e.libraryId === f.branch1)).toBe(true);
    const librarian = client(ctx.app, sessions.get('librarian'));
    const ids = ((await librarian.get('/api/v1/events?pageSize=500')).json() as { items: { id: string }[] }).items.map((e) => e.id);
    expect(ids).toContain(f.eventBranch2);
    expect(ids).not.toContain(f.eventOther);
  });
});
