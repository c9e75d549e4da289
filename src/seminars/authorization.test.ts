/**
 * Every route of the seminars domain, called by every role inside and outside its scope and
 * anonymously. Network staff read; managers plan and write protocols; a librarian marks done the
 * tasks of their own library; a municipal official reads seminars hosted by their libraries.
 */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { buildLibrary, buildMunicipality, buildNetwork, client, uniq, type Session } from '../test/factories';
import type { TRole } from '../staff/staff.schemas';
import { itChecksEveryRole, signInEveryRole, usualScope, type RouteCase } from '../test/role-matrix';
import { seminarDecisions, seminars } from './seminars.tables';

interface Fixture {
  networkA: string;
  networkB: string;
  branch1: string;
  branch2: string;
  otherLib: string;
  muni1: string;
  seminarAtBranch1: string;
  seminarAtBranch2: string;
  seminarB: string;
  taskBranch1: string;
  taskBranch2: string;
  taskB: string;
}

const MANAGERS = ['network_admin', 'director', 'methodologist'] as const;
const NETWORK_STAFF = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian'] as const;
const ALL_STAFF = [...NETWORK_STAFF, 'municipal_official'] as const;

const seminarBody = (f: Fixture) => ({ hostLibraryId: f.branch2, theme: uniq('Семинар '), heldOn: '2026-04-15' });
const decisionBody = () => ({ text: 'Провести ремонт', responsible: 'Глава а/о', dueOn: '2026-09-01' });
const protocolBody = () => ({ protocol: { chair: 'Директор' }, participants: [{ kind: 'guest', fullName: 'Глава а/о' }] });
const done = () => ({ status: 'done', doneOn: '2026-05-01' });

const CASES: RouteCase<Fixture>[] = [
  { name: 'list seminars', method: 'GET', url: () => '/api/v1/seminars', allowed: ALL_STAFF },
  { name: 'export seminars', method: 'GET', url: () => '/api/v1/seminars.xlsx', allowed: ALL_STAFF },
  { name: 'read seminar hosted by the official\'s library', method: 'GET', url: (f) => `/api/v1/seminars/${f.seminarAtBranch1}`, allowed: ALL_STAFF },
  { name: 'read seminar hosted elsewhere in the network', method: 'GET', url: (f) => `/api/v1/seminars/${f.seminarAtBranch2}`, allowed: NETWORK_STAFF },
  { name: 'read other network seminar', method: 'GET', url: (f) => `/api/v1/seminars/${f.seminarB}`, allowed: [] },
  { name: 'protocol PDF', method: 'GET', url: (f) => `/api/v1/seminars/${f.seminarAtBranch1}/protocol.pdf`, allowed: ALL_STAFF },
  { name: 'protocol PDF of other network', method: 'GET', url: (f) => `/api/v1/seminars/${f.seminarB}/protocol.pdf`, allowed: [] },
  { name: 'rotation planner', method: 'GET', url: (f) => `/api/v1/networks/${f.networkA}/seminar-rotation?year=2026&count=2`, allowed: MANAGERS },
  { name: 'rotation planner of other network', method: 'GET', url: (f) => `/api/v1/networks/${f.networkB}/seminar-rotation?year=2026`, allowed: [] },
  { name: 'plan seminar', method: 'POST', url: (f) => `/api/v1/networks/${f.networkA}/seminars`, body: seminarBody, allowed: MANAGERS },
  { name: 'plan seminar in other network', method: 'POST', url: (f) => `/api/v1/networks/${f.networkB}/seminars`, body: seminarBody, allowed: [] },
  { name: 'edit seminar', method: 'PUT', url: (f) => `/api/v1/seminars/${f.seminarAtBranch2}`, body: seminarBody, allowed: MANAGERS },
  { name: 'edit other network seminar', method: 'PUT', url: (f) => `/api/v1/seminars/${f.seminarB}`, body: seminarBody, allowed: [] },
  { name: 'write protocol', method: 'PUT', url: (f) => `/api/v1/seminars/${f.seminarAtBranch1}/protocol`, body: protocolBody, allowed: MANAGERS },
  { name: 'write other network protocol', method: 'PUT', url: (f) => `/api/v1/seminars/${f.seminarB}/protocol`, body: protocolBody, allowed: [] },
  { name: 'add decision', method: 'POST', url: (f) => `/api/v1/seminars/${f.seminarAtBranch1}/decisions`, body: decisionBody, allowed: MANAGERS },
  { name: 'add decision to other network seminar', method: 'POST', url: (f) => `/api/v1/seminars/${f.seminarB}/decisions`, body: decisionBody, allowed: [] },
  { name: 'edit decision', method: 'PUT', url: (f) => `/api/v1/seminar-decisions/${f.taskBranch2}`, body: decisionBody, allowed: MANAGERS },
  { name: 'edit other network decision', method: 'PUT', url: (f) => `/api/v1/seminar-decisions/${f.taskB}`, body: decisionBody, allowed: [] },
  { name: 'list tasks', method: 'GET', url: () => '/api/v1/seminar-tasks', allowed: ALL_STAFF },
  { name: 'export tasks', method: 'GET', url: () => '/api/v1/seminar-tasks.xlsx', allowed: ALL_STAFF },
  { name: 'mark done a task of own library', method: 'POST', url: (f) => `/api/v1/seminar-decisions/${f.taskBranch1}/progress`, body: done, allowed: [...MANAGERS, 'librarian'] },
  { name: 'mark done a task of another branch', method: 'POST', url: (f) => `/api/v1/seminar-decisions/${f.taskBranch2}/progress`, body: done, allowed: MANAGERS },
  { name: 'mark done a task of other network', method: 'POST', url: (f) => `/api/v1/seminar-decisions/${f.taskB}/progress`, body: done, allowed: [] },
];

