/** Logging in and out, CSRF, password change and reset, language choice, first-run setup. */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { buildNetwork, buildStaff, client, login, TEST_PASSWORD } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { sessions } from './staff.tables';

describeOnEachDatabase('session', (ctx) => {
  it('logs in with the right password only, and the session works until logout', async () => {
    const network = await buildNetwork(ctx.database.db);
    const user = await buildStaff(ctx.database.db, 'methodologist', 'network', network.id);
    const wrong = await client(ctx.app, undefined, 'ru').post('/api/v1/session', { login: user.login, password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json()).toMatchObject({ code: 'login_failed', title: 'Неверный логин или пароль.' });

    const session = await login(ctx.app, user.login);
    const http = client(ctx.app, session);
    const me = await http.get('/api/v1/session');
    expect(me.json()).toMatchObject({ user: { login: user.login, role: 'methodologist' } });

    const out = await http.delete('/api/v1/session');
    expect(out.statusCode).toBe(204);
    expect((await http.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('sets an HttpOnly SameSite=Lax cookie and keeps only a hash of the token', async () => {
    const user = await buildStaff(ctx.database.db, 'network_admin', 'installation', null);
    const res = await client(ctx.app).post('/api/v1/session', { login: user.login, password: TEST_PASSWORD });
    const cookie = res.cookies.find((c) => c.name === 'kp_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const stored = await ctx.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored[0]!.tokenHash).not.toBe(cookie.value);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const user = await buildStaff(ctx.database.db, 'network_admin', 'installation', null);
    const session = await login(ctx.app, user.login);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/session/language',
      headers: { cookie: session.cookie },
      payload: { language: 'ky' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'csrf' });
    const forged = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/session/language',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload: { language: 'ky' },
    });
    expect(forged.statusCode).toBe(403);
  });

  it('switches the language per user; errors then come in Kyrgyz', async () => {
    const user = await buildStaff(ctx.database.db, 'librarian', 'installation', null);
    const session = await login(ctx.app, user.login);
    const http = client(ctx.app, session);
    expect((await http.put('/api/v1/session/language', { language: 'ky' })).statusCode).toBe(204);
    expect((await http.get('/api/v1/session')).json()).toMatchObject({ user: { language: 'ky' } });
    const refused = await http.get('/api/v1/staff');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ title: 'Бул аракет үчүн укугуңуз жетишсиз.' });
  });

  it('changes the own password: the old one stops working, other sessions end', async () => {
    const user = await buildStaff(ctx.database.db, 'director', 'installation', null);
    const first = await login(ctx.app, user.login);
    const second = await login(ctx.app, user.login);
    const badCurrent = await client(ctx.app, first).post('/api/v1/session/password', { currentPassword: 'wrong', newPassword: 'new-password-1' });
    expect(badCurrent.statusCode).toBe(422);
    expect(badCurrent.json()).toMatchObject({ errors: [{ field: 'currentPassword' }] });
    const tooShort = await client(ctx.app, first).post('/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(422);
    expect(tooShort.json()).toMatchObject({ errors: [{ field: 'newPassword', code: 'password_short' }] });

    const ok = await client(ctx.app, first).post('/api/v1/session/password', { currentPassword: TEST_PASSWORD, newPassword: 'new-password-1' });
    expect(ok.statusCode).toBe(204);
    expect((await client(ctx.app, first).get('/api/v1/session')).statusCode).toBe(200);
    expect((await client(ctx.app, second).get('/api/v1/session')).statusCode).toBe(401);
    await expect(login(ctx.app, user.login)).rejects.toThrow();
    await login(ctx.app, user.login, 'new-password-1');
    const logged = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, user.id));
    expect(logged.map((e) => e.action)).toContain('staff.password_change');
  });

  it('after an admin reset the person must change the password before doing anything else', async () => {
    const network = await buildNetwork(ctx.database.db);
    const admin = await buildStaff(ctx.database.db, 'network_admin', 'network', network.id);
    const target = await buildStaff(ctx.database.db, 'methodologist', 'network', network.id);
    const adminHttp = client(ctx.app, await login(ctx.app, admin.login));
    expect((await adminHttp.post(`/api/v1/staff/${target.id}/password`, { newPassword: 'temporary-1' })).statusCode).toBe(204);

    const session = await login(ctx.app, target.login, 'temporary-1');
    const http = client(ctx.app, session);
    expect((await http.get('/api/v1/session')).json()).toMatchObject({ user: { mustChangePassword: true } });
    const blocked = await http.post(`/api/v1/networks/${network.id}/municipalities`, { kind: 'mo', name: 'МО' });
    expect(blocked.json()).toMatchObject({ code: 'must_change_password' });
    expect((await http.post('/api/v1/session/password', { currentPassword: 'temporary-1', newPassword: 'my-own-pass-1' })).statusCode).toBe(204);
    expect((await http.post(`/api/v1/networks/${network.id}/municipalities`, { kind: 'mo', name: 'МО' })).statusCode).toBe(201);
  });

  it('a deactivated account cannot log in and loses its sessions', async () => {
    const admin = await buildStaff(ctx.database.db, 'network_admin', 'installation', null);
    const target = await buildStaff(ctx.database.db, 'librarian', 'installation', null);
    const targetSession = await login(ctx.app, target.login);
    const adminHttp = client(ctx.app, await login(ctx.app, admin.login));
    const res = await adminHttp.put(`/api/v1/staff/${target.id}`, {
      login: target.login,
      fullName: target.fullName,
      role: 'librarian',
      scopeKind: 'installation',
      scopeId: null,
      isActive: false,
    });
    expect(res.statusCode).toBe(200);
    expect((await client(ctx.app, targetSession).get('/api/v1/session')).statusCode).toBe(401);
    await expect(login(ctx.app, target.login)).rejects.toThrow();
  });

  it('staff logins are unique', async () => {
    const admin = await buildStaff(ctx.database.db, 'network_admin', 'installation', null);
    const http = client(ctx.app, await login(ctx.app, admin.login));
    const body = { login: admin.login, fullName: 'Двойник', role: 'librarian', scopeKind: 'installation', scopeId: null, password: 'long-enough-1' };
    const res = await http.post('/api/v1/staff', body);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'login' }] });
  });
});

