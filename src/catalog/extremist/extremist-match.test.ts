/**
 * How the check against the Federal list finds a title: as the list writes it, or with a typo, ё for е,
 * another ending or the words in another order in the catalogue, while a title that only shares a word
 * with an entry, or is another book altogether, is left alone.
 */
import { expect, it } from 'vitest';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { items } from '../catalog.tables';
import { makeRecord } from '../interop/interop.test-support';
import { COMMISSION } from './extremist.test-support';

const LIST = `1. Книга Иванова И.И. «Путь воина света» (решение суда от 01.02.2010);
2. Брошюра П.П. Петрова «Ночной дозор на рассвете» (решение суда от 05.05.2012);
3. Листовка «Зелёный шум над рекой» (решение суда от 12.03.2011);
4. Журнал «Экономика» (решение суда от 01.01.2013);
5. Книга «Дорога к звёздам» (решение суда от 02.02.2014);
`;

describeOnEachDatabase('matching the Federal list against the catalogue', (ctx) => {
  it('finds titles with typos, ё/е, other endings and word order, and only those', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db, { country: 'RU' });
    const library = await buildLibrary(db, network.id);
    const cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.id)).login);
    const held = async (title: string, authors: string[] = []) => {
      const { id } = await makeRecord(db, { title, authors });
      await db.insert(items).values({ recordId: id, libraryId: library.id, networkId: network.id, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'RUB' });
      return id;
    };
    const reordered = await held('Света воина путь', ['Иванов, И. И.']);
    const typos = await held('Ночной дазор на расвете', ['Петров, П. П.']);
    const yo = await held('Зеленый шум над рекой');
    const ending = await held('Экономику');
    // Shares a word or two with an entry, and another book altogether.
    await held('Путь домой', ['Сидоров, С. С.']);
    await held('Шум города');
    await held('Белый пароход', ['Айтматов, Ч.']);

    const http = client(ctx.app, cataloguer);
    const uploaded = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/extremist/lists',
      headers: { cookie: cataloguer.cookie, 'x-csrf-token': cataloguer.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(LIST, 'utf8'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const created = await http.post('/api/v1/catalog/extremist/checks', {
      networkId: network.id,
      listId: uploaded.json<{ id: string }>().id,
      // An undated edition: the check is dated the day it was uploaded.
      checkedOn: uploaded.json<{ createdAt: string }>().createdAt.slice(0, 10),
      commission: COMMISSION,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await ctx.app.jobs.runPending()).toBe(1);
    const base = `/api/v1/catalog/extremist/checks/${created.json<{ id: string }>().id}`;
    expect((await http.get(base)).json<{ status: string }>().status).toBe('open');
    const matches = (await http.get(`${base}/matches`)).json<{ items: { entryNumber: number; recordId: string; score: number }[] }>().items;
    expect(matches.map((m) => [m.entryNumber, m.recordId]).sort()).toEqual(
      [
        [1, reordered],
        [2, typos],
        [3, yo],
        [4, ending],
      ].sort(),
    );
    expect(matches.every((m) => m.score >= 0.6)).toBe(true);
  });
});