describeOnEachDatabase('seminars authorization: role × scope × route', (ctx) => {
  const f = {} as Fixture;
  const sessions = new Map<TRole, Session>();

  it('sets up two networks with seminars and tasks', async () => {
    const db = ctx.database.db;
    const a = await buildNetwork(db);
    const b = await buildNetwork(db);
    Object.assign(f, { networkA: a.id, networkB: b.id });
    f.branch1 = (await buildLibrary(db, a.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, a.id, { number: 2 })).id;
    f.otherLib = (await buildLibrary(db, b.id)).id;
    f.muni1 = (await buildMunicipality(db, a.id, [f.branch1])).id;
    const seminar = async (networkId: string, hostLibraryId: string) =>
      (await db.insert(seminars).values({ networkId, hostLibraryId, theme: 'Семинар', heldOn: '2025-06-01' }).returning())[0]!.id;
    f.seminarAtBranch1 = await seminar(a.id, f.branch1);
    f.seminarAtBranch2 = await seminar(a.id, f.branch2);
    f.seminarB = await seminar(b.id, f.otherLib);
    const task = async (seminarId: string, libraryId: string) =>
      (await db.insert(seminarDecisions).values({ seminarId, libraryId, text: 'Ремонт', responsible: 'Глава', dueOn: '2025-09-01' }).returning())[0]!.id;
    f.taskBranch1 = await task(f.seminarAtBranch1, f.branch1);
    f.taskBranch2 = await task(f.seminarAtBranch2, f.branch2);
    f.taskB = await task(f.seminarB, f.otherLib);
    await signInEveryRole(ctx, (role) => usualScope(role, { networkId: f.networkA, libraryId: f.branch1, municipalityId: f.muni1 }), sessions);
  });

  itChecksEveryRole(ctx, CASES, f, sessions);

  it('lists show only what is in scope', async () => {
    const ids = async (role: TRole, url: string) =>
      (await client(ctx.app, sessions.get(role)).get(url)).json<{ items: { id: string }[] }>().items.map((i) => i.id).sort();
    expect(await ids('municipal_official', '/api/v1/seminars')).toEqual([f.seminarAtBranch1]);
    const directorSeminars = await ids('director', '/api/v1/seminars?pageSize=500');
    expect(directorSeminars).toEqual(expect.arrayContaining([f.seminarAtBranch1, f.seminarAtBranch2]));
    expect(directorSeminars).not.toContain(f.seminarB);
    for (const role of ['librarian', 'municipal_official'] as const) {
      const tasks = await ids(role, '/api/v1/seminar-tasks?pageSize=500');
      expect(tasks).toContain(f.taskBranch1);
      expect(tasks).not.toContain(f.taskBranch2);
      expect(tasks).not.toContain(f.taskB);
    }
    const managerTasks = await ids('methodologist', '/api/v1/seminar-tasks?pageSize=500');
    expect(managerTasks).toEqual(expect.arrayContaining([f.taskBranch1, f.taskBranch2]));
    expect(managerTasks).not.toContain(f.taskB);
  });
});
