/** Records and copies through the API: form ↔ MARC, validation, uniqueness by the database, soft delete, audit. */
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { auditLog } from '../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { bibRecords, items } from './catalog.tables';
import { getValue, type MarcRecord } from './marc/record';

interface RecordBody {
  id: string;
  marc: MarcRecord;
  title: string;
  isbns: string[];
  description: string;
  form: Record<string, unknown>;
}

export const jamilyaForm = () => ({
  title: 'Джамиля',
  otherTitle: 'повесть',
  responsibility: 'Чингиз Айтматов',
  authors: ['Айтматов, Ч.'],
  place: 'Бишкек',
  publisher: 'Кыргызстан',
  year: 1988,
  extent: '96 с.',
  isbns: ['5-655-00012-1'],
  language: 'rus',
  subjects: ['Кыргызская литература -- Повести'],
  bbk: ['84(2Ки)6'],
  udc: ['821.512.154'],
  ageLabel: '12+',
});

describeOnEachDatabase('catalogue records and copies', (ctx) => {
  async function setup(language: 'ru' | 'ky' | 'en' = 'ru') {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id, { language });
    return { network, library, http: client(ctx.app, await login(ctx.app, cataloguer.login)) };
  }

  it('catalogues a record from the form: MARC is built, the description rendered, search finds it at once', async () => {
    const { http } = await setup();
    const created = await http.post('/api/v1/catalog/records', { ...jamilyaForm(), title: `Джамиля ${uniq()}` });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json() as RecordBody;
    expect(getValue(record.marc, '001')).toBe(record.id);
    expect(getValue(record.marc, '200', 'e')).toBe('повесть');
    expect(getValue(record.marc, '686', '2')).toBe('rubbk');
    expect(record.isbns).toEqual(['5655000121', '9785655000124']);
    expect(record.description).toBe(
      `Айтматов, Ч. ${record.title} : повесть / Чингиз Айтматов. – Бишкек : Кыргызстан, 1988. – 96 с. – ISBN 5-655-00012-1.`,
    );
    const found = (await http.get(`/api/v1/catalog/search?q=${encodeURIComponent(record.title)}`)).json() as { items: { id: string }[] };
    expect(found.items[0]?.id).toBe(record.id);
    const detail = (await http.get(`/api/v1/catalog/records/${record.id}`)).json() as RecordBody & { suggestedCallNumber: string };
    expect(detail.form).toMatchObject({ ...jamilyaForm(), title: record.title });
    expect(detail.suggestedCallNumber).toMatch(/^84\(2Ки\)6 А\d\d$/);

    const marc21 = await http.post('/api/v1/catalog/records', { ...jamilyaForm(), format: 'marc21' });
    expect(marc21.statusCode).toBe(201);
    expect(getValue((marc21.json() as RecordBody).marc, '245', 'a')).toBe('Джамиля :');
  });

  it('refuses a bad ISBN check digit naming the field, in the person’s language', async () => {
    const { http } = await setup('ky');
    const res = await http.post('/api/v1/catalog/records', { ...jamilyaForm(), isbns: ['978-5-389-07435-4', '5-655-00012-3'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'isbn_checksum',
      errors: [{ field: 'isbns.1', code: 'isbn_checksum', message: 'ISBNдин текшерүү цифрасы туура эмес: номерди текшериңиз.' }],
    });
    const format = await http.post('/api/v1/catalog/records', { ...jamilyaForm(), isbns: ['12-34'] });
    expect(format.json()).toMatchObject({ errors: [{ field: 'isbns.0', code: 'isbn_format' }] });
    const noTitle = await http.post('/api/v1/catalog/records', { ...jamilyaForm(), title: ' ' });
    expect(noTitle.json()).toMatchObject({ errors: [{ field: 'title', code: 'required' }] });
  });

  it('edits by form and as raw MARC; raw MARC is checked structurally', async () => {
    const { http } = await setup();
    const created = (await http.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody;
    const record = (await http.get(`/api/v1/catalog/records/${created.id}`)).json() as RecordBody;
    const edited = await http.put(`/api/v1/catalog/records/${record.id}`, { ...record.form, year: 1990, subjects: ['Любовь'] });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json() as RecordBody & { year: number; subjects: string[] };
    expect(after).toMatchObject({ year: 1990, subjects: ['Любовь'] });
    expect(after.marc.fields.find((f) => f.tag === '200')).toEqual(record.marc.fields.find((f) => f.tag === '200'));

    const marc = structuredClone(after.marc);
    marc.fields.push({ tag: '300', ind1: ' ', ind2: ' ', subfields: [{ code: 'a', value: 'Примечание эксперта' }] });
    const raw = await http.put(`/api/v1/catalog/records/${record.id}/marc`, { marc });
    expect(raw.statusCode, raw.body).toBe(200);
    expect((raw.json() as { notes: string }).notes).toBe('Примечание эксперта');

    const badTag = await http.put(`/api/v1/catalog/records/${record.id}/marc`, { marc: { ...marc, fields: [{ tag: '2x', value: 'x' }] } });
    expect(badTag.statusCode).toBe(422);
    const badLeader = await http.put(`/api/v1/catalog/records/${record.id}/marc`, { marc: { ...marc, leader: 'short' } });
    expect(badLeader.json()).toMatchObject({ errors: [{ field: 'marc.leader' }] });
    const untitled = await http.put(`/api/v1/catalog/records/${record.id}/marc`, { marc: { ...marc, fields: marc.fields.filter((f) => f.tag !== '200') } });
    expect(untitled.json()).toMatchObject({ errors: [{ field: 'marc', code: 'marc_title' }] });
  });

  it('refuses a save from a form or MARC editor opened before someone else saved (409 naming who and when); others’ changes stay', async () => {
    const { http: a, network } = await setup();
    const bName = `Бермет ${uniq()}`;
    const b = client(ctx.app, await login(ctx.app, (await buildStaff(ctx.database.db, 'cataloguer', 'network', network.id, { fullName: bName })).login));
    const created = (await a.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody;
    const detail = async () => (await a.get(`/api/v1/catalog/records/${created.id}`)).json() as RecordBody & { updatedAt: string; publisher: string; extent: string; subjects: string[] };
    // A opens the form; B saves a new publisher and subject meanwhile.
    const opened = await detail();
    const bSaved = await b.put(`/api/v1/catalog/records/${created.id}`, { ...opened.form, publisher: 'Адабият', subjects: ['Любовь'], expectedUpdatedAt: opened.updatedAt });
    expect(bSaved.statusCode, bSaved.body).toBe(200);

    // A changes only the extent: refused, saying who saved and when (Bishkek clock); B's changes stay.
    const stale = await a.put(`/api/v1/catalog/records/${created.id}`, { ...opened.form, extent: '120 с.', expectedUpdatedAt: opened.updatedAt });
    expect(stale.statusCode).toBe(409);
    const problem = stale.json() as { code: string; title: string };
    expect(problem.code).toBe('record_changed');
    expect(problem.title).toMatch(new RegExp(`^Запись изменил другой пользователь \\(${bName}, (\\d\\d\\.\\d\\d\\.\\d{4} )?\\d\\d:\\d\\d\\)\\. Ваши правки не сохранены`));
    const staleMarc = await a.put(`/api/v1/catalog/records/${created.id}/marc`, { marc: opened.marc, expectedUpdatedAt: opened.updatedAt });
    expect(staleMarc.statusCode).toBe(409);
    expect(staleMarc.json()).toMatchObject({ code: 'record_changed' });
    const kept = await detail();
    expect(kept).toMatchObject({ publisher: 'Адабият', subjects: ['Любовь'], extent: '96 с.' });

    // From the current version A's change goes through and B's stays; A's own tab opened before it is refused as such.
    const fresh = await a.put(`/api/v1/catalog/records/${created.id}`, { ...kept.form, extent: '120 с.', expectedUpdatedAt: kept.updatedAt });
    expect(fresh.statusCode, fresh.body).toBe(200);
    expect(fresh.json()).toMatchObject({ publisher: 'Адабият', subjects: ['Любовь'], extent: '120 с.' });
    const ownTab = await a.put(`/api/v1/catalog/records/${created.id}`, { ...kept.form, expectedUpdatedAt: kept.updatedAt });
    expect(ownTab.json()).toMatchObject({ code: 'record_changed', title: expect.stringMatching(/^Вы уже изменили эту запись в другом окне/) });

    // Two saves from one version at the same moment: one is saved, the other refused.
    const now = await detail();
    const both = await Promise.all(
      ['Мектеп', 'Кыргызстан'].map((publisher) => b.put(`/api/v1/catalog/records/${created.id}`, { ...now.form, publisher, expectedUpdatedAt: now.updatedAt })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);

    // Without expectedUpdatedAt (CLI, scripts) a save overwrites as before.
    const blind = await a.put(`/api/v1/catalog/records/${created.id}`, { ...opened.form, year: 1991 });
    expect(blind.statusCode, blind.body).toBe(200);
    const rawBlind = await a.put(`/api/v1/catalog/records/${created.id}/marc`, { marc: (blind.json() as RecordBody).marc });
    expect(rawBlind.statusCode, rawBlind.body).toBe(200);

    // Refused saves leave the audit log alone; each save is in it with the version it replaced.
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, created.id)).orderBy(auditLog.id);
    expect(audit.map((e) => e.action)).toEqual(['bib_record.create', ...Array<string>(4).fill('bib_record.update'), 'bib_record.update_marc']);
    expect((audit[2]!.before as { publisher: string }).publisher).toBe('Адабият');
  });

  // PGlite runs one transaction at a time, so this interleaving only happens on a server.
  it.skipIf(ctx.kind === 'pglite')('a save waits for one in progress and is then checked against its version (the row is locked)', async () => {
    const { http } = await setup();
    const db = ctx.database.db;
    const opened = (await http.get(`/api/v1/catalog/records/${(await http.post('/api/v1/catalog/records', jamilyaForm())).json<RecordBody>().id}`)).json<RecordBody & { updatedAt: string }>();
    let saving: Promise<{ statusCode: number; body: string }> | undefined;
    await db.transaction(async (tx) => {
      // Someone else's save holds the row…
      await tx.execute(sql`select 1 from ${bibRecords} where ${bibRecords.id} = ${opened.id} for update`);
      saving = Promise.resolve(http.put(`/api/v1/catalog/records/${opened.id}`, { ...opened.form, extent: '120 с.', expectedUpdatedAt: opened.updatedAt }));
      // …while this one reaches it and waits.
      for (let i = 0; i < 100; i++) {
        const waiting = await db.execute(sql`select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
        if (rowsOf(waiting).length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await tx.update(bibRecords).set({ publisher: 'Адабият', updatedAt: new Date(Date.parse(opened.updatedAt) + 1000) }).where(eq(bibRecords.id, opened.id));
    });
    const saved = await saving!;
    expect(saved.statusCode, saved.body).toBe(409);
    expect((await http.get(`/api/v1/catalog/records/${opened.id}`)).json()).toMatchObject({ publisher: 'Адабият', extent: '96 с.' });
  });

  it('words the refusal in the person’s language, and says when no one is named (an import replaced the record)', async () => {
    const { http, network } = await setup('en');
    const created = (await http.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody & { updatedAt: string };
    const other = await buildStaff(ctx.database.db, 'cataloguer', 'network', network.id, { language: 'ky', fullName: `Айбек ${uniq()}` });
    const ky = client(ctx.app, await login(ctx.app, other.login));
    expect((await ky.put(`/api/v1/catalog/records/${created.id}`, { ...jamilyaForm(), year: 1990, expectedUpdatedAt: created.updatedAt })).statusCode).toBe(200);
    const refused = await http.put(`/api/v1/catalog/records/${created.id}`, { ...jamilyaForm(), expectedUpdatedAt: created.updatedAt });
    expect(refused.json()).toMatchObject({ code: 'record_changed', title: expect.stringMatching(new RegExp(`^Another user changed this record \\(${other.fullName}, `)) });
    // An import writes the record without an audit entry of its own: the refusal says when, not who.
    const current = (await ky.get(`/api/v1/catalog/records/${created.id}`)).json() as { updatedAt: string };
    await ctx.database.db.update(bibRecords).set({ updatedAt: new Date(Date.parse(current.updatedAt) + 1000) }).where(eq(bibRecords.id, created.id));
    const unknown = await ky.put(`/api/v1/catalog/records/${created.id}`, { ...jamilyaForm(), expectedUpdatedAt: current.updatedAt });
    expect(unknown.json()).toMatchObject({ code: 'record_changed', title: expect.stringMatching(/^Жазуу сиз ачкандан кийин өзгөрдү \((\d\d\.\d\d\.\d{4} )?\d\d:\d\d;/) });
  });

  it('adds copies: barcodes unique in the installation, inventory numbers unique in the network (409 naming the field)', async () => {
    const { http, library, network } = await setup();
    const record = (await http.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody;
    const barcode = uniq('B');
    const copy = { libraryId: library.id, inventoryNumber: uniq('INV-'), barcode, price: 120.5, acquiredOn: '2026-02-01', callNumber: '84(2Ки)6 А36' };
    const added = await http.post(`/api/v1/catalog/records/${record.id}/items`, copy);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ currency: 'KGS', price: 120.5, status: 'available', networkId: network.id });

    const sameBarcode = await http.post(`/api/v1/catalog/records/${record.id}/items`, { ...copy, inventoryNumber: uniq('INV-') });
    expect(sameBarcode.statusCode).toBe(409);
    // The message shown above the form names the copy's number, not "such a record already exists".
    expect(sameBarcode.json()).toMatchObject({
      title: 'Этот штрихкод уже присвоен другому экземпляру.',
      // The field says which copy has it: the book and its library.
      errors: [{ field: 'barcode', message: `Этот штрихкод уже у экземпляра «Джамиля» (${library.name}).` }],
    });
    // Both numbers taken: both fields named at once, not one after another.
    const both = await http.post(`/api/v1/catalog/records/${record.id}/items`, copy);
    expect(both.statusCode).toBe(409);
    expect((both.json() as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['barcode', 'inventoryNumber']);
    const sameInventory = await http.post(`/api/v1/catalog/records/${record.id}/items`, { ...copy, barcode: uniq('B') });
    expect(sameInventory.statusCode).toBe(409);
    expect(sameInventory.json()).toMatchObject({ title: 'Этот инвентарный номер уже есть в сети библиотек.', errors: [{ field: 'inventoryNumber' }] });
    const emptyBarcode = await http.post(`/api/v1/catalog/records/${record.id}/items`, { ...copy, barcode: '  ' });
    expect(emptyBarcode.json()).toMatchObject({ errors: [{ field: 'barcode', code: 'required' }] });
    // "КЕМ-1" typed on a Russian keyboard looks like "KEM-1" but cannot be printed as Code 128 bars.
    const cyrillic = await http.post(`/api/v1/catalog/records/${record.id}/items`, { ...copy, barcode: 'КЕМ-0001' });
    expect(cyrillic.statusCode).toBe(422);
    expect(cyrillic.json()).toMatchObject({ errors: [{ field: 'barcode', code: 'barcode', message: expect.stringContaining('латинские буквы') }] });

    // Another network may use the same inventory number (its own inventory book).
    const other = await buildNetwork(ctx.database.db, { country: 'RU' });
    const otherLib = await buildLibrary(ctx.database.db, other.id);
    const admin = await buildStaff(ctx.database.db, 'cataloguer', 'installation', null);
    const adminHttp = client(ctx.app, await login(ctx.app, admin.login));
    const there = await adminHttp.post(`/api/v1/catalog/records/${record.id}/items`, { ...copy, libraryId: otherLib.id, barcode: uniq('B') });
    expect(there.statusCode, there.body).toBe(201);
    expect(there.json()).toMatchObject({ currency: 'RUB' });
  });

  it('the database itself enforces the uniqueness and the non-empty barcode', async () => {
    const { http, library } = await setup();
    const record = (await http.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody;
    const db = ctx.database.db;
    const row = { recordId: record.id, libraryId: library.id, networkId: library.networkId, currency: 'KGS' as const };
    const barcode = uniq('B');
    const inventory = uniq('I');
    await db.insert(items).values({ ...row, inventoryNumber: inventory, barcode });
    const code = async (values: typeof items.$inferInsert) => {
      const error = (await db.insert(items).values(values).catch((e: unknown) => e)) as { code?: string; cause?: { code?: string; constraint?: string } };
      return [error.cause?.code ?? error.code, error.cause?.constraint];
    };
    expect(await code({ ...row, inventoryNumber: uniq('I'), barcode })).toEqual(['23505', 'items__barcode']);
    expect(await code({ ...row, inventoryNumber: inventory, barcode: uniq('B') })).toEqual(['23505', 'items__inventory_number']);
    expect(await code({ ...row, inventoryNumber: uniq('I'), barcode: '' })).toEqual(['23514', 'items__barcode_present']);
  });

  it('changes a copy and its status; deleting a record is refused while copies remain; everything is audited', async () => {
    const { http, library, network } = await setup();
    const record = (await http.post('/api/v1/catalog/records', jamilyaForm())).json() as RecordBody;
    const item = (await http.post(`/api/v1/catalog/records/${record.id}/items`, { libraryId: library.id, inventoryNumber: uniq('I'), barcode: uniq('B') })).json() as { id: string; barcode: string; inventoryNumber: string };
    const moved = await http.put(`/api/v1/catalog/items/${item.id}`, { libraryId: library.id, inventoryNumber: item.inventoryNumber, barcode: item.barcode, location: 'Стеллаж 4' });
    expect(moved.json()).toMatchObject({ location: 'Стеллаж 4' });

    const refused = await http.delete(`/api/v1/catalog/records/${record.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'record_has_copies' });
    const written = await http.post(`/api/v1/catalog/items/${item.id}/status`, { status: 'written_off', notes: 'Акт № 3' });
    expect(written.json()).toMatchObject({ status: 'written_off', notes: 'Акт № 3' });
    expect((await http.delete(`/api/v1/catalog/records/${record.id}`)).statusCode).toBe(204);
    expect((await http.get(`/api/v1/catalog/records/${record.id}`)).statusCode).toBe(404);
    const search = (await http.get(`/api/v1/catalog/search?isbn=5655000121&pageSize=200`)).json() as { items: { id: string }[] };
    expect(search.items.map((h) => h.id)).not.toContain(record.id);
    const late = await http.post(`/api/v1/catalog/records/${record.id}/items`, { libraryId: library.id, inventoryNumber: uniq('I'), barcode: uniq('B') });
    expect(late.statusCode).toBe(404);

    const recordAudit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, record.id));
    expect(recordAudit.map((a) => a.action).sort()).toEqual(['bib_record.create', 'bib_record.delete']);
    expect(recordAudit.every((a) => a.networkId === null)).toBe(true);
    const itemAudit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, item.id), eq(auditLog.objectType, 'item')));
    expect(itemAudit.map((a) => a.action).sort()).toEqual(['item.create', 'item.status', 'item.update']);
    expect(itemAudit.every((a) => a.networkId === network.id && a.libraryId === library.id)).toBe(true);
  });

  it('exports a search result as XLSX', async () => {
    const { http } = await setup('en');
    const title = `Экспорт ${uniq()}`;
    await http.post('/api/v1/catalog/records', { ...jamilyaForm(), title });
    const res = await http.get(`/api/v1/catalog/search.xlsx?q=${encodeURIComponent(title)}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Catalogue');
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).text).toContain(title);
    expect(sheet.getRow(2).getCell(7).value).toBe('Russian');
    expect(sheet.getRow(2).getCell(8).value).toBe('Book');
  });
});
