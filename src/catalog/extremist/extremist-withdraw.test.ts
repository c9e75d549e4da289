/**
 * Withdrawing or flagging confirmed matches leaves the loan desk's work whole: copies with readers (on
 * loan, in transit, at a service point) are not written off or withheld behind the desk's back — the
 * confirmation is refused, naming them, until they are back. And a list uploaded twice is refused the
 * second time.
 */
import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildCopy, buildDesk, buildReader } from '../../circulation/circulation.test-support';
import { loans } from '../../circulation/circulation.tables';
import { buildStaff, client, login } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { actText, uploadList as upload } from './extremist.test-support';
import { items } from '../catalog.tables';
import { makeRecord } from '../interop/interop.test-support';

const LIST = `1. Книга Иванова И.И. «Путь воина света» (решение суда от 01.02.2010);
2. Брошюра П.П. Петрова «Ночной дозор на рассвете» (решение суда от 05.05.2012);
`;

describeOnEachDatabase('withdrawing matches of the Federal list', (ctx) => {
  it('refuses to write off copies that are with readers, names them, and withdraws once they are back', async () => {
    const db = ctx.database.db;
    const desk = await buildDesk(db, ctx.app);
    const cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', desk.network.id)).login);
    const warrior = await makeRecord(db, { title: 'Путь воина света', authors: ['Иванов, И. И.'] });
    const dozor = await makeRecord(db, { title: 'Ночной дозор на рассвете', authors: ['Петров, П. П.'] });
    const lent = await buildCopy(db, warrior.id, desk.branchA);
    const shelved = await buildCopy(db, warrior.id, desk.branchA);
    const deposited = await buildCopy(db, warrior.id, desk.branchB);
    // A deposit collection is the desk's too; set directly, as the deposit itself is not the point here.
    await db.update(items).set({ status: 'at_service_point' }).where(eq(items.id, deposited.id));
    const dozorLent = await buildCopy(db, dozor.id, desk.branchA);
    const reader = await buildReader(db, desk.branchA);
    for (const copy of [lent, dozorLent]) {
      const res = await desk.deskA.post('/api/v1/circulation/checkout', { libraryId: desk.branchA.id, readerId: reader.id, barcode: copy.barcode });
      expect(res.statusCode, res.body).toBe(201);
    }

    // An edition uploaded without its date; a Kyrgyz network (buildDesk's network is KG).
    const list = (await upload(ctx, cataloguer, LIST)).json<{ id: string; createdAt: string }>();
    const http = client(ctx.app, cataloguer);
    const commission = ['Директор Кеминской центральной библиотечной системы — Өмүрбекова Ү. Ң.', 'Главный библиограф отдела комплектования и обработки — Жээнбекова Ч. Ө.'];
    // Dated no earlier than the day the undated edition was uploaded.
    const check = (await http.post('/api/v1/catalog/extremist/checks', { networkId: desk.network.id, listId: list.id, checkedOn: list.createdAt.slice(0, 10), commission })).json<{ id: string }>();
    await ctx.app.jobs.runPending();
    const matches = (await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches`)).json<{ items: { id: string; recordId: string; copies: number; copiesWithReaders: number; libraries: string[] }[] }>().items;
    const matchOf = (recordId: string) => matches.find((m) => m.recordId === recordId)!.id;
    // What the question before a withdrawal names: the copies, those with readers, their libraries.
    const warriorMatch = matches.find((m) => m.recordId === warrior.id)!;
    expect(warriorMatch).toMatchObject({ copies: 3, copiesWithReaders: 2 });
    expect([...warriorMatch.libraries].sort()).toEqual([desk.branchA.name, desk.branchB.name].sort());
    const decide = (recordId: string, body: object) => http.post(`/api/v1/catalog/extremist/checks/${check.id}/matches/${matchOf(recordId)}`, body);
    const statuses = async () => (await db.select().from(items).where(inArray(items.id, [lent.id, shelved.id, deposited.id])).orderBy(items.inventoryNumber)).map((c) => [c.id, c.status]);

    const refused = await decide(warrior.id, { decision: 'confirmed', action: 'withdraw' });
    expect(refused.statusCode).toBe(409);
    const problem = refused.json<{ code: string; title: string }>();
    expect(problem.code).toBe('extremist_copies_on_loan');
    expect(problem.title).toContain('— 2,');
    expect(problem.title).toContain(lent.inventoryNumber);
    expect(problem.title).toContain(deposited.inventoryNumber);
    expect(problem.title).not.toContain(shelved.inventoryNumber);
    // Nothing changed: not the copies, not the loan, not the decision.
    expect(Object.fromEntries(await statuses())).toEqual({ [lent.id]: 'on_loan', [shelved.id]: 'available', [deposited.id]: 'at_service_point' });
    expect((await db.select().from(loans).where(eq(loans.itemId, lent.id)))[0]!.returnedAt).toBeNull();
    const pending = (await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches?decision=pending`)).json<{ total: number }>();
    expect(pending.total).toBe(2);

    // Flagging withholds the copies from readers: a copy on loan has to come back first, like a withdrawal.
    const notFlagged = await decide(dozor.id, { decision: 'confirmed', action: 'flag' });
    expect(notFlagged.statusCode).toBe(409);
    expect(notFlagged.json<{ code: string; title: string }>()).toMatchObject({ code: 'extremist_copies_on_loan', title: expect.stringContaining(dozorLent.inventoryNumber) });
    expect((await db.select().from(items).where(eq(items.id, dozorLent.id)))[0]).toMatchObject({ status: 'on_loan', notes: '' });
    expect((await desk.deskA.post('/api/v1/circulation/return', { libraryId: desk.branchA.id, barcode: dozorLent.barcode })).statusCode).toBe(200);
    expect((await decide(dozor.id, { decision: 'confirmed', action: 'flag' })).statusCode).toBe(200);
    const [flagged] = await db.select().from(items).where(eq(items.id, dozorLent.id));
    expect(flagged).toMatchObject({ status: 'in_repair', notes: expect.stringContaining('ФСЭМ № 2') });

    // The reader brings the book back and the deposit comes home: now the withdrawal goes through.
    expect((await desk.deskA.post('/api/v1/circulation/return', { libraryId: desk.branchA.id, barcode: lent.barcode })).statusCode).toBe(200);
    await db.update(items).set({ status: 'available' }).where(eq(items.id, deposited.id));
    const done = await decide(warrior.id, { decision: 'confirmed', action: 'withdraw' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await statuses()).map(([, status]) => status)).toEqual(['written_off', 'written_off', 'written_off']);

    // The act lists each withdrawn copy with its library (even when someone has since rewritten the
    // copies' notes), names no Russian ministry for a Kyrgyz network, gives the edition by its upload
    // day, and keeps each signing name on one line.
    await db.update(items).set({ notes: '' }).where(eq(items.recordId, lent.recordId));
    // Every match decided, the check closes and its act is final, with lines to sign.
    expect((await http.post(`/api/v1/catalog/extremist/checks/${check.id}/close`)).statusCode).toBe(200);
    const act = actText((await http.get(`/api/v1/catalog/extremist/checks/${check.id}/act.pdf`)).rawPayload);
    if (act === null) return;
    const flat = act.replace(/\s+/g, ' ');
    expect(flat).toContain('сверки фонда со списком экстремистских материалов');
    expect(flat).not.toMatch(/Федеральн|Министерств|Российской/);
    expect(flat).toContain(`в редакции, загруженной ${list.createdAt.slice(0, 10).split('-').reverse().join('.')}`);
    for (const copy of [lent, shelved]) expect(flat).toMatch(new RegExp(`\\b1 ${copy.inventoryNumber} ${desk.branchA.name}`));
    expect(flat).toMatch(new RegExp(`\\b1 ${deposited.inventoryNumber} ${desk.branchB.name}`));
    const lines = act.split('\n');
    expect(lines.some((l) => l.includes('/ Өмүрбекова Ү. Ң. /'))).toBe(true);
    expect(lines.some((l) => l.includes('/ Жээнбекова Ч. Ө. /'))).toBe(true);
  });

  it('refuses a list whose entries are those of an edition already uploaded', async () => {
    const db = ctx.database.db;
    const network = await buildDesk(db, ctx.app);
    const cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.network.id)).login);
    const text = `3. Листовка «${crypto.randomUUID()}» (решение суда);\n4. Книга «Другая» (решение суда);\n`;
    expect((await upload(ctx, cataloguer, text, '?sourceName=a.txt&publishedOn=2026-10-01')).statusCode).toBe(201);
    // The same file again, under another name and with other line breaks: refused, the edition named.
    const again = await upload(ctx, cataloguer, text.replace(/\n/g, '\r\n'), '?sourceName=b.txt&publishedOn=2026-10-01');
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string; title: string }>()).toMatchObject({ code: 'extremist_list_duplicate', title: expect.stringContaining('от 01.10.2026') });
    // A new edition of the same entries, or a changed entry, is a list of its own.
    expect((await upload(ctx, cataloguer, text, '?publishedOn=2026-12-01')).statusCode).toBe(201);
    expect((await upload(ctx, cataloguer, text.replace('Другая', 'Третья'), '?publishedOn=2026-10-01')).statusCode).toBe(201);
    // Without a date, an upload repeats another undated one; the edition is named by its upload day.
    const undated = `5. Листовка «${crypto.randomUUID()}» (решение суда);\n`;
    expect((await upload(ctx, cataloguer, undated)).statusCode).toBe(201);
    const twice = await upload(ctx, cataloguer, undated);
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ title: string }>().title).toMatch(/загружен \d{2}\.\d{2}\.\d{4}/);
  });
});