describeOnEachDatabase(
  'login rate limit',
  (ctx) => {
    it('answers 429 after too many attempts in a minute', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push((await client(ctx.app).post('/api/v1/session', { login: 'nobody', password: 'whatever' })).statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes.slice(3)).toEqual([429, 429]);
    });
  },
  { config: { KITEPKANA_LOGIN_LIMIT: '3' } },
);

describeOnEachDatabase('first-run setup', (ctx) => {
  const body = {
    regionName: 'Чуйская область',
    networkName: 'Кеминская ЦБС',
    networkShortName: 'Кемин',
    centralLibraryName: 'Центральная библиотека',
    admin: { login: 'first.admin', fullName: 'Первый администратор', password: 'first-admin-1' },
  };

  it('is offered only while there is no account, then creates the network and the admin', async () => {
    const anonymous = client(ctx.app);
    expect((await anonymous.get('/api/v1/setup')).json()).toEqual({ isNeeded: true });
    const invalid = await anonymous.post('/api/v1/setup', { ...body, admin: { ...body.admin, password: 'x' } });
    expect(invalid.statusCode).toBe(422);
    expect((await anonymous.get('/api/v1/setup')).json()).toEqual({ isNeeded: true });

    expect((await anonymous.post('/api/v1/setup', body)).statusCode).toBe(201);
    expect((await anonymous.get('/api/v1/setup')).json()).toEqual({ isNeeded: false });
    expect((await anonymous.post('/api/v1/setup', body)).statusCode).toBe(409);

    const http = client(ctx.app, await login(ctx.app, 'first.admin', 'first-admin-1'));
    const libs = (await http.get('/api/v1/libraries')).json() as { items: { kind: string; networkName: string }[] };
    expect(libs.items).toEqual([expect.objectContaining({ kind: 'central', networkName: 'Кемин' })]);
  });
});
