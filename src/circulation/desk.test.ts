/** The loan desk through the API: checkout, return, renewal, in-library use, refusals, undo, visits. */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { auditLog } from '../audit';
import { readerRegistrations, readers } from '../readers';
import { describeOnEachDatabase } from '../test/harness';
import { birthDateYearsAgo, buildCopy, buildDesk, buildReader, buildRecord, itemStatus, type Desk } from './circulation.test-support';
import { loanRules, loans, readerVisits } from './circulation.tables';

describeOnEachDatabase('loan desk', (ctx) => {
  let d: Desk;
  const db = () => ctx.database.db;
  const setup = async () => (d ??= await buildDesk(db(), ctx.app));

  async function readerAndCopies(n: number, recordOverrides = {}) {
    const desk = await setup();
    const reader = await buildReader(db(), desk.branchA);
    const record = await buildRecord(db(), recordOverrides);
    const copies = [];
    for (let i = 0; i < n; i++) copies.push(await buildCopy(db(), record.id, desk.branchA));
    return { reader, record, copies };
  }

  it('lends three copies, shows them on the reader panel with due dates, returns one and renews one', async () => {
    const { reader, copies } = await readerAndCopies(3);
    const { deskA, branchA } = d;
    for (const copy of copies) {
      const res = await deskA.post('/api/v1/circulation/checkout', { libraryId: branchA.id, readerId: reader.id, barcode: copy.barcode });
      expect(res.statusCode, res.body).toBe(201);
      expect(await itemStatus(db(), copy.id)).toBe('on_loan');
    }
    const panel = (await deskA.get(`/api/v1/circulation/desk/reader?libraryId=${branchA.id}&card=${reader.cardNumber}`)).json() as {
      reader: { fullName: string; age: number; categoryName: string }; loans: { barcode: string; dueOn: string; isOverdue: boolean }[];
    };
    expect(panel.loans.map((l) => l.barcode).sort()).toEqual(copies.map((c) => c.barcode).sort());
    expect(panel.loans.every((l) => !l.isOverdue && l.dueOn > new Date().toISOString().slice(0, 10))).toBe(true);
    expect(panel.reader.fullName).toContain(reader.surname);
    expect(panel.reader.categoryName, 'the category in the librarian language').toBe('Other');

    const returned = await deskA.post('/api/v1/circulation/return', { libraryId: branchA.id, barcode: copies[0]!.barcode });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ readerId: reader.id, next: { kind: 'shelf' } });
    expect(await itemStatus(db(), copies[0]!.id)).toBe('available');

    const renewed = await deskA.post('/api/v1/circulation/renew', { libraryId: branchA.id, barcode: copies[1]!.barcode });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json()).toMatchObject({ renewals: 1 });
  });

  it('refuses an unknown barcode, a copy already on loan and a copy in repair, clearly and in the librarian language', async () => {
    const { reader, record } = await readerAndCopies(0);
    const other = await buildReader(db(), d.branchA);
    const copy = await buildCopy(db(), record.id, d.branchA);
    const repair = await buildCopy(db(), record.id, d.branchA, 'in_repair');
    const lend = (readerId: string, barcode: string) => d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId, barcode });
    const unknown = await lend(reader.id, 'NO-SUCH-BARCODE');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'unknown_barcode', title: 'No copy has this barcode. Check the number.' });
    expect((await lend(reader.id, copy.barcode)).statusCode).toBe(201);
    const again = await lend(other.id, copy.barcode);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_on_loan', title: 'This copy is already on loan. Return it first.' });
    expect((await lend(reader.id, repair.barcode)).json()).toMatchObject({ code: 'not_available' });
    const ru = await ctx.app.inject({
      method: 'POST', url: '/api/v1/circulation/checkout',
      headers: { 'accept-language': 'ru' }, payload: { libraryId: d.branchA.id, readerId: reader.id, barcode: 'X' },
    });
    expect(ru.statusCode).toBe(401);
  });

  it('refuses a blocked reader and an expired registration, changing nothing', async () => {
    const { reader, copies } = await readerAndCopies(1);
    const lend = () => d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copies[0]!.barcode });
    await db().update(readers).set({ isBlocked: true, blockReason: 'долг' }).where(eq(readers.id, reader.id));
    const blocked = await lend();
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json()).toMatchObject({ code: 'reader_blocked' });
    await db().update(readers).set({ isBlocked: false }).where(eq(readers.id, reader.id));
    await db().update(readerRegistrations).set({ registeredOn: '2020-01-01', expiresOn: '2020-12-31' }).where(eq(readerRegistrations.readerId, reader.id));
    const expired = await lend();
    expect(expired.json()).toMatchObject({ code: 'registration_expired' });
    expect(await itemStatus(db(), copies[0]!.id)).toBe('available');
    expect(await db().select().from(loans).where(eq(loans.readerId, reader.id))).toHaveLength(0);
    expect(await db().select().from(readerVisits).where(eq(readerVisits.readerId, reader.id))).toHaveLength(0);
  });

  it('enforces age labels, and lends with an override only when a reason is given, logging it', async () => {
    const desk = await setup();
    const child = await buildReader(db(), desk.branchA, { birthDate: birthDateYearsAgo(11), guardianName: 'Мать', guardianRelation: 'мать', guardianPhone: '+996 555 000000' });
    const teen = await buildReader(db(), desk.branchA, { birthDate: birthDateYearsAgo(15), guardianName: '', guardianRelation: '', guardianPhone: '' });
    const lend = (readerId: string, barcode: string, ageOverrideReason?: string) =>
      desk.deskA.post('/api/v1/circulation/checkout', { libraryId: desk.branchA.id, readerId, barcode, ageOverrideReason });
    const copyOf = async (ageLabel: '6+' | '12+' | '16+' | '18+') => (await buildCopy(db(), (await buildRecord(db(), { ageLabel })).id, desk.branchA)).barcode;
    expect((await lend(child.id, await copyOf('12+'))).json()).toMatchObject({ code: 'age_label' });
    expect((await lend(child.id, await copyOf('6+'))).statusCode).toBe(201);
    expect((await lend(teen.id, await copyOf('16+'))).json()).toMatchObject({ code: 'age_label' });
    expect((await lend(teen.id, await copyOf('18+'))).json()).toMatchObject({ code: 'age_label' });
    expect((await lend(teen.id, await copyOf('12+'))).statusCode).toBe(201);
    const overridden = await lend(teen.id, await copyOf('16+'), 'Школьная программа, разрешение родителей');
    expect(overridden.statusCode, overridden.body).toBe(201);
    expect(overridden.json()).toMatchObject({ ageOverridden: true });
    const loanId = (overridden.json() as { loanId: string }).loanId;
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.objectId, loanId));
    expect(entry).toMatchObject({ action: 'loan.checkout_age_override' });
    expect(entry!.summary).toContain('Школьная программа');
  });

  it('applies the loan rules: maximum items, renewal limit, loan period per item type', async () => {
    const { reader, copies } = await readerAndCopies(3);
    await db().insert(loanRules).values({ networkId: d.network.id, loanDays: 10, maxItems: 2, maxRenewals: 1, holdsAllowed: true });
    const lend = (barcode: string) => d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode });
    const first = (await lend(copies[0]!.barcode)).json() as { dueOn: string };
    const expected = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
    expect(first.dueOn).toBe(expected);
    expect((await lend(copies[1]!.barcode)).statusCode).toBe(201);
    expect((await lend(copies[2]!.barcode)).json()).toMatchObject({ code: 'max_items' });
    const renew = () => d.deskA.post('/api/v1/circulation/renew', { libraryId: d.branchA.id, barcode: copies[0]!.barcode });
    expect((await renew()).statusCode).toBe(200);
    expect((await renew()).json()).toMatchObject({ code: 'max_renewals' });
    await db().delete(loanRules).where(eq(loanRules.networkId, d.network.id));
  });

  it('lends for the period of the most specific loan rule, and judges the age label by the age on the day', async () => {
    const desk = await setup();
    const reader = await buildReader(db(), desk.branchA);
    const [{ categoryId } = { categoryId: null }] = await db().select({ categoryId: readers.categoryId }).from(readers).where(eq(readers.id, reader.id));
    const rule = { networkId: desk.network.id, maxItems: 10, maxRenewals: 1, holdsAllowed: true };
    await db().insert(loanRules).values([
      { ...rule, loanDays: 10 },
      { ...rule, itemType: 'periodical', loanDays: 3 },
      { ...rule, readerCategoryId: categoryId, loanDays: 20 },
      { ...rule, readerCategoryId: categoryId, itemType: 'periodical', loanDays: 5 },
      { ...rule, libraryId: desk.branchB.id, loanDays: 30 },
    ]);
    const copyOf = async (overrides: Parameters<typeof buildRecord>[1]) => (await buildCopy(db(), (await buildRecord(db(), overrides)).id, desk.branchA)).barcode;
    const lend = (readerId: string, barcode: string) => desk.deskA.post('/api/v1/circulation/checkout', { libraryId: desk.branchA.id, readerId, barcode });
    const dueIn = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
    // Category beats item type; category and item type together beat either; another branch's rule is not this desk's.
    expect((await lend(reader.id, await copyOf({ materialType: 'book' }))).json()).toMatchObject({ dueOn: dueIn(20) });
    expect((await lend(reader.id, await copyOf({ materialType: 'periodical' }))).json()).toMatchObject({ dueOn: dueIn(5) });
    // This library's rule beats them all: periodicals are not lent here.
    await db().insert(loanRules).values({ ...rule, libraryId: desk.branchA.id, itemType: 'periodical', loanDays: 0 });
    expect((await lend(reader.id, await copyOf({ materialType: 'periodical' }))).json()).toMatchObject({ code: 'loans_not_allowed' });
    await db().delete(loanRules).where(eq(loanRules.networkId, desk.network.id));

    const today = new Date();
    const yearsAgo = (years: number, days: number) =>
      new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate() + days)).toISOString().slice(0, 10);
    const guardian = { guardianName: 'Мать', guardianRelation: 'мать', guardianPhone: '+996 555 000000' };
    const sixteenToday = await buildReader(db(), desk.branchA, { birthDate: yearsAgo(16, 0), ...guardian });
    const sixteenTomorrow = await buildReader(db(), desk.branchA, { birthDate: yearsAgo(16, 1), ...guardian });
    const refused = await lend(sixteenTomorrow.id, await copyOf({ ageLabel: '16+' }));
    expect(refused.json()).toMatchObject({ code: 'age_label', errors: [{ field: 'ageOverrideReason', code: 'age_label' }] });
    expect((await lend(sixteenToday.id, await copyOf({ ageLabel: '16+' }))).statusCode).toBe(201);
  });

  it('undoes a checkout, a return and a renewal within a minute, only for the person who did it', async () => {
    const { reader, copies } = await readerAndCopies(1);
    const barcode = copies[0]!.barcode;
    const out = (await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode })).json() as { actionId: number; loanId: string };
    expect((await d.director.post('/api/v1/circulation/undo', { actionId: out.actionId })).statusCode).toBe(404);
    const undone = await d.deskA.post('/api/v1/circulation/undo', { actionId: out.actionId });
    expect(undone.statusCode, undone.body).toBe(200);
    expect(await itemStatus(db(), copies[0]!.id)).toBe('available');
    expect(await db().select().from(loans).where(eq(loans.id, out.loanId))).toHaveLength(0);

    await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode });
    const renewed = (await d.deskA.post('/api/v1/circulation/renew', { libraryId: d.branchA.id, barcode })).json() as { actionId: number; loanId: string };
    const dueBefore = (await db().select().from(loans).where(eq(loans.id, renewed.loanId)))[0]!;
    expect((await d.deskA.post('/api/v1/circulation/undo', { actionId: renewed.actionId })).statusCode).toBe(200);
    const afterRenewUndo = (await db().select().from(loans).where(eq(loans.id, renewed.loanId)))[0]!;
    expect(afterRenewUndo.renewals).toBe(0);
    expect(afterRenewUndo.dueOn < dueBefore.dueOn).toBe(true);

    const ret = (await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode })).json() as { actionId: number };
    expect(await itemStatus(db(), copies[0]!.id)).toBe('available');
    expect((await d.deskA.post('/api/v1/circulation/undo', { actionId: ret.actionId })).statusCode).toBe(200);
    expect(await itemStatus(db(), copies[0]!.id)).toBe('on_loan');
    expect((await db().select().from(loans).where(eq(loans.id, renewed.loanId)))[0]!.returnedAt).toBeNull();

    // An action older than a minute stays.
    const old = (await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode })).json() as { actionId: number };
    await db().execute(sql`update desk_actions set at = now() - interval '61 seconds' where id = ${old.actionId}`);
    expect((await d.deskA.post('/api/v1/circulation/undo', { actionId: old.actionId })).json()).toMatchObject({ code: 'undo_expired' });
  });

  it('counts one visit per reader per library per day from any transaction, plus the manual counter', async () => {
    const { reader, copies } = await readerAndCopies(2);
    const before = (await d.deskA.get(`/api/v1/circulation/visits?libraryId=${d.branchA.id}`)).json() as { readers: number; manual: number };
    await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copies[0]!.barcode });
    await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copies[1]!.barcode });
    await d.deskA.post('/api/v1/circulation/in-library-use', { libraryId: d.branchA.id, readerId: reader.id, barcode: copies[0]!.barcode });
    await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copies[0]!.barcode });
    const manual = await d.deskA.post('/api/v1/circulation/visits', { libraryId: d.branchA.id, add: 5 });
    expect(manual.statusCode, manual.body).toBe(200);
    const after = manual.json() as { readers: number; manual: number; total: number };
    expect(after.readers - before.readers).toBe(1);
    expect(after.manual - before.manual).toBe(5);
    // A return at another branch counts a visit there.
    await d.deskB.post('/api/v1/circulation/return', { libraryId: d.branchB.id, barcode: copies[1]!.barcode });
    const atB = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from reader_visits where reader_id = ${reader.id}`))[0]!;
    expect(atB.n).toBe(2);
  });

  it('records in-library use apart from loans, leaving the copy on the shelf', async () => {
    const { reader, copies } = await readerAndCopies(1);
    const res = await d.deskA.post('/api/v1/circulation/in-library-use', { libraryId: d.branchA.id, readerId: reader.id, barcode: copies[0]!.barcode });
    expect(res.statusCode, res.body).toBe(201);
    expect(await itemStatus(db(), copies[0]!.id)).toBe('available');
    expect(await db().select().from(loans).where(eq(loans.itemId, copies[0]!.id))).toHaveLength(0);
  });

  it('rejects bad input with field errors', async () => {
    await setup();
    const res = await d.deskA.post('/api/v1/circulation/checkout', { libraryId: 'nope', readerId: 'x', barcode: '' });
    expect(res.statusCode).toBe(422);
    const fields = (res.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['barcode', 'libraryId', 'readerId']);
  });
});
