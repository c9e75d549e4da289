/**
 * The reader's account on the portal, without JavaScript: log in with the card number, see loans and
 * renew, reserve from a catalogue record and cancel, opt in to the history, change the password. A
 * reader sees and acts only on their own account; a staff session is not a reader session.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import type { App } from '../../app/http';
import { buildCopy, buildDesk, buildReader, buildRecord, type Desk } from '../../circulation/circulation.test-support';
import { visibleText } from '../../portal/portal.test-support';
import { buildStaff, login, TEST_PASSWORD } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';

const PASSWORD = 'reader-pass-1';

function form(app: App, cookie: string, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

const day = (iso: string) => iso.split('-').reverse().join('.');

describeOnEachDatabase('reader accounts on the portal', (ctx) => {
  let d: Desk;
  const db = () => ctx.database.db;
  const get = (url: string, cookie = '') => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

  /** A reader of branch A with a password set at the desk. */
  async function reader() {
    d ??= await buildDesk(db(), ctx.app);
    const r = await buildReader(db(), d.branchA);
    expect((await d.deskA.post(`/api/v1/readers/${r.id}/password`, { password: PASSWORD })).statusCode).toBe(204);
    return r;
  }

  async function signIn(cardNumber: string) {
    const res = await form(ctx.app, '', '/account/login', { card: cardNumber, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(303);
    const cookie = `kp_reader=${res.cookies.find((c) => c.name === 'kp_reader')!.value}`;
    const home = await get('/account', cookie);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    return { cookie, csrf, home };
  }

  async function lend(readerId: string, title?: string) {
    const record = await buildRecord(db(), title ? { title } : {});
    const copy = await buildCopy(db(), record.id, d.branchA);
    const out = await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId, barcode: copy.barcode });
    expect(out.statusCode, out.body).toBe(201);
    return { record, copy, ...(out.json() as { loanId: string; dueOn: string }) };
  }

  it('logs in with the card number; an unknown card and a wrong password get the same answer', async () => {
    const r = await reader();
    const wrong = await form(ctx.app, '', '/account/login', { card: r.cardNumber, password: 'wrong-pass-1' });
    const unknown = await form(ctx.app, '', '/account/login', { card: `NO-${r.cardNumber}`, password: PASSWORD });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('Неверный номер билета или пароль.');
    expect(visibleText(unknown.body).replace(`NO-${r.cardNumber}`, '')).toBe(visibleText(wrong.body).replace(r.cardNumber, ''));
    expect(wrong.cookies.find((c) => c.name === 'kp_reader')).toBeUndefined();

    const { cookie, csrf, home } = await signIn(r.cardNumber);
    expect(home.body).toContain(r.surname);
    expect(home.body).toContain(r.cardNumber);
    const out = await form(ctx.app, cookie, '/account/logout', { _csrf: csrf });
    expect(out.statusCode).toBe(303);
    expect((await get('/account', cookie)).body).toContain('name="password"');
  });

  it('shows loans with due dates and overdue marks; renews one, refuses with the reason, renews all', async () => {
    const r = await reader();
    const late = await lend(r.id, 'Манас. Эпос');
    const held = await lend(r.id, 'Жамиля');
    await db().execute(sql`update loans set due_on = current_date - 3 where id = ${late.loanId}`);
    const other = await buildReader(db(), d.branchB);
    expect((await d.deskB.post('/api/v1/circulation/holds', { readerId: other.id, recordId: held.record.id, pickupLibraryId: d.branchB.id })).statusCode).toBe(201);

    const { cookie, csrf, home } = await signIn(r.cardNumber);
    const text = visibleText(home.body);
    expect(text).toContain('Манас. Эпос');
    expect(text).toContain('просрочено');
    expect(text).toContain(day(held.dueOn));

    const renewed = await form(ctx.app, cookie, '/account/renew', { _csrf: csrf, loanId: late.loanId });
    expect(renewed.statusCode).toBe(303);
    const after = visibleText((await get(renewed.headers.location as string, cookie)).body);
    expect(after).toMatch(/«Манас\. Эпос» продлено до \d\d\.\d\d\.\d{4}\./);
    const [row] = rowsOf<{ dueOn: string }>(await db().execute(sql`select due_on::text as "dueOn" from loans where id = ${late.loanId}`));
    expect(after).toContain(day(row!.dueOn));

    const all = await form(ctx.app, cookie, '/account/renew', { _csrf: csrf });
    const allText = visibleText((await get(all.headers.location as string, cookie)).body);
    expect(allText).toContain('«Жамиля» не продлено: эту книгу ждут другие читатели.');

    // Without the form's token nothing happens.
    expect((await form(ctx.app, cookie, '/account/renew', { loanId: late.loanId })).statusCode).toBe(403);
  });

  it('reserves from the record page with a pickup library, shows the queue, cancels', async () => {
    const r = await reader();
    const record = await buildRecord(db(), { title: 'Кыргыз тилинин сөздүгү' });
    const copy = await buildCopy(db(), record.id, d.branchB);
    const first = await buildReader(db(), d.branchB);
    await d.deskB.post('/api/v1/circulation/checkout', { libraryId: d.branchB.id, readerId: first.id, barcode: copy.barcode });

    const anonymous = await get(`/catalog/records/${record.id}`);
    expect(anonymous.body).toContain(`/account?back=%2Fcatalog%2Frecords%2F${record.id}`);
    const { cookie, csrf } = await signIn(r.cardNumber);
    const page = await get(`/catalog/records/${record.id}`, cookie);
    expect(page.body).toContain('name="pickupLibraryId"');
    expect(page.body).toContain(`<option value="${d.branchA.id}" selected>`);

    const placed = await form(ctx.app, cookie, '/account/holds', { _csrf: csrf, recordId: record.id, pickupLibraryId: d.branchA.id });
    expect(placed.statusCode).toBe(303);
    const account = visibleText((await get(placed.headers.location as string, cookie)).body);
    expect(account).toContain('Книга «Кыргыз тилинин сөздүгү» заказана.');
    expect(account).toContain(`в очереди: 1-й · Получить в: ${d.branchA.name}`);
    const again = await form(ctx.app, cookie, '/account/holds', { _csrf: csrf, recordId: record.id, pickupLibraryId: d.branchA.id });
    expect(again.headers.location).toBe(`/catalog/records/${record.id}?hold_error=hold_exists#hold`);
    expect(visibleText((await get(`/catalog/records/${record.id}?hold_error=hold_exists`, cookie)).body)).toContain('Заказать не удалось: эта книга уже есть в ваших заказах.');

    const holdId = /\/account\/holds\/([0-9a-f-]+)\/cancel/.exec((await get('/account', cookie)).body)![1]!;
    const cancelled = await form(ctx.app, cookie, `/account/holds/${holdId}/cancel`, { _csrf: csrf });
    expect(visibleText((await get(cancelled.headers.location as string, cookie)).body)).toContain('Заказ «Кыргыз тилинин сөздүгү» отменён.');
  });

  it('shows the history only after the reader opts in, and only the loans from that moment on', async () => {
    const r = await reader();
    const lendAndReturn = async (title: string) => {
      const loan = await lend(r.id, title);
      expect((await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: loan.copy.barcode })).statusCode).toBe(200);
    };
    await lendAndReturn('Ак кеме');
    const { cookie, csrf, home } = await signIn(r.cardNumber);
    expect(visibleText(home.body)).not.toContain('Ак кеме');
    await form(ctx.app, cookie, '/account/history', { _csrf: csrf, show: '1' });
    // Recorded before the consent: still not shown.
    expect(visibleText((await get('/account', cookie)).body)).not.toContain('Ак кеме');
    await lendAndReturn('Жамийла');
    const shown = visibleText((await get('/account', cookie)).body);
    expect(shown).toContain('Жамийла');
    expect(shown).not.toContain('Ак кеме');
    // Asking again while opted in keeps the start of the history.
    await form(ctx.app, cookie, '/account/history', { _csrf: csrf, show: '1' });
    expect(visibleText((await get('/account', cookie)).body)).toContain('Жамийла');
    await form(ctx.app, cookie, '/account/history', { _csrf: csrf, show: '0' });
    expect(visibleText((await get('/account', cookie)).body)).not.toContain('Жамийла');
  });

  it('changes the password with the current one', async () => {
    const r = await reader();
    const { cookie, csrf } = await signIn(r.cardNumber);
    const wrong = await form(ctx.app, cookie, '/account/password', { _csrf: csrf, current: 'nope-nope-1', password: 'brand-new-1', repeat: 'brand-new-1' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Текущий пароль указан неверно.');
    const ok = await form(ctx.app, cookie, '/account/password', { _csrf: csrf, current: PASSWORD, password: 'brand-new-1', repeat: 'brand-new-1' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Пароль изменён.');
    expect((await form(ctx.app, '', '/account/login', { card: r.cardNumber, password: 'brand-new-1' })).statusCode).toBe(303);
  });

  it('a reader acts only on their own account; a staff session is not a reader session', async () => {
    const mine = await reader();
    const theirs = await reader();
    const theirLoan = await lend(theirs.id, 'Чужая книга');
    const record = await buildRecord(db());
    await buildCopy(db(), record.id, d.branchA);
    const theirHold = (await d.deskA.post('/api/v1/circulation/holds', { readerId: theirs.id, recordId: record.id, pickupLibraryId: d.branchA.id })).json() as { id: string };

    const { cookie, csrf, home } = await signIn(mine.cardNumber);
    expect(home.body).not.toContain('Чужая книга');
    const renew = await form(ctx.app, cookie, '/account/renew', { _csrf: csrf, loanId: theirLoan.loanId });
    expect(renew.statusCode).toBe(404);
    const cancel = await form(ctx.app, cookie, `/account/holds/${theirHold.id}/cancel`, { _csrf: csrf });
    expect(cancel.statusCode).toBe(404);
    const [state] = rowsOf<{ renewals: number; status: string }>(
      await db().execute(sql`select l.renewals, h.status from loans l, holds h where l.id = ${theirLoan.loanId} and h.id = ${theirHold.id}`),
    );
    expect(state).toEqual({ renewals: 0, status: 'waiting' });

    // A staff member's session (even a reader-role staff account) opens no reader's account.
    const librarian = await login(ctx.app, (await buildStaff(db(), 'librarian', 'library', d.branchA.id)).login);
    const asStaff = await get('/account', librarian.cookie);
    expect(asStaff.body).toContain('name="password"');
    expect(asStaff.body).not.toContain(mine.cardNumber);
    const staffPost = await form(ctx.app, librarian.cookie, '/account/renew', { _csrf: librarian.csrf });
    expect(staffPost.statusCode).toBe(303);
    expect(staffPost.headers.location).toBe('/account');
    const readerRole = await buildStaff(db(), 'reader', 'library', d.branchA.id);
    const readerStaff = await login(ctx.app, readerRole.login, TEST_PASSWORD);
    expect((await get('/account', readerStaff.cookie)).body).toContain('name="password"');
    // And a reader's cookie is no staff session.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/readers/${mine.id}`, headers: { cookie } })).statusCode).toBe(401);
  });
});
