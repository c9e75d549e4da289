/**
 * Search quality: a table of queries and the record each must put first, over records made here —
 * Russian morphology, ё/е, Kyrgyz letters, typos, ISBN forms, advanced fields, filters, facets, sorting.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { buildLibrary, buildNetwork, buildStaff, client, login, markOnLoan, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { ZSearchQuery } from './catalog.schemas';
import { toIsbn13 } from './isbn';
import { listItems } from './items.service';
import { turnOnSearchIndex } from './search-index/registry';
import { searchCatalog } from './search.service';
import { AITMATOV, isbn10, RECORDS } from './search.test-records';

interface Hit {
  id: string;
  title: string;
  authors: string[];
  year: number | null;
  availability: { libraryId: string; libraryName: string; total: number; available: number }[];
}
interface Result {
  items: Hit[];
  total: number;
  isFuzzy: boolean;
  facets: Record<
    'libraries' | 'years' | 'languages' | 'materialTypes' | 'subjects',
    { value: string; label?: string; count: number }[]
  >;
}

// Every test twice: answered from the search index in memory (KITEPKANA_SEARCH_INDEX=memory), and by
// the database's statements (the default, and how searches are answered while the index loads).
for (const engine of ['memory', 'database'] as const)
  describeOnEachDatabase(`catalogue search by ${engine}`, (ctx) => {
    beforeAll(() => {
      if (engine === 'memory') turnOnSearchIndex(ctx.database.db);
    });
    const libs = {} as Record<'L1' | 'L2', string>;
    let http: ReturnType<typeof client>;
    const search = async (params: string) => {
      const res = await http.get(`/api/v1/catalog/search?${params}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Result;
    };
    const q = (text: string, more = '') => search(`q=${encodeURIComponent(text)}${more}`);

    it('catalogues the test collection with copies in two branches', async () => {
      const db = ctx.database.db;
      const network = await buildNetwork(db);
      libs.L1 = (await buildLibrary(db, network.id, { name: 'Филиал № 1' })).id;
      libs.L2 = (await buildLibrary(db, network.id, { name: 'Филиал № 2' })).id;
      const user = await buildStaff(db, 'cataloguer', 'network', network.id);
      http = client(ctx.app, await login(ctx.app, user.login));
      for (const { form, copies } of RECORDS) {
        const res = await http.post('/api/v1/catalog/records', form);
        expect(res.statusCode, res.body).toBe(201);
        const id = (res.json() as { id: string }).id;
        for (const copy of copies) {
          const [lib, status] = copy.split('-') as ['L1' | 'L2', string | undefined];
          const item = await http.post(`/api/v1/catalog/records/${id}/items`, {
            libraryId: libs[lib],
            inventoryNumber: uniq('I'),
            barcode: uniq('B'),
          });
          expect(item.statusCode).toBe(201);
          if (status) await markOnLoan(ctx.database.db, (item.json() as { id: string }).id);
        }
      }
    });

    const TOP: [string, string][] = [
      ['белого парохода', 'Белый пароход'],
      ['белый пароход', 'Белый пароход'],
      ['войны и мира', 'Война и мир'],
      ['преступлением наказание', 'Преступление и наказание'],
      ['мастер маргарита', 'Мастер и Маргарита'],
      ['Алеша Горшок', 'Алёша Горшок'],
      ['алёша', 'Алёша Горшок'],
      ['пегий пес', 'Пегий пёс, бегущий краем моря'],
      ['онор', 'Өнөр жана турмуш'],
      ['жаны китеп', 'Жаңы китеп'],
      ['создугу', 'Кыргыз тилинин сөздүгү'],
      ['джамиля', 'Джамиля'],
      ['айтматов джамиля', 'Джамиля'],
      ['айтматв джамиля', 'Джамиля'],
      ['белый парход', 'Белый пароход'],
      ['мастр и маргарта', 'Мастер и Маргарита'],
      ['карамаз', 'Братья Карамазовы'],
      ['брата карамаз', 'Братья Карамазовы'],
      ['сказки о народах мира', 'Сказки народов мира'],
      ['hobbit', 'The Hobbit'],
      ['harry potter', "Harry Potter and the Philosopher's Stone"],
      ['манас', 'Манас'],
      ['тихий дон шолохов', 'Тихий Дон'],
      ['толстой детство', 'Детство'],
      ['5-655-00012-1', 'Джамиля'],
      ['5655000121', 'Джамиля'],
      ['978-5-655-00012-4', 'Джамиля'],
      [toIsbn13(isbn10('599670123')), 'История Кыргызстана'],
      ['5-389-07435-1', 'Преступление и наказание'],
      // Kyrgyz spellings of what the catalogue has in Russian transcription, and the other way round.
      ['Чыңгыз Айтматов плаха', 'Плаха'],
      ['Жамийла', 'Джамиля'],
      ['Ысык-Көл пароходы', 'Пароходы Иссык-Куля'],
      ['киргизская кухня', 'Кыргызская кухня'],
      ['Джалал-Абад', 'Жалал-Абад'],
      // An author's forenames in full, as readers say them (the record shows initials: Тургенев, И. С.).
      ['Иван Тургенев', 'Записки охотника'],
      ['тургенев иван сергеевич', 'Записки охотника'],
    ];
    for (const [query, title] of TOP) {
      it(`"${query}" → ${title}`, async () => {
        const result = await q(query);
        expect(result.items[0]?.title, JSON.stringify(result.items.slice(0, 3).map((h) => h.title))).toBe(title);
      });
    }

    it('marks typo matches as fuzzy and exact ones not', async () => {
      expect((await q('айтматв джамиля')).isFuzzy).toBe(true);
      expect((await q('джамиля')).isFuzzy).toBe(false);
      expect((await q('щзщзщз')).total).toBe(0);
    });

    it('narrows by title, author and subject fields', async () => {
      const gorky = await search(`title=${encodeURIComponent('детство')}&author=${encodeURIComponent('горький')}`);
      expect(gorky.items.map((h) => h.authors[0])).toEqual(['Горький, М.']);
      const tolstoy = await search(`author=${encodeURIComponent('Толстой')}&sort=year_asc`);
      expect(tolstoy.items.map((h) => h.year)).toEqual([1852, 1869, 1878, 1905]);
      // "Белые ночи" has "бел" in the title but Достоевский, not Белый, is its author.
      expect((await search(`author=${encodeURIComponent('белый')}`)).total).toBe(0);
      const epic = await search(`subject=${encodeURIComponent('эпос')}`);
      expect(epic.items.map((h) => h.title)).toEqual(['Манас', 'Манас']);
    });

    it('filters by ББК prefix, years, language, type and age label', async () => {
      expect((await search(`bbk=${encodeURIComponent('84(2Ки)')}`)).total).toBe(5);
      // More matches than the candidates: without words the total is counted, not the planner's guess.
      const capped = await searchCatalog(ctx.database.db, ZSearchQuery.parse({ bbk: '84(2Ки)', pageSize: 1 }), {
        candidates: 2,
      });
      expect({ total: capped.total, estimate: capped.totalIsEstimate }).toEqual({ total: 5, estimate: true });
      expect((await search('bbk=63.3')).items.map((h) => h.title)).toEqual(['История Кыргызстана']);
      expect((await search('isbn=5-655-00012-1')).items.map((h) => h.title)).toEqual(['Джамиля']);
      expect((await search('isbn=abc')).total).toBe(0);
      const seventies = await search(
        `author=${encodeURIComponent('айтматов')}&yearFrom=1960&yearTo=1980&sort=year_asc`,
      );
      expect(seventies.items.map((h) => h.title)).toEqual(['Белый пароход', 'Пегий пёс, бегущий краем моря']);
      expect((await search('language=kir')).total).toBe(6);
      expect((await search('materialType=map')).items.map((h) => h.title)).toEqual(['Кыргызстан']);
      expect((await search('ageLabel=16%2B')).items.map((h) => h.title)).toEqual(['Мастер и Маргарита']);
    });

    it('filters by library and availability and shows copies per library', async () => {
      const inL1 = await q('айтматов', `&libraryId=${libs.L1}`);
      expect(inL1.items.map((h) => h.title).sort()).toEqual(['Белый пароход', 'Плаха']);
      const onShelf = await q('айтматов', '&available=true');
      expect(onShelf.items.map((h) => h.title).sort()).toEqual(['Белый пароход', 'Джамиля']);
      const onShelfL2 = await q('айтматов', `&available=true&libraryId=${libs.L2}`);
      expect(onShelfL2.items.map((h) => h.title)).toEqual(['Джамиля']);
      const steamer = (await q('белый пароход')).items[0]!;
      expect(steamer.availability).toEqual([
        { libraryId: libs.L1, libraryName: 'Филиал № 1', total: 1, available: 1 },
        { libraryId: libs.L2, libraryName: 'Филиал № 2', total: 1, available: 0 },
      ]);
    });

    it('puts first, among hits that rank alike, the one more libraries hold', async () => {
      // The surname in the authors of both, neither title: alike. Alphabetically "Ак жол" would come first.
      expect((await q('токомбаев')).items.map((h) => h.title)).toEqual(['Ырлар', 'Ак жол']);
    });

    it('counts facets over the whole filtered result', async () => {
      const result = await q('айтматов', '&pageSize=1');
      expect(result.total).toBe(5);
      expect(result.items).toHaveLength(1);
      const byValue = (facet: { value: string; count: number }[]) =>
        Object.fromEntries(facet.map((f) => [f.value, f.count]));
      expect(byValue(result.facets.libraries)).toEqual({ [libs.L1]: 2, [libs.L2]: 2 });
      expect(byValue(result.facets.languages)).toEqual({ rus: 5 });
      expect(byValue(result.facets.materialTypes)).toEqual({ book: 5 });
      expect(result.facets.years).toHaveLength(5);
      const kyrgyz = await search('language=kir');
      expect(byValue(kyrgyz.facets.materialTypes)).toEqual({ book: 4, audio: 1, periodical: 1 });
      expect(byValue(kyrgyz.facets.subjects)).toEqual({ 'Кыргызский эпос': 2 });
    });

    it('sorts by title and by year, and pages', async () => {
      const byTitle = await search(`author=${encodeURIComponent('толстой')}&sort=title`);
      expect(byTitle.items.map((h) => h.title)).toEqual(['Алёша Горшок', 'Анна Каренина', 'Война и мир', 'Детство']);
      const page2 = await search(`author=${encodeURIComponent('толстой')}&sort=year_desc&pageSize=3&page=2`);
      expect(page2.items.map((h) => h.year)).toEqual([1852]);
      expect(page2.total).toBe(4);
    });

    it('finds what was saved at once, and no longer finds what was changed', async () => {
      const title = `Кызыл жоолук ${uniq()}`;
      const created = await http.post('/api/v1/catalog/records', { title, authors: ['Айтматов, Ч.'], year: 1961 });
      const id = (created.json() as { id: string }).id;
      expect((await q(title)).items[0]?.id).toBe(id);
      const detail = (await http.get(`/api/v1/catalog/records/${id}`)).json() as { form: Record<string, unknown> };
      await http.put(`/api/v1/catalog/records/${id}`, { ...detail.form, title: 'Тополёк мой в красной косынке' });
      expect((await q('тополек косынке')).items[0]?.id).toBe(id);
      expect((await q(title)).items.map((h) => h.id)).not.toContain(id);
    });

    it('adds the words of a saved title and its authors to the words typos are corrected against', async () => {
      const word = `жылдыздар${[...uniq()].map((c) => 'абвгдежзиклмнпрс'[parseInt(c, 16)]).join('')}`;
      await http.post('/api/v1/catalog/records', {
        title: `Көк ${word} — ай, ыр-кошок`,
        authors: ['Үсөнбаев, Ө.'],
        year: 2001,
      });
      const words = rowsOf<{ word: string }>(
        await ctx.database.db.execute(
          sql`select word from search_words where word in ('кок', ${word}, 'усонбаев', 'ай', 'ыр-кошок', 'кошок', '—')`,
        ),
      ).map((r) => r.word);
      // Folded (ө → о, ү → у); words of three letters or more, without punctuation.
      expect(words.sort()).toEqual(['кок', 'кошок', 'усонбаев', word].sort());
      // And a typo of the new word is corrected to it.
      const typo = `${word.slice(0, 4)}${word.slice(5)}`;
      expect((await q(typo)).items[0]?.title).toContain(word);
    });

    it("follows a copy's status at once: what goes on loan leaves the availability filter", async () => {
      const title = `Ак кеме ${uniq()}`;
      const created = await http.post('/api/v1/catalog/records', { title, authors: ['Айтматов, Ч.'], year: 1970 });
      const id = (created.json() as { id: string }).id;
      const item = await http.post(`/api/v1/catalog/records/${id}/items`, {
        libraryId: libs.L1,
        inventoryNumber: uniq('I'),
        barcode: uniq('B'),
        status: 'available',
      });
      const itemId = (item.json() as { id: string }).id;
      expect((await q(title, `&available=true&libraryId=${libs.L1}`)).items.map((h) => h.id)).toEqual([id]);
      await markOnLoan(ctx.database.db, itemId);
      expect((await q(title, `&available=true&libraryId=${libs.L1}`)).total).toBe(0);
      expect((await q(title, `&libraryId=${libs.L1}`)).items.map((h) => h.id)).toEqual([id]);
      expect((await q(title, `&libraryId=${libs.L2}`)).total).toBe(0);
    });

    it('ranks a capped set of candidates, best first, and says the total is an estimate', async () => {
      const query = ZSearchQuery.parse({ q: 'белый пароход', pageSize: 1 });
      const exact = await searchCatalog(ctx.database.db, query);
      expect(exact.totalIsEstimate).toBe(false);
      // With room for two candidates of five (a page of one), the total is estimated and facets scaled.
      const capped = await searchCatalog(ctx.database.db, ZSearchQuery.parse({ q: 'айтматов', pageSize: 1 }), {
        candidates: 2,
      });
      expect(capped.totalIsEstimate).toBe(true);
      expect(capped.total).toBeGreaterThanOrEqual(3);
      expect(capped.items.length).toBeGreaterThan(0);
      expect(capped.facets!.languages[0]!.value).toBe('rus');
      // With room for one candidate only, the exact title is the one gathered first.
      const steamer = await searchCatalog(ctx.database.db, query, { candidates: 1 });
      expect(steamer.items[0]?.title).toBe('Белый пароход');
      const all = await searchCatalog(ctx.database.db, ZSearchQuery.parse({ q: 'айтматов', pageSize: 1 }), {
        candidates: 2,
        exact: true,
      });
      expect(all.totalIsEstimate).toBe(false);
    });

    it('gathers first the records whose first subject is the heading asked for, and still finds every holder', async () => {
      const heading = `Краеведение ${uniq()}`;
      const record = async (title: string, subjects: string[]) => {
        const res = await http.post('/api/v1/catalog/records', {
          title,
          authors: [],
          year: 2000,
          language: 'rus',
          subjects,
        });
        expect(res.statusCode, res.body).toBe(201);
        return (res.json() as { id: string }).id;
      };
      // Catalogued first and first by title, but holding the heading second.
      const second = await record('Аальбом края', ['Поэзия', heading]);
      const first = [await record('Ялпак-Таш', [heading]), await record('Ясная долина', [heading])];
      // A facet or a record's subject link asks for the whole heading; with room for one candidate of three,
      // it is one of the records whose heading it is first.
      const query = ZSearchQuery.parse({ subject: heading.toLowerCase(), pageSize: 1 });
      const capped = await searchCatalog(ctx.database.db, query, { candidates: 1 });
      expect(capped.totalIsEstimate).toBe(true);
      expect(first).toContain(capped.items[0]?.id);
      const every = await search(`subject=${encodeURIComponent(heading)}`);
      expect(every.items.map((h) => h.id).sort()).toEqual([second, ...first].sort());
      // Some of its words, not the whole heading, find all three too.
      expect((await search(`subject=${encodeURIComponent(heading.split(' ')[1]!)}`)).total).toBe(3);
    });

    it('estimates the total of a capped search whatever was typed (a quote, years, a library)', async () => {
      // The estimate is explained from the query's text with the typed values written in.
      const typed = ZSearchQuery.parse({
        q: "Айтматов'",
        yearFrom: '1970',
        yearTo: '1990',
        libraryId: libs.L2,
        pageSize: 1,
      });
      const capped = await searchCatalog(ctx.database.db, { ...typed, libraryId: undefined }, { candidates: 2 });
      expect(capped.totalIsEstimate).toBe(true);
      expect(capped.total).toBeGreaterThanOrEqual(3);
      expect(capped.items[0]?.authors).toEqual(AITMATOV);
      const held = await searchCatalog(ctx.database.db, typed, { candidates: 0 });
      expect(held.totalIsEstimate).toBe(true);
      expect(held.total).toBeGreaterThanOrEqual(1);
    });

    it('names a library with its village when another library has the same name', async () => {
      const db = ctx.database.db;
      const [l1, l2] = await Promise.all(
        [libs.L1, libs.L2].map((id) => db.query.libraries.findFirst({ where: (l, { eq }) => eq(l.id, id) })),
      );
      // Another network numbers its branches too.
      await buildLibrary(db, (await buildNetwork(db)).id, { name: 'Филиал № 1', settlement: 'с. Лебединовка' });
      const steamer = await q('белый пароход');
      expect(steamer.items[0]!.availability.map((a) => a.libraryName)).toEqual([
        `Филиал № 1, ${l1!.settlement}`,
        'Филиал № 2',
      ]);
      const labels = Object.fromEntries(steamer.facets.libraries.map((f) => [f.value, f.label]));
      expect(labels).toEqual({ [l1!.id]: `Филиал № 1, ${l1!.settlement}`, [l2!.id]: 'Филиал № 2' });
      // The record's page lists its copies under the same names.
      const copies = await listItems(db, steamer.items[0]!.id);
      expect(new Set(copies.map((c) => c.libraryName))).toEqual(
        new Set([`Филиал № 1, ${l1!.settlement}`, 'Филиал № 2']),
      );
    });

    it("lists libraries in the network's order: the central library, then the branches by number", async () => {
      const db = ctx.database.db;
      const network = (await db.query.libraries.findFirst({ where: (l, { eq }) => eq(l.id, libs.L1) }))!.networkId;
      // Made in another order than the expected one, and named so that text order would differ (№ 11 < № 3).
      const branch11 = await buildLibrary(db, network, { name: 'Филиал № 11', number: 11 });
      const central = await buildLibrary(db, network, { name: 'Центральная библиотека', kind: 'central' });
      const branch3 = await buildLibrary(db, network, { name: 'Филиал № 3', number: 3 });
      const created = await http.post('/api/v1/catalog/records', {
        title: 'Сыпайы тоолор',
        authors: [],
        year: 2019,
        language: 'kir',
      });
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as { id: string }).id;
      for (const lib of [branch11, central, branch3]) {
        const item = { libraryId: lib.id, inventoryNumber: uniq('I'), barcode: uniq('B'), status: 'available' };
        expect((await http.post(`/api/v1/catalog/records/${id}/items`, item)).statusCode).toBe(201);
      }
      const found = await q('сыпайы тоолор');
      const order = [central.id, branch3.id, branch11.id];
      expect(found.items[0]!.availability.map((a) => a.libraryId)).toEqual(order);
      expect(found.facets.libraries.map((f) => f.value)).toEqual(order);
      // The record's page groups its copies by library in the same order.
      expect((await listItems(db, id)).map((c) => c.item.libraryId)).toEqual(order);
      // More copies on the shelf come first whatever the order.
      const another = { libraryId: branch11.id, inventoryNumber: uniq('I'), barcode: uniq('B'), status: 'available' };
      expect((await http.post(`/api/v1/catalog/records/${id}/items`, another)).statusCode).toBe(201);
      expect((await q('сыпайы тоолор')).items[0]!.availability.map((a) => a.libraryId)).toEqual([
        branch11.id,
        central.id,
        branch3.id,
      ]);
    });
  });
