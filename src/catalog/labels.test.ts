/** Spine/barcode labels: a PDF with embedded DejaVu, one A4 page per sheet of labels, only for copies in scope. */
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { ZRecordCreate } from './catalog.schemas';
import { addItem } from './items.service';
import { renderLabels } from './labels';
import { createRecordFromForm } from './records.service';

/** Page objects of a PDF, counted in its bytes (pdfkit writes them uncompressed), not with pdfkit itself. */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describeOnEachDatabase('copy labels (PDF)', (ctx) => {
  async function fixture(copies: number) {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id, { name: uniq('Ноокат китепканасы ') });
    const other = await buildLibrary(db, network.id);
    const record = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ title: 'Көк жаңгак: үркөр', authors: ['Өмүрбеков, Ү.'], year: 2020, language: 'kir' }));
    const itemIds: string[] = [];
    for (let i = 0; i < copies; i++) {
      const item = await addItem(db, SYSTEM_ACTOR, record.id, library, {
        libraryId: library.id, inventoryNumber: uniq('И'), barcode: uniq('B'), callNumber: '84(5Кир)6 Ө 47', location: '', price: null, currency: null, acquiredOn: null, status: 'available', notes: '',
      });
      itemIds.push(item.id);
    }
    return { db, library, other, itemIds };
  }

  it('prints 30 labels on two A4 sheets of 3×8 with the DejaVu font embedded', async () => {
    const { db, library, itemIds } = await fixture(30);
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    const res = await client(ctx.app, await login(ctx.app, librarian.login)).get(`/api/v1/catalog/labels.pdf?itemIds=${itemIds.join(',')}&layout=a4-3x8`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(2);
    expect(pdf.includes('DejaVuSans')).toBe(true);
    expect(pdf.includes('DejaVuSans-Bold')).toBe(true);
    expect(pdf.includes('/FontFile2')).toBe(true);
  });

  it('fits 40 labels on one sheet of 4×10 and 41 on two', async () => {
    const copy = { barcode: '2000000000017', inventoryNumber: '100231', callNumber: '84(2Рос=Рус)6 А 36', title: 'Джамиля', author: 'Айтматов, Ч.', libraryName: 'ЦБС' };
    expect(pageCount(await renderLabels(Array(40).fill(copy), { layout: 'a4-4x10' }))).toBe(1);
    expect(pageCount(await renderLabels(Array(41).fill(copy), { layout: 'a4-4x10' }))).toBe(2);
    expect(pageCount(await renderLabels(Array(25).fill(copy), { layout: 'a4-3x8' }))).toBe(2);
    // Started at place 20 of a used 3×8 sheet: 5 labels fill it, the 6th opens a second sheet.
    expect(pageCount(await renderLabels(Array(5).fill(copy), { layout: 'a4-3x8', start: 20 }))).toBe(1);
    expect(pageCount(await renderLabels(Array(6).fill(copy), { layout: 'a4-3x8', start: 20 }))).toBe(2);
    // A barcode Code 128 cannot encode still gets a label, with the value printed as text.
    expect(pageCount(await renderLabels([{ ...copy, barcode: 'Штрих' }], { layout: 'a4-3x8' }))).toBe(1);
  });

  it('refuses copies outside the scope (403), anonymous callers (401) and bad ids (422)', async () => {
    const { db, other, itemIds } = await fixture(2);
    const url = `/api/v1/catalog/labels.pdf?itemIds=${itemIds.join(',')}`;
    expect((await client(ctx.app).get(url)).statusCode).toBe(401);
    const stranger = await buildStaff(db, 'librarian', 'library', other.id);
    const asStranger = client(ctx.app, await login(ctx.app, stranger.login));
    expect((await asStranger.get(url)).statusCode).toBe(403);
    const official = await buildStaff(db, 'municipal_official', 'installation', null);
    expect((await client(ctx.app, await login(ctx.app, official.login)).get(url)).statusCode).toBe(403);
    const cataloguer = await buildStaff(db, 'cataloguer', 'installation', null);
    const asCataloguer = client(ctx.app, await login(ctx.app, cataloguer.login));
    expect((await asCataloguer.get(url)).statusCode).toBe(200);
    expect((await asCataloguer.get('/api/v1/catalog/labels.pdf?itemIds=not-a-uuid')).statusCode).toBe(422);
    expect((await asCataloguer.get(`/api/v1/catalog/labels.pdf?itemIds=${crypto.randomUUID()}`)).statusCode).toBe(422);
    expect((await asCataloguer.get(`/api/v1/catalog/labels.pdf?itemIds=${Array.from({ length: 241 }, () => crypto.randomUUID()).join(',')}`)).statusCode).toBe(422);
    expect((await asCataloguer.get(`${url}&layout=a5`)).statusCode).toBe(422);
    // A sheet of 3×8 has no place 25.
    const beyond = await asCataloguer.get(`${url}&layout=a4-3x8&start=25`);
    expect(beyond.json()).toMatchObject({ status: 422, errors: [{ field: 'start' }] });
    expect((await asCataloguer.get(`${url}&layout=a4-4x10&start=40`)).statusCode).toBe(200);
  });
});
