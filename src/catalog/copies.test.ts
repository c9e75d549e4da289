/**
 * The collection as a list of copies (the inventory book): inventory order, filters, a scanned barcode
 * or a typed inventory number found exactly, title words found however they are spelled, paging, XLSX,
 * and only the networks a person reads.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { buildLibrary, buildNetwork, buildStaff, client, login, markOnLoan, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';

interface Row {
  id: string;
  recordId: string;
  libraryName: string;
  inventoryNumber: string;
  barcode: string;
  status: string;
  title: string;
}
interface Page {
  items: Row[];
  total: number;
}

describeOnEachDatabase('the collection as a list of copies', (ctx) => {
  const f = { branch1: '', branch2: '', prefix: '', barcodes: {} as Record<string, string>, records: {} as Record<string, string> };
  let http: ReturnType<typeof client>;

  it('sets up a network with two branches and copies of three books', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    f.branch1 = (await buildLibrary(db, network.id, { number: 1 })).id;
    f.branch2 = (await buildLibrary(db, network.id, { number: 2 })).id;
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
    http = client(ctx.app, await login(ctx.app, cataloguer.login));
    // Inventory numbers are unique per network: a prefix keeps this test's apart from the others'.
    f.prefix = uniq('K').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
    const book = async (title: string) => ((await http.post('/api/v1/catalog/records', { title, authors: ['Айтматов, Ч.'], year: 1970 })).json() as { id: string }).id;
    f.records.parokhod = await book('Белый пароход');
    f.records.jamila = await book('Жамийла');
    f.records.yolka = await book('Ёлка в Сокольниках');
    const copy = async (record: string, libraryId: string, number: string, extra: Record<string, unknown> = {}) => {
      const barcode = uniq('2000');
      f.barcodes[number] = barcode;
      const res = await http.post(`/api/v1/catalog/records/${record}/items`, { libraryId, inventoryNumber: `${f.prefix}-${number}`, barcode, ...extra });
      expect(res.statusCode).toBe(201);
      return (res.json() as { id: string }).id;
    };
    await copy(f.records.parokhod, f.branch1, '10', { callNumber: '84(2Ки)6 А36', acquiredOn: '2024-03-01' });
    await markOnLoan(db, await copy(f.records.parokhod, f.branch1, '9', { acquiredOn: '2023-05-10' }));
    await copy(f.records.jamila, f.branch1, '100', { acquiredOn: '2024-11-20' });
    await copy(f.records.yolka, f.branch2, '11');
  });

  const list = async (query: string) => {
    const res = await http.get(`/api/v1/catalog/items?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as Page;
  };
  const numbers = (page: Page) => page.items.map((r) => r.inventoryNumber.slice(f.prefix.length + 1));

  it('lists a library in the order of its inventory book: 9 before 10 before 100', async () => {
    const page = await list(`libraryId=${f.branch1}`);
    expect(numbers(page)).toEqual(['9', '10', '100']);
    expect(page.total).toBe(3);
    expect(page.items[0]!.title).toBe('Белый пароход');
  });

  it('filters by status and by acquisition dates, and pages', async () => {
    expect(numbers(await list('status=on_loan'))).toEqual(['9']);
    expect(numbers(await list('acquiredFrom=2024-01-01&acquiredTo=2024-12-31'))).toEqual(['10', '100']);
    // The whole network: its inventory numbers in one order, whichever branch holds the copy.
    expect(numbers(await list(''))).toEqual(['9', '10', '11', '100']);
    const second = await list(`libraryId=${f.branch1}&pageSize=2&page=2`);
    expect(numbers(second)).toEqual(['100']);
    expect(second.total).toBe(3);
  });

  it('finds a scanned barcode and a typed inventory number exactly, in any letter case', async () => {
    const scanned = await list(`code=${f.barcodes['11']}`);
    expect(scanned.items.map((r) => r.recordId)).toEqual([f.records.yolka]);
    expect(numbers(await list(`code=${f.prefix.toLowerCase()}-9`))).toEqual(['9']);
    // `barcode` is a barcode only: an inventory number is not one.
    expect((await list(`barcode=${f.barcodes['11']}`)).total).toBe(1);
    expect((await list(`barcode=${f.prefix}-9`)).total).toBe(0);
    // `code` is exact: the beginning of a number finds nothing.
    expect((await list(`code=${f.prefix}-1`)).total).toBe(0);
  });

  it('finds by a barcode or an inventory number typed in the box, and by title words with ё as е and Kyrgyz letters folded', async () => {
    expect(numbers(await list(`q=${f.prefix.toLowerCase()}-100`))).toEqual(['100']);
    expect(numbers(await list(`q=${f.barcodes['10']}`))).toEqual(['10']);
    expect((await list(`q=${f.prefix}-1`)).total).toBe(0);
    const titles = async (q: string) => (await list(`q=${encodeURIComponent(q)}&libraryId=${f.branch1}`)).items.map((r) => r.title);
    expect(await titles('пароходы белые')).toEqual(['Белый пароход', 'Белый пароход']);
    expect(await list(`q=${encodeURIComponent('елка')}`).then((p) => p.items.map((r) => r.title))).toEqual(['Ёлка в Сокольниках']);
    expect(await titles('ЖАМИЙЛА')).toEqual(['Жамийла']);
  });

  it('refuses a malformed filter with a message at the field', async () => {
    const res = await http.get('/api/v1/catalog/items?acquiredFrom=01.02.2024');
    expect(res.statusCode).toBe(422);
    expect(JSON.stringify(res.json())).toContain('acquiredFrom');
  });

  it('refuses an acquisition date that does not exist or has not come yet, naming the field (not a database error)', async () => {
    const add = (acquiredOn: string) =>
      http.post(`/api/v1/catalog/records/${f.records.jamila}/items`, { libraryId: f.branch2, inventoryNumber: `${f.prefix}-${uniq('D')}`, barcode: uniq('2000'), acquiredOn });
    for (const date of ['2026-02-30', '2023-02-29', '2024-13-01', '0000-01-01']) {
      const res = await add(date);
      expect(res.statusCode, date).toBe(422);
      expect(res.json(), date).toMatchObject({
        errors: [{ field: 'acquiredOn', code: 'date_impossible', message: 'Такой даты нет в календаре: проверьте число и месяц.' }],
      });
    }
    // Later than today on the server's calendar; today itself and 29 February of a leap year are fine.
    const day = (offset: number) => {
      const d = new Date();
      d.setDate(d.getDate() + offset);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const future = await add(day(1));
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({
      errors: [{ field: 'acquiredOn', code: 'acquired_future', message: 'Дата поступления не может быть позже сегодняшнего дня.' }],
    });
    expect((await add(day(0))).statusCode).toBe(201);
    const leap = await add('2024-02-29');
    expect(leap.statusCode).toBe(201);
    // Changing a copy is checked the same way; so are the list's date filters.
    const { id } = leap.json() as { id: string };
    const changed = await http.put(`/api/v1/catalog/items/${id}`, { libraryId: f.branch2, inventoryNumber: `${f.prefix}-${uniq('D')}`, barcode: uniq('2000'), acquiredOn: '2025-04-31' });
    expect(changed.json()).toMatchObject({ errors: [{ field: 'acquiredOn', code: 'date_impossible' }] });
    const filtered = await http.get('/api/v1/catalog/items?acquiredFrom=2024-02-30');
    expect(filtered.statusCode).toBe(422);
    expect(filtered.json()).toMatchObject({ errors: [{ field: 'query.acquiredFrom', code: 'date_impossible' }] });
  });

  it('exports the same list as XLSX with the inventory book columns in the reader’s language', async () => {
    const session = await login(ctx.app, (await buildStaff(ctx.database.db, 'director', 'installation', null)).login);
    const res = await client(ctx.app, session, 'ru').get(`/api/v1/catalog/items.xlsx?libraryId=${f.branch1}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Экземпляры');
    expect(sheet.getRow(1).getCell(2).text).toBe('Инвентарный номер');
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(2).getCell(2).text).toBe(`${f.prefix}-9`);
    expect(sheet.getRow(2).getCell(4).text).toContain('Белый пароход');
    expect(sheet.getRow(2).getCell(10).text).toBe('выдана');
  });
});
