/**
 * The role × scope × route matrix shared by every domain's authorization test: a table of cases,
 * each naming the roles allowed; every case is called anonymously (401) and by one account per
 * role (allowed: 2xx, otherwise 403).
 */
import { expect, it } from 'vitest';
import { ROLES, type TRole } from '../staff/staff.schemas';
import type { TestContext } from './harness';
import { buildStaff, client, login, type Session } from './factories';

export interface RouteCase<F> {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The address; may make a new object per call, for routes that consume it (deletes). */
  url: (f: F) => string | Promise<string>;
  body?: (f: F) => unknown;
  allowed: readonly TRole[];
}

export interface RoleScope {
  kind: 'network' | 'library' | 'municipality';
  id: string;
}

/** The usual scopes: desk staff and readers in one branch, officials in one municipality, the rest over the network. */
export function usualScope(role: TRole, places: { networkId: string; libraryId: string; municipalityId: string }): RoleScope {
  if (role === 'librarian' || role === 'reader') return { kind: 'library', id: places.libraryId };
  if (role === 'municipal_official') return { kind: 'municipality', id: places.municipalityId };
  return { kind: 'network', id: places.networkId };
}

/** Creates one staff account per role in the scope given and signs each in, into `sessions`; returns the accounts' ids. */
export async function signInEveryRole(ctx: TestContext, scopeFor: (role: TRole) => RoleScope, sessions: Map<TRole, Session>) {
  const ids = new Map<TRole, string>();
  for (const role of ROLES) {
    const scope = scopeFor(role);
    const user = await buildStaff(ctx.database.db, role, scope.kind, scope.id);
    ids.set(role, user.id);
    sessions.set(role, await login(ctx.app, user.login));
  }
  expect(sessions.size).toBe(ROLES.length);
  return ids;
}

export async function sendCase<F>(http: ReturnType<typeof client>, c: RouteCase<F>, f: F) {
  const url = await c.url(f);
  switch (c.method) {
    case 'GET':
      return http.get(url);
    case 'DELETE':
      return http.delete(url);
    case 'POST':
      return http.post(url, c.body?.(f));
    default:
      return http.put(url, c.body?.(f));
  }
}

export interface MatrixOptions {
  /**
   * An allowed call may still be refused for the data (404, 409: the copy is already lent, the hold
   * closed), never for the person: only 401, 403 and 422 then count as a refusal. Off: allowed means 2xx.
   */
  dataMayRefuse?: boolean;
}

/** Declares one test per case; `f` and `sessions` are filled by an earlier test of the suite. */
export function itChecksEveryRole<F>(ctx: TestContext, cases: readonly RouteCase<F>[], f: F, sessions: Map<TRole, Session>, options: MatrixOptions = {}) {
  for (const c of cases) {
    it(`${c.method} ${c.name}`, async () => {
      expect((await sendCase(client(ctx.app), c, f)).statusCode, 'anonymous').toBe(401);
      for (const role of ROLES) {
        const res = await sendCase(client(ctx.app, sessions.get(role)), c, f);
        const said = `${role} should be ${c.allowed.includes(role) ? 'allowed' : 'refused'}: ${res.body.slice(0, 300)}`;
        if (!c.allowed.includes(role)) expect(res.statusCode, said).toBe(403);
        else if (options.dataMayRefuse) expect([401, 403, 422], said).not.toContain(res.statusCode);
        else expect(res.statusCode, said).toBeLessThan(300);
      }
    });
  }
}
