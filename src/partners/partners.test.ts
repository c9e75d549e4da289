/** Partners and the contributions ledger: recording, validation, sums, and the municipality report's summary. */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables';
import { describeOnEachDatabase } from '../test/harness';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq, type Session } from '../test/factories';
import { sumContributionsByPurpose } from './index';
import { partners } from './partners.tables';

describeOnEachDatabase('partners and contributions', (ctx) => {
  const f = {} as { network: string; lib1: string; lib2: string; directorSession: Session; director: ReturnType<typeof client>; librarian: ReturnType<typeof client> };

  it('sets up a network with two libraries, a director and a librarian', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    f.network = network.id;
    f.lib1 = (await buildLibrary(db, network.id, { number: 1 })).id;
    f.lib2 = (await buildLibrary(db, network.id, { number: 2 })).id;
    const director = await buildStaff(db, 'director', 'network', network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', f.lib1);
    f.directorSession = await login(ctx.app, director.login);
    f.director = client(ctx.app, f.directorSession);
    f.librarian = client(ctx.app, await login(ctx.app, librarian.login));
  });

  const newPartner = async (kind = 'municipal', name = uniq('Айыл окмоту ')) => {
    const res = await f.director.post(`/api/v1/networks/${f.network}/partners`, {
      kind,
      name,
      phone: '+996 3135 5-12-34',
      contacts: [{ name: 'Мамбеталиев К.М.', position: 'Глава' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; name: string }>();
  };

  const contribution = (partnerId: string, overrides: Record<string, unknown> = {}) => ({
    libraryId: f.lib1,
    partnerId,
    kind: 'repairs',
    value: 15000,
    currency: 'KGS',
    receivedOn: '2025-06-10',
    purpose: 'Побелка и покраска',
    ...overrides,
  });

  it('records a partner with contacts, and the librarian finds it by a contact name', async () => {
    const p = await newPartner('consulate', uniq('Генеральное консульство РФ в г. Ош '));
    const found = (await f.librarian.get(`/api/v1/partners?q=${encodeURIComponent('мамбеталиев')}&pageSize=500`)).json<{ items: { id: string }[] }>();
    expect(found.items.map((i) => i.id)).toContain(p.id);
    const detail = (await f.librarian.get(`/api/v1/partners/${p.id}`)).json<{ canSeeFinance: boolean; contacts: unknown[] }>();
    expect(detail.canSeeFinance).toBe(false);
    expect(detail.contacts).toHaveLength(1);
  });

  it('refuses a contribution with a negative value with a clear message, in the person\'s language', async () => {
    const p = await newPartner();
    const res = await f.director.post('/api/v1/contributions', contribution(p.id, { value: -5 }));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ errors: { field: string; message: string }[] }>();
    expect(body.errors).toEqual([expect.objectContaining({ field: 'value', message: 'Сумма не может быть отрицательной.' })]);
  });

  it('refuses an unknown currency and a purpose left empty', async () => {
    const p = await newPartner();
    const res = await f.director.post('/api/v1/contributions', contribution(p.id, { currency: 'USD', purpose: '' }));
    expect(res.statusCode).toBe(422);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field).sort();
    expect(fields).toEqual(['currency', 'purpose']);
  });

  it('refuses a partner of another network', async () => {
    const other = await buildNetwork(ctx.database.db);
    const [foreign] = await ctx.database.db
      .insert(partners)
      .values({ networkId: other.id, kind: 'ngo', name: uniq('Чужая НКО ') })
      .returning();
    const res = await f.director.post('/api/v1/contributions', contribution(foreign!.id));
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('partnerId');
  });

  it('writes the audit log on every change of a contribution', async () => {
    const p = await newPartner();
    const created = (await f.director.post('/api/v1/contributions', contribution(p.id))).json<{ id: string }>();
    const changed = await f.director.put(`/api/v1/contributions/${created.id}`, contribution(p.id, { value: 16000.5 }));
    expect(changed.json<{ value: number }>().value).toBe(16000.5);
    expect((await f.director.delete(`/api/v1/contributions/${created.id}`)).statusCode).toBe(204);
    const actions = (await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, created.id))).map((a) => a.action).sort();
    expect(actions).toEqual(['contribution.create', 'contribution.delete', 'contribution.update']);
  });

  it('sums per library, partner and year, never adding сом to рубли', async () => {
    const a = await newPartner('business');
    const b = await newPartner('ngo');
    const entries = [
      contribution(a.id, { value: 100, receivedOn: '2024-03-01' }),
      contribution(a.id, { value: 250.25, receivedOn: '2025-03-01' }),
      contribution(a.id, { value: 70, currency: 'RUB', receivedOn: '2025-04-01' }),
      contribution(b.id, { value: 1000, libraryId: f.lib2, kind: 'books', quantity: 40, receivedOn: '2025-05-01' }),
    ];
    for (const e of entries) expect((await f.director.post('/api/v1/contributions', e)).statusCode).toBe(201);
    const byPartner = (await f.director.get(`/api/v1/contributions/sums?groupBy=partner&partnerId=${a.id}`)).json<{ key: string; currency: string; total: number; count: number }[]>();
    expect(byPartner).toEqual([
      expect.objectContaining({ key: a.id, currency: 'KGS', total: 350.25, count: 2 }),
      expect.objectContaining({ key: a.id, currency: 'RUB', total: 70, count: 1 }),
    ]);
    const byYear = (await f.director.get(`/api/v1/contributions/sums?groupBy=year&partnerId=${a.id}`)).json<{ key: string; currency: string; total: number }[]>();
    expect(byYear.map((r) => [r.key, r.currency, r.total])).toEqual([['2024', 'KGS', 100], ['2025', 'KGS', 250.25], ['2025', 'RUB', 70]]);
    const byLibrary = (await f.director.get(`/api/v1/contributions/sums?groupBy=library&partnerId=${b.id}`)).json<{ key: string; total: number }[]>();
    expect(byLibrary).toEqual([expect.objectContaining({ key: f.lib2, total: 1000 })]);
  });

  it('summarises what a set of libraries received in a period by kind and purpose (for the municipality report)', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const lib = await buildLibrary(db, network.id);
    const elsewhere = await buildLibrary(db, network.id);
    const director = await buildStaff(db, 'director', 'network', network.id);
    const http = client(ctx.app, await login(ctx.app, director.login));
    const p = (await http.post(`/api/v1/networks/${network.id}/partners`, { kind: 'municipal', name: 'Кызыл-Октябрьский а/о' })).json<{ id: string }>();
    const rows = [
      { libraryId: lib.id, kind: 'books', value: 210600, quantity: 1205, receivedOn: '2025-02-01', purpose: 'Пополнение книжного фонда' },
      { libraryId: lib.id, kind: 'books', value: 400, quantity: 5, receivedOn: '2025-12-31', purpose: 'Пополнение книжного фонда' },
      { libraryId: lib.id, kind: 'furniture', value: 83390, receivedOn: '2025-07-15', purpose: 'Стеллажи и столы' },
      { libraryId: lib.id, kind: 'books', value: 999, receivedOn: '2026-01-01', purpose: 'Пополнение книжного фонда' },
      { libraryId: elsewhere.id, kind: 'books', value: 777, receivedOn: '2025-05-05', purpose: 'Пополнение книжного фонда' },
    ];
    for (const r of rows) expect((await http.post('/api/v1/contributions', { ...r, partnerId: p.id, currency: 'KGS' })).statusCode).toBe(201);
    const summary = await sumContributionsByPurpose(db, { libraryIds: [lib.id], from: '2025-01-01', to: '2025-12-31' });
    expect(summary).toEqual([
      { kind: 'books', purpose: 'Пополнение книжного фонда', currency: 'KGS', total: 211000, count: 2, quantity: 1210, partners: ['Кызыл-Октябрьский а/о'] },
      { kind: 'furniture', purpose: 'Стеллажи и столы', currency: 'KGS', total: 83390, count: 1, quantity: 0, partners: ['Кызыл-Октябрьский а/о'] },
    ]);
    expect(await sumContributionsByPurpose(db, { libraryIds: [], from: '2025-01-01', to: '2025-12-31' })).toEqual([]);
  });

  it('grants: a won grant needs the amount received; an overdue report is flagged', async () => {
    const donor = await newPartner('donor', uniq('ЮСАИД '));
    const base = { partnerId: donor.id, title: 'Журнал «Местное самоуправление»', status: 'won', currency: 'KGS', reportDue: '2020-01-01' };
    const missing = await f.director.post(`/api/v1/networks/${f.network}/grants`, base);
    expect(missing.statusCode).toBe(422);
    expect(missing.json<{ errors: { field: string; message: string }[] }>().errors[0]).toEqual(
      expect.objectContaining({ field: 'awardedAmount', message: 'Для выигранного гранта укажите полученную сумму.' }),
    );
    const created = await f.director.post(`/api/v1/networks/${f.network}/grants`, { ...base, awardedAmount: 50000 });
    expect(created.statusCode, created.body).toBe(201);
    const list = (await f.director.get('/api/v1/grants?q=' + encodeURIComponent('самоуправление'))).json<{ items: { id: string; isReportOverdue: boolean }[] }>();
    expect(list.items.find((g) => g.id === created.json<{ id: string }>().id)?.isReportOverdue).toBe(true);
  });

  it('keeps an agreement with its signed file', async () => {
    const p = await newPartner('school');
    const res = await f.director.post(`/api/v1/partners/${p.id}/agreements`, { title: 'Договор о сотрудничестве', number: '12', signedOn: '2025-09-01', validUntil: '2026-08-31' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const bad = await f.director.post(`/api/v1/partners/${p.id}/agreements`, { title: 'X', signedOn: '2025-09-01', validUntil: '2024-01-01' });
    expect(bad.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('validUntil');
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/agreements/${id}/file?fileName=${encodeURIComponent('договор.pdf')}`,
      headers: { 'content-type': 'application/octet-stream', cookie: f.directorSession.cookie, 'x-csrf-token': f.directorSession.csrf },
      payload: Buffer.from('%PDF-1.4 договор'),
    });
    expect(upload.statusCode, upload.body).toBe(200);
    const download = await f.director.get(`/api/v1/agreements/${id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.toString()).toBe('%PDF-1.4 договор');
    const listed = (await f.director.get(`/api/v1/partners/${p.id}/agreements`)).json<{ fileName: string }[]>();
    expect(listed[0]?.fileName).toBe('договор.pdf');
  });

});
