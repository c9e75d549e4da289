/**
 * ISSN and ISBN as the cataloguing form sends them: an ISSN is checked (eight characters, mod-11 check
 * character) and written NNNN-NNNC with a Latin X; an ISBN typed with a Cyrillic "х" is written with X.
 */
import { expect, it } from 'vitest';
import { buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { dataField, getValue, type MarcRecord } from './marc/record';

interface RecordBody {
  id: string;
  marc: MarcRecord;
  issn: string;
  isbns: string[];
  updatedAt: string;
}

describeOnEachDatabase('ISSN and ISBN in the cataloguing form', (ctx) => {
  async function cataloguer(language: 'ru' | 'ky' | 'en' = 'ru') {
    const network = await buildNetwork(ctx.database.db);
    const staff = await buildStaff(ctx.database.db, 'cataloguer', 'network', network.id, { language });
    return client(ctx.app, await login(ctx.app, staff.login));
  }
  const form = (extra: Record<string, unknown>) => ({
    title: `Вестник ${uniq()}`,
    year: 2020,
    materialType: 'periodical',
    ...extra,
  });

  it('refuses an ISSN with a wrong check digit, naming the field in the person’s language', async () => {
    const messages = {
      ru: 'Неверная контрольная цифра ISSN: проверьте номер.',
      ky: 'ISSNдин текшерүү цифрасы туура эмес: номерди текшериңиз.',
      en: 'Wrong ISSN check digit: please check the number.',
    };
    for (const [language, message] of Object.entries(messages)) {
      const http = await cataloguer(language as keyof typeof messages);
      const res = await http.post('/api/v1/catalog/records', form({ issn: '1234-5678' }));
      expect(res.statusCode, language).toBe(422);
      expect(res.json()).toMatchObject({ errors: [{ field: 'issn', code: 'issn_checksum', message }] });
    }
  });

  it('refuses what is no ISSN at all instead of dropping it silently', async () => {
    const http = await cataloguer();
    for (const issn of ['абв', '1234-567', '1234-56789', 'ISSN']) {
      const res = await http.post('/api/v1/catalog/records', form({ issn }));
      expect(res.statusCode, issn).toBe(422);
      expect(res.json(), issn).toMatchObject({
        errors: [
          { field: 'issn', code: 'issn_format', message: 'ISSN: 8 знаков в виде 1234-5679 (последним может быть X).' },
        ],
      });
    }
  });

  it('writes a valid ISSN as NNNN-NNNC with a Latin X, in RUSMARC 011 and MARC 21 022', async () => {
    const http = await cataloguer();
    // 2434-561X: the check character of 2434561 is 10, typed as a Cyrillic "х" on a Russian keyboard.
    const rus = await http.post('/api/v1/catalog/records', form({ issn: '2434-561х' }));
    expect(rus.statusCode, rus.body).toBe(201);
    const rusBody = rus.json() as RecordBody;
    expect(getValue(rusBody.marc, '011', 'a')).toBe('2434-561X');
    expect(rusBody.issn).toBe('2434-561X');
    const m21 = await http.post('/api/v1/catalog/records', form({ issn: '03178471', format: 'marc21' }));
    expect(m21.statusCode, m21.body).toBe(201);
    expect(getValue((m21.json() as RecordBody).marc, '022', 'a')).toBe('0317-8471');
    // No ISSN is no field.
    const none = (await http.post('/api/v1/catalog/records', form({ issn: '' }))).json() as RecordBody;
    expect(getValue(none.marc, '011', 'a')).toBeUndefined();
  });

  it('still opens a record imported with a misprinted ISSN, and asks for it to be corrected on the next save', async () => {
    const http = await cataloguer();
    const created = (await http.post('/api/v1/catalog/records', form({}))).json() as RecordBody;
    const marc = {
      ...created.marc,
      fields: [...created.marc.fields, dataField('011', ' ', ' ', [['a', '1234-5678']])],
    };
    expect((await http.put(`/api/v1/catalog/records/${created.id}/marc`, { marc })).statusCode).toBe(200);
    const detail = await http.get(`/api/v1/catalog/records/${created.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ issn: '1234-5678', form: { issn: '1234-5678' } });
    const saved = await http.put(`/api/v1/catalog/records/${created.id}`, {
      ...(detail.json() as { form: object }).form,
    });
    expect(saved.json()).toMatchObject({ errors: [{ field: 'issn', code: 'issn_checksum' }] });
  });

  it('writes an ISBN typed with a Cyrillic "х" with the Latin X, hyphens as typed, in RUSMARC 010 and MARC 21 020', async () => {
    const http = await cataloguer();
    const isbns = ['9967-01-234-х', '978-5-389-07435-4'];
    const rus = await http.post('/api/v1/catalog/records', form({ isbns, materialType: 'book' }));
    expect(rus.statusCode, rus.body).toBe(201);
    const record = rus.json() as RecordBody;
    expect(
      record.marc.fields
        .filter((f) => f.tag === '010')
        .map((f) => getValue({ ...record.marc, fields: [f] }, '010', 'a')),
    ).toEqual(['9967-01-234-X', '978-5-389-07435-4']);
    const m21 = (
      await http.post('/api/v1/catalog/records', form({ isbns: ['9967-01-234-х'], format: 'marc21' }))
    ).json() as RecordBody;
    expect(getValue(m21.marc, '020', 'a')).toBe('9967-01-234-X');
  });
});
