import { SaxesParser } from 'saxes';
import { beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit';
import { ZItemInput, ZRecordCreate } from '../catalog';
import { addItem } from '../catalog/items.service';
import { createRecordFromForm, deleteRecord } from '../catalog/records.service';
import { buildLibrary, buildNetwork, markOnLoan, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { markup } from './portal.test-support';

/** What a reader sees: the text without tags, whitespace collapsed. */
function visibleText(body: string): string {
  return body
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** What a strict XML parser (with namespaces) objects to in a document. */
function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => errors.push(e.message));
  parser.write(xml).close();
  return errors;
}

/** Every href on a page, unescaped. */
function links(body: string): string[] {
  return [...body.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

describeOnEachDatabase('public catalogue (OPAC)', (ctx) => {
  const ids = { white: '', jamila: '', tricky: '', deleted: '', branch: '', central: '' };
  const names = { branch: '', central: '' };

  async function get(url: string) {
    const res = await ctx.app.inject({ method: 'GET', url });
    return { statusCode: res.statusCode, headers: res.headers, body: res.payload, text: visibleText(res.payload) };
  }

  beforeAll(async () => {
    const { db } = ctx.database;
    const network = await buildNetwork(db, { name: uniq('Кеминская ЦБС ') });
    names.branch = uniq('Филиал № 21 ');
    names.central = uniq('Центральная библиотека ');
    const branch = await buildLibrary(db, network.id, { name: names.branch, number: 21 });
    const central = await buildLibrary(db, network.id, { name: names.central, kind: 'central' });
    ids.branch = branch.id;
    ids.central = central.id;
    const record = (input: Record<string, unknown>) =>
      createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse(input));
    const copy = async (recordId: string, lib: typeof branch, status: 'available' | 'on_loan', callNumber = '') => {
      const item = await addItem(db, SYSTEM_ACTOR, recordId, lib, ZItemInput.parse({ libraryId: lib.id, inventoryNumber: uniq('I'), barcode: uniq('B'), callNumber }));
      if (status === 'on_loan') await markOnLoan(db, item.id);
      return item;
    };

    const white = await record({
      title: 'Белый пароход',
      otherTitle: 'повесть',
      responsibility: 'Чингиз Айтматов',
      authors: ['Айтматов, Ч.'],
      place: 'Фрунзе',
      publisher: 'Кыргызстан',
      year: 1970,
      extent: '160 с.',
      isbns: ['9785170904327'],
      language: 'rus',
      subjects: ['Киргизская литература'],
      bbk: ['84(2Кир)6'],
      series: 'Школьная библиотека',
      ageLabel: '12+',
    });
    ids.white = white.id;
    await copy(white.id, branch, 'available', '84(2Кир)6 А36');
    await copy(white.id, branch, 'available', '84(2Кир)6 А36');
    await copy(white.id, central, 'on_loan', '84(2Кир)6 А36');

    const jamila = await record({
      title: 'Джамиля',
      authors: ['Айтматов, Ч.'],
      year: 1958,
      language: 'kir',
      subjects: ['Киргизская литература'],
    });
    ids.jamila = jamila.id;
    await copy(jamila.id, central, 'available');

    const tricky = await record({
      title: 'Пароход <b>жирный</b> & Co',
      authors: ['Тестов, Т.'],
      year: 2001,
      language: 'rus',
    });
    ids.tricky = tricky.id;

    const gone = await record({ title: 'Удалённая запись', year: 1999 });
    ids.deleted = gone.id;
    await deleteRecord(db, SYSTEM_ACTOR, gone);
  });

  it('finds "Белый пароход" by another word form and shows availability per branch', async () => {
    const res = await get(`/catalog?q=${encodeURIComponent('белого парохода')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/catalog/records/${ids.white}"`);
    expect(res.text).toContain('Белый пароход');
    expect(res.text).toContain('Айтматов, Ч.');
    expect(res.text).toContain(`${names.branch} — 2 на полке`);
    expect(res.text).toContain(`${names.central} — все выданы`);
    // The ГОСТ description is in the list too.
    expect(res.text).toContain('Белый пароход : повесть / Чингиз Айтматов');
    expect(res.text).not.toContain('Показаны похожие результаты');
  });

  it('offers facets as links that add a filter, and chips that remove it', async () => {
    const search = await get(`/catalog?q=${encodeURIComponent('Айтматов')}`);
    expect(search.text).toContain('Найдено: 2');
    const libraryFacet = links(search.body).find((l) => l.includes(`library=${ids.branch}`));
    expect(libraryFacet).toBeDefined();
    const filtered = await get(libraryFacet!);
    expect(filtered.text).toContain('Найдено: 1');
    expect(filtered.body).toContain(`/catalog/records/${ids.white}`);
    expect(filtered.body).not.toContain(`/catalog/records/${ids.jamila}"`);
    expect(filtered.text).toContain(`Библиотека: ${names.branch}`);
    const remove = links(filtered.body).find(
      (l) => l.startsWith('/catalog?') && !l.includes('library=') && l.includes('q='),
    );
    expect(remove).toBeDefined();
    expect((await get(remove!)).text).toContain('Найдено: 2');

    const yearFacet = links(search.body).find((l) => l.includes('from=1958') && l.includes('to=1958'));
    expect(yearFacet).toBeDefined();
    const byYear = await get(yearFacet!);
    expect(byYear.body).toContain(`/catalog/records/${ids.jamila}`);
    expect(byYear.body).not.toContain(`/catalog/records/${ids.white}"`);

    const languageFacet = links(search.body).find((l) => l.includes('language=kir'));
    expect(languageFacet).toBeDefined();
    expect(search.text).toContain('кыргызский');
  });

  it('leads from a record back to the search it was found by, and never to another site', async () => {
    const search = `/catalog?q=${encodeURIComponent('Айтматов')}&sort=year_asc`;
    const origin = async (referer: string) => {
      const res = await ctx.app.inject({ method: 'GET', url: `/catalog/records/${ids.white}`, headers: { host: 'portal.test', referer } });
      return links(res.payload).filter((l) => l.startsWith('/catalog') && !l.startsWith('/catalog/'));
    };
    expect(await origin(`http://portal.test${search}`)).toContain(search);
    expect(await origin(`http://elsewhere.example${search}`)).not.toContain(search);
    const plain = await get(`/catalog/records/${ids.white}`);
    expect(plain.text).toContain('← В каталог');
    // The browser tells the record page which search led there, and tells other sites nothing.
    expect((await get(search)).headers['referrer-policy']).toBe('same-origin');
  });

  it('sends a search with empty fields on to its short link', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: `/catalog?q=${encodeURIComponent('Джамиля')}&title=&author=&sort=&lang=ru` });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(`/catalog?q=${encodeURIComponent('Джамиля')}&lang=ru`);
    expect((await ctx.app.inject({ method: 'GET', url: '/catalog?q=&title=' })).headers.location).toBe('/catalog');
  });

  it('says a page beyond the results is not there and links the last one', async () => {
    const beyond = await get(`/catalog?q=${encodeURIComponent('Айтматов')}&page=25`);
    expect(beyond.statusCode).toBe(200);
    expect(beyond.text).toContain('Найдено: 2');
    expect(beyond.text).toContain('Страницы 25 в результатах нет. Последняя страница — 1');
    expect(beyond.text).not.toContain('Ничего не найдено');
    expect(beyond.text).not.toContain('Страница 25 из');
    const last = links(beyond.body).find((l) => l.startsWith('/catalog?') && l.includes('q=') && !l.includes('page='));
    expect((await get(last!)).body).toContain(`/catalog/records/${ids.white}`);
  });

  it('filters by advanced fields and availability; bad values fall back to defaults', async () => {
    const onShelf = await get(`/catalog?author=${encodeURIComponent('Айтматов')}&library=${ids.central}&available=1`);
    expect(onShelf.statusCode).toBe(200);
    expect(onShelf.body).toContain(`/catalog/records/${ids.jamila}`);
    expect(onShelf.body).not.toContain(`/catalog/records/${ids.white}"`);
    const bad = await get(
      '/catalog?q=%D0%94%D0%B6%D0%B0%D0%BC%D0%B8%D0%BB%D1%8F&page=-3&sort=nonsense&from=abc&library=x&age=99&type=spaceship',
    );
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain(`/catalog/records/${ids.jamila}`);
    // …and the reader is told what was left out, field by field, next to the form.
    for (const message of [
      'Год с: «abc» — не год',
      'Библиотека: значения «x» нет среди вариантов, поиск выполнен без этого условия',
      'Возрастная маркировка: значения «99» нет',
      'Вид издания: значения «spaceship» нет',
      'Сортировка: значения «nonsense» нет',
      'Страницы «-3» нет: страницы нумеруются от 1 до 500. Показана первая',
    ])
      expect(bad.text).toContain(message);
    expect(bad.body).toMatch(/<select id="age" name="age" aria-invalid="true" aria-describedby="problem-age">/);
    expect(bad.body).toContain('<p id="problem-age">');
    // A query too long for the box is cut to its first 300 characters, not dropped.
    const long = await get(`/catalog?q=${encodeURIComponent(`Джамиля ${'я'.repeat(400)}`)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).toContain(`value="Джамиля ${'я'.repeat(292)}"`);
    expect((await get('/catalog')).statusCode).toBe(200);
    const sorted = await get(`/catalog?q=${encodeURIComponent('Айтматов')}&sort=year_asc`);
    expect(sorted.body.indexOf(ids.jamila)).toBeLessThan(sorted.body.indexOf(ids.white));
  });

  it('names a year it could not use next to the form, keeps it in the field and searches by the rest', async () => {
    const field = (body: string, id: string) => markup(body).match(new RegExp(`<input id="${id}"[^>]*>`))?.[0] ?? '';
    for (const typed of ['99999', 'abc', '19 58']) {
      const res = await get(`/catalog?author=${encodeURIComponent('Айтматов')}&from=${encodeURIComponent(typed)}&to=1960`);
      expect(res.statusCode).toBe(200);
      expect(res.text).toContain(`Год с: «${typed}» — не год. Укажите год цифрами, от 1000 до 2200; пока поиск выполнен без этого условия.`);
      expect(field(res.body, 'from')).toContain(`value="${typed}"`);
      expect(field(res.body, 'from')).toContain('aria-invalid="true" aria-describedby="problem-from"');
      expect(field(res.body, 'to')).not.toContain('aria-invalid');
      // The year that could be used still counts: Джамиля (1958), not Белый пароход (1970).
      expect(res.body).toContain(`/catalog/records/${ids.jamila}`);
      expect(res.body).not.toContain(`/catalog/records/${ids.white}"`);
      // Links from the results carry the search that ran, not the value it could not use (the language
      // switch keeps the page as it is, message and all).
      const carried = links(res.body).filter((l) => l.includes(`from=${encodeURIComponent(typed)}`) && !l.includes('lang='));
      expect(carried).toEqual([]);
    }
    // With nothing else to search by, the form says what was wrong and nothing is searched.
    const only = await get('/catalog?from=abc');
    expect(only.text).toContain('Год с: «abc» — не год');
    expect(only.text).not.toContain('Найдено');
    expect(field(only.body, 'from')).toContain('value="abc"');
    expect(only.body).toContain('<details class="advanced" open>');
    // In the page's language.
    expect((await get('/catalog?lang=ky&q=x&to=abc')).text).toContain('Жылга чейин: «abc» — жыл эмес.');
    expect((await get('/catalog?lang=en&q=x&to=abc')).text).toContain('Year to: “abc” is not a year.');
  });

  it('swaps years given the wrong way round and says so; reads "12+" typed into a link', async () => {
    const res = await get(`/catalog?author=${encodeURIComponent('Айтматов')}&from=1960&to=1950`);
    expect(res.text).toContain('Год «с» (1960) позже года «по» (1950), поэтому показаны книги с 1950 по 1960 год.');
    expect(res.body).toContain(`/catalog/records/${ids.jamila}`);
    expect(res.body).not.toContain(`/catalog/records/${ids.white}"`);
    expect(markup(res.body)).toContain('<input id="from" name="from" type="text" inputmode="numeric" value="1950"');
    // A "+" in a query string is a space: "age=12+" still means 12+, silently and rightly.
    const age = await get(`/catalog?author=${encodeURIComponent('Айтматов')}&age=12+`);
    expect(age.body).toContain(`/catalog/records/${ids.white}`);
    expect(age.body).not.toContain(`/catalog/records/${ids.jamila}"`);
    expect(age.body).not.toContain('search-problems');
  });

  it('answers absurd page numbers with the first page and a message, never an error', async () => {
    for (const page of ['99999999999999999999999', '1e400', 'abc', '2.5', '501']) {
      const res = await get(`/catalog?q=${encodeURIComponent('Айтматов')}&page=${page}`);
      expect(res.statusCode).toBe(200);
      expect(res.text).toContain(`Страницы «${page}» нет: страницы нумеруются от 1 до 500. Показана первая.`);
      expect(res.body).toContain(`/catalog/records/${ids.white}`);
    }
    const choices = await get(`/catalog?q=${encodeURIComponent('Джамиля')}&language=Russian&available=yes`);
    expect(choices.text).toContain('Язык: значения «Russian» нет среди вариантов, поиск выполнен без этого условия.');
    expect(choices.text).toContain('Только есть на полке: значения «yes» нет среди вариантов');
    expect(choices.body).toContain(`/catalog/records/${ids.jamila}`);
  });

  it('says when only similar results were found', async () => {
    const res = await get(`/catalog?q=${encodeURIComponent('Айтмтов')}`);
    expect(res.statusCode).toBe(200);
    expect(res.text).toContain('Показаны похожие результаты');
    expect(res.body).toContain(`/catalog/records/${ids.white}`);
  });

  it('shows a record with its ГОСТ description, copies with status and JSON-LD Book', async () => {
    const res = await get(`/catalog/records/${ids.white}`);
    expect(res.statusCode).toBe(200);
    expect(res.text).toContain('Белый пароход : повесть / Чингиз Айтматов. – Фрунзе : Кыргызстан, 1970. – 160 с.');
    expect(res.text).toContain('84(2Кир)6');
    expect(res.text).toContain('9785170904327');
    expect(res.text).toContain('Школьная библиотека');
    expect(res.text).toContain('12+');
    expect(res.text).toContain('Киргизская литература');
    expect(res.text).toContain(names.branch);
    // Each library holding a copy links to its page (address, opening hours).
    expect(res.body).toContain(`<a href="/libraries/${ids.branch}">`);
    expect(res.text).toContain('на полке');
    expect(res.text).toContain('выдана');
    const scripts = res.body.match(/<script\b[^>]*>/gi) ?? [];
    expect(scripts).toEqual(['<script type="application/ld+json">']);
    const json = res.body.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)![1]!;
    const book = JSON.parse(json) as Record<string, unknown>;
    expect(book).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Book',
      name: 'Белый пароход: повесть',
      author: [{ '@type': 'Person', name: 'Айтматов, Ч.' }],
      isbn: '9785170904327',
      datePublished: '1970',
      publisher: { '@type': 'Organization', name: 'Кыргызстан' },
      inLanguage: 'ru',
    });
  });

  it('answers unknown, malformed and deleted records with a 404 page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', ids.deleted]) {
      const res = await get(`/catalog/records/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('Такой записи в каталоге нет');
    }
    expect((await get(`/catalog?q=${encodeURIComponent('Удалённая запись')}`)).body).not.toContain(ids.deleted);
  });

  it('escapes a title with markup in results and on the record page', async () => {
    const list = await get(`/catalog?q=${encodeURIComponent('жирный')}`);
    expect(list.body).toContain('Пароход &lt;b&gt;жирный&lt;/b&gt; &amp; Co');
    expect(list.body).not.toContain('<b>жирный');
    const page = await get(`/catalog/records/${ids.tricky}`);
    expect(page.body).not.toContain('<b>жирный');
    expect(page.body).toContain('\\u003cb\\u003e');
  });

  it('has no script but schema.org data, links the catalogue in the header and the OpenSearch description', async () => {
    const res = await get(`/catalog?q=${encodeURIComponent('пароход')}`);
    expect(res.body.match(/<script\b/gi) ?? []).toHaveLength(0);
    expect(res.body).toMatch(/<a href="\/catalog" aria-current="page">\s*Каталог/);
    const home = await get('/');
    expect(home.body).toMatch(
      /<link\s+rel="search"\s+type="application\/opensearchdescription\+xml"\s+href="\/opensearch.xml"/,
    );
    expect(home.body).toMatch(/<a href="\/catalog">\s*Каталог/);
  });

  it('serves a well-formed OpenSearch 1.1 description', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/opensearch.xml', headers: { host: 'lib.example.kg' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/opensearchdescription+xml');
    expect(xmlErrors(res.payload)).toEqual([]);
    expect(res.payload).toContain('<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">');
    expect(res.payload).toContain('<InputEncoding>UTF-8</InputEncoding>');
    // A whole name within OpenSearch's 16 characters, not the page title cut mid-word.
    expect(res.payload).toContain('<ShortName>Поиск книг</ShortName>');
    expect(res.payload).toContain('template="http://lib.example.kg/catalog?q={searchTerms}&amp;page={startPage?}"');
  });

  it('speaks Kyrgyz with ?lang=ky', async () => {
    const res = await get(`/catalog?lang=ky&q=${encodeURIComponent('белого парохода')}`);
    expect(res.body).toContain('<html lang="ky"');
    expect(res.text).toContain('Электрондук каталог');
    expect(res.text).toContain('Табылды: 1');
    expect(res.text).toContain(`${names.branch} — текчеде 2`);
    const record = await get(`/catalog/records/${ids.white}?lang=ky`);
    expect(record.text).toContain('Нускалар');
    expect(record.text).toContain('текчеде');
    expect(record.text).toContain('берилген');
  });
});
