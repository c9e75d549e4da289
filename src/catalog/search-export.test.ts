/** A search result as XLSX: the ISBNs as the record writes them, the age label under the UI's own name. */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { dataField, type MarcRecord } from './marc/record';

describeOnEachDatabase('a search result as XLSX', (ctx) => {
  async function sheetOf(http: ReturnType<typeof client>, title: string) {
    const res = await http.get(`/api/v1/catalog/search.xlsx?title=${encodeURIComponent(title)}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
      Object.fromEntries(headers.map((h, c) => [h, sheet.getRow(i + 2).getCell(c + 1).text])),
    );
    return { headers, rows };
  }

  it('lists the ISBNs the record holds as written, not the search keys, and heads the age column as the UI does', async () => {
    const network = await buildNetwork(ctx.database.db);
    const staff = await buildStaff(ctx.database.db, 'cataloguer', 'network', network.id);
    const http = client(ctx.app, await login(ctx.app, staff.login));
    const title = `Экспорт ${uniq()}`;
    const created = await http.post('/api/v1/catalog/records', {
      title,
      year: 2015,
      isbns: ['9967-01-234-х', '978-5-389-07435-4'],
      ageLabel: '12+',
    });
    expect(created.statusCode, created.body).toBe(201);
    // A record from elsewhere: a qualifier after the ISBN and a cancelled one ($z) are not its ISBNs.
    const imported = (
      await http.post('/api/v1/catalog/records', { title: `${title} II`, year: 2016, format: 'marc21' })
    ).json() as { id: string; marc: MarcRecord };
    const marc = {
      ...imported.marc,
      fields: [
        ...imported.marc.fields,
        dataField('020', ' ', ' ', [
          ['a', '5-655-00012-1 (pbk.) :'],
          ['z', '5-655-00012-3'],
        ]),
      ],
    };
    expect((await http.put(`/api/v1/catalog/records/${imported.id}/marc`, { marc })).statusCode).toBe(200);

    const { headers, rows } = await sheetOf(http, title);
    expect(headers).toContain('Знак информационной продукции');
    expect(headers).not.toContain('Возрастная маркировка');
    const row = (start: string) => rows.find((r) => r['Заглавие']!.replace(/\.$/, '') === start);
    expect(row(title)).toMatchObject({
      ISBN: '9967-01-234-X, 978-5-389-07435-4',
      'Знак информационной продукции': '12+',
    });
    expect(row(`${title} II`)).toMatchObject({ ISBN: '5-655-00012-1' });
  });
});
