import { randomUUID } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit';
import { localToday, ZEventInput } from '../events';
import { createEvent } from '../events/events.service';
import { eventBody, formIdOf } from '../events/events.test-support';
import { regions, servicePoints, type TPassportData } from '../network';
import { buildLibrary, buildMunicipality, buildNetwork, buildPassport, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';

import { jsonLdOf, markup, passport, scripts, visibleText } from './portal.test-support';

describeOnEachDatabase('public portal', (ctx) => {
  const ids = { network: '', central: '', branch: '', tricky: '', byNumber: '', closed: '' };
  const names = { network: '', region: '', central: '', branch: '', tricky: '', closed: '', municipality: '' };

  /**
   * A page as the tests read it: `body` with the formatter's indentation squeezed out, so assertions
   * are about markup rather than whitespace, and `text` as a reader sees it.
   */
  async function get(url: string, headers: Record<string, string> = {}) {
    const res = await ctx.app.inject({ method: 'GET', url, headers });
    return {
      statusCode: res.statusCode,
      headers: res.headers,
      rawPayload: res.rawPayload,
      body: markup(res.payload),
      text: visibleText(res.payload),
    };
  }

  async function addLibrary(networkId: string, values: Parameters<typeof buildLibrary>[2], data?: TPassportData) {
    const library = await buildLibrary(ctx.database.db, networkId, values);
    if (data) await buildPassport(ctx.database.db, library.id, 2026, data);
    return library;
  }

  beforeAll(async () => {
    const { db } = ctx.database;
    names.network = uniq('Кеминская ЦБС ');
    const network = await buildNetwork(db, { name: names.network });
    ids.network = network.id;

    names.central = uniq('Центральная библиотека ');
    ids.central = (
      await addLibrary(
        ids.network,
        { kind: 'central', name: names.central, settlement: 'г. Кемин' },
        passport({
          address: 'ул. Ленина, 12',
          phone: '0 3135 5 12 34',
          email: 'cbs@kemin.kg',
          lat: 42.786,
          lon: 75.692,
        }),
      )
    ).id;

    names.branch = uniq('Подгорненская библиотека ');
    ids.branch = (
      await addLibrary(
        ids.network,
        { number: 21, name: names.branch, settlement: 'с. Подгорное' },
        passport({
          address: 'ул. Советская, 5',
          phone: '0555 11 22 33; 0700 44 55 66',
          accessibility: { mobility: true },
          hoursNote: 'Последний день месяца — санитарный',
        }),
      )
    ).id;
    // An older passport must not win over the latest one.
    await buildPassport(db, ids.branch, 2024, passport({ address: 'старый адрес', phone: '0999 99 99 99' }));

    names.tricky = uniq('<b>Жаңы-Жол</b> ');
    ids.tricky = (
      await addLibrary(
        ids.network,
        { number: 22, name: names.tricky, settlement: 'с. Жаңы-Жол' },
        passport({ address: 'Жаңы-Жол айылы, Борбордук көчө 1', phone: '0312 000 001' }),
      )
    ).id;

    // Networks often name a branch by its number alone.
    ids.byNumber = (
      await addLibrary(ids.network, { number: 24, name: 'Филиал № 24', settlement: 'с. Ак-Түз' }, passport())
    ).id;

    names.closed = uniq('Закрытый филиал ');
    ids.closed = (await addLibrary(ids.network, { number: 23, name: names.closed, isActive: false }, passport())).id;

    names.municipality = (await buildMunicipality(db, ids.network, [ids.branch])).name;
    await db.insert(servicePoints).values([
      {
        libraryId: ids.branch,
        kind: 'deposit_camp',
        name: 'Лагерь «Балажан»',
        address: 'ущелье Кичи-Кемин',
        isSeasonal: true,
      },
      { libraryId: ids.branch, kind: 'home_delivery', name: 'Книгоношество' },
      { libraryId: ids.branch, kind: 'mobile_stop', name: 'Бывшая остановка', isActive: false },
    ]);
  });

  describe('with one network', () => {
    it('shows the network, its central library and the number of rural branches on the home page', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).toContain('<html lang="ru" class="regular">');
      expect(res.body).toContain(`<h1>${names.network}</h1>`);
      expect(res.body).toContain(names.central);
      expect(res.body).toContain('ул. Ленина, 12');
      expect(res.text).toContain('Пн–Пт 9:00–18:00, перерыв 13:00–14:00; Сб 10:00–15:00; Вс выходной');
      expect(res.body).toContain('<span class="nowrap">13:00–14:00</span>');
      expect(res.body).toContain('href="tel:0313551234"');
      expect(res.body).toContain('3 филиала');
      const graph = jsonLdOf(res.body)['@graph'];
      expect(graph[0]).toMatchObject({
        '@type': 'Library',
        name: names.central,
        telephone: '0 3135 5 12 34',
        address: {
          '@type': 'PostalAddress',
          streetAddress: 'ул. Ленина, 12',
          addressLocality: 'г. Кемин',
          addressCountry: 'KG',
        },
        geo: { latitude: 42.786, longitude: 75.692 },
        parentOrganization: { name: names.network },
      });
    });

    it('lists the active rural branches with address, hours and phones, and nothing else', async () => {
      const res = await get('/libraries');
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain(names.branch);
      expect(body).toContain('Филиал № 21');
      expect(body).toContain('<span class="place">с.\u00a0Подгорное</span>');
      expect(body).toContain('ул. Советская, 5');
      expect(body).not.toContain('старый адрес');
      expect(res.text).toContain('Пн–Пт 9:00–18:00, перерыв 13:00–14:00; Сб 10:00–15:00; Вс выходной');
      expect(body).toContain('<a href="tel:0555112233" class="nowrap">0555 11 22 33</a>');
      expect(body).toContain('<a href="tel:0700445566" class="nowrap">0700 44 55 66</a>');
      expect(body).not.toContain(names.closed);
      // The name says the number already: no badge repeating it.
      expect(body).toContain(`<a href="/libraries/${ids.byNumber}">Филиал № 24</a>`);
      expect(body).not.toContain('<span class="badge">Филиал № 24</span>');
      const page = (await get(`/libraries/${ids.byNumber}`)).body;
      expect(page).toContain(`<title>Филиал № 24, с. Ак-Түз — ${names.network}</title>`);
      // The central library has its own tab.
      expect(body).not.toContain(`>${names.central}<`);
      expect(body).toMatch(/href="\/libraries\?kind=central">Центральная библиотека<span class="count">1<\/span>/);
      expect(body).not.toContain('kind=children');
    });

    it('puts the central library on its own tab', async () => {
      const res = await get('/libraries?kind=central');
      expect(res.body).toContain(names.central);
      expect(res.body).not.toContain(names.branch);
    });

    it('searches all kinds of libraries with a plain GET form', async () => {
      const form = (await get('/libraries')).body;
      expect(form).toMatch(/<form class="search" method="get" action="\/libraries" role="search">/);
      const res = await get(`/libraries?q=${encodeURIComponent('Подгорное')}`);
      expect(res.body).toContain(names.branch);
      expect(res.body).not.toContain(names.tricky);
      expect(res.body).toContain('Найдено: 1');
      expect(res.body).toContain('value="Подгорное"');
      const none = await get(`/libraries?q=${encodeURIComponent('нет такого села')}`);
      expect(none.body).toContain('Ничего не найдено');
    });

    it('ignores nonsense in the query string instead of failing', async () => {
      const res = await get('/libraries?kind=zzz&page=-4&network=');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(names.branch);
    });

    it('shows a library page with weekly hours, contacts, municipality, service points and JSON-LD', async () => {
      const res = await get(`/libraries/${ids.branch}`);
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain(`<h1>${names.branch}</h1>`);
      expect(body).toContain('<caption>Часы работы</caption>');
      expect(body).toContain(
        '<th scope="row">Понедельник</th><td>9:00–18:00</td><td data-label="Перерыв">13:00–14:00</td>',
      );
      expect(body).toContain('<th scope="row">Суббота</th><td>10:00–15:00</td><td>—</td>');
      expect(body).toContain('<tr class="closed"><th scope="row">Воскресенье</th><td colspan="2">выходной</td></tr>');
      expect(body).toContain('Последний день месяца — санитарный');
      expect(body).toContain(
        '<meta name="description" content="ул. Советская, 5. Пн–Пт 9:00–18:00, перерыв 13:00–14:00; Сб 10:00–15:00; Вс выходной"/>',
      );
      expect(body).toContain(names.municipality);
      expect(body).toContain('для маломобильных');
      expect(body).toContain('Лагерь «Балажан»');
      expect(body).toContain('Библиотечный пункт в летнем лагере, сезонный');
      expect(body).toContain('Доставка книг на дом');
      expect(body).not.toContain('Бывшая остановка');
      const [library] = jsonLdOf(body)['@graph'];
      expect(library).toMatchObject({
        '@type': 'Library',
        name: names.branch,
        telephone: '0555 11 22 33; 0700 44 55 66',
      });
      expect(library?.openingHoursSpecification).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            opens: '09:00',
            closes: '13:00',
            dayOfWeek: expect.arrayContaining(['https://schema.org/Monday']),
          }),
          expect.objectContaining({ opens: '14:00', closes: '18:00' }),
          expect.objectContaining({ opens: '10:00', closes: '15:00', dayOfWeek: ['https://schema.org/Saturday'] }),
        ]),
      );
    });

    it('shows what is coming up at a library and links its events and its books', async () => {
      const { db } = ctx.database;
      const day = (days: number) => {
        const d = new Date(`${localToday('Asia/Bishkek')}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + days);
        return d.toISOString().slice(0, 10);
      };
      const formId = await formIdOf(db, ids.network);
      const plan = (title: string, plannedOn: string, isPublic = true) =>
        createEvent(db, SYSTEM_ACTOR, ids.network, ZEventInput.parse(eventBody(ids.branch, formId, { title, plannedOn, isPublic })));
      const soon = uniq('Громкие чтения ');
      const past = uniq('Прошедший вечер ');
      const closed = uniq('Служебное совещание ');
      await plan(soon, day(5));
      await plan(past, day(-5));
      await plan(closed, day(6), false);
      const res = await get(`/libraries/${ids.branch}`);
      expect(res.text).toContain('Скоро в библиотеке');
      expect(res.text).toContain(soon);
      expect(res.text).not.toContain(past);
      expect(res.text).not.toContain(closed);
      expect(res.body).toContain(`href="/events?library=${ids.branch}"`);
      expect(res.body).toContain(`href="/catalog?library=${ids.branch}"`);
      expect((await get(`/libraries/${ids.central}`)).text).toContain('Ближайших мероприятий нет.');
    });

    it('links the central library to the map and to its e-mail', async () => {
      const body = (await get(`/libraries/${ids.central}`)).body;
      expect(body).toContain('href="https://www.openstreetmap.org/?mlat=42.786&amp;mlon=75.692#map=17/42.786/75.692"');
      expect(body).toContain('href="mailto:cbs@kemin.kg"');
      expect(body).toContain('href="tel:0313551234"');
    });

    it('answers 404 with a page for unknown, inactive and malformed library ids', async () => {
      for (const url of [
        `/libraries/${randomUUID()}`,
        `/libraries/${ids.closed}`,
        '/libraries/not-a-uuid',
        `/libraries?network=${randomUUID()}`,
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(res.body).toContain('Страница не найдена');
      }
    });

    it('escapes a library name containing markup, in HTML and in JSON-LD', async () => {
      const list = (await get('/libraries')).body;
      expect(list).not.toContain('<b>Жаңы-Жол</b>');
      expect(list).toContain('&lt;b&gt;Жаңы-Жол&lt;/b&gt;');
      const page = (await get(`/libraries/${ids.tricky}`)).body;
      expect(page).not.toContain('<b>');
      expect(page).toContain('\\u003cb\\u003eЖаңы-Жол\\u003c/b\\u003e');
      expect(jsonLdOf(page)['@graph'][0]?.name).toBe(names.tricky);
    });

    it('needs no JavaScript: the only scripts are schema.org data', async () => {
      for (const url of ['/', '/libraries', `/libraries/${ids.branch}`, '/libraries/nope']) {
        const body = (await get(url)).body;
        for (const tag of scripts(body)) expect(tag, url).toBe('<script type="application/ld+json">');
      }
    });

    it('has semantic landmarks, a skip link, the staff login and the switches on every page', async () => {
      const body = (await get('/libraries')).body;
      expect(body).toContain('<a class="skip" href="#main">Перейти к содержанию</a>');
      expect(body).toContain('<main id="main"');
      expect(body).toMatch(/<header class="site-header">[\s\S]*<nav aria-label="Основное меню">/);
      expect(body).toContain('<a href="/libraries" aria-current="page">Сельские библиотеки</a>');
      expect(body).toContain('<footer');
      expect(body).toContain('<a href="/staff">Вход для сотрудников</a>');
      expect(body).toContain('href="/a11y?on=1&amp;back=%2Flibraries"');
      expect(body).toContain('href="/libraries?lang=ky" lang="ky" hreflang="ky">Кыргызча</a>');
    });

    it('switches to the version for the visually impaired and back, on the same page', async () => {
      const on = await get('/a11y?on=1&back=%2Flibraries%3Fkind%3Dcentral');
      expect(on.statusCode).toBe(303);
      expect(on.headers.location).toBe('/libraries?kind=central');
      const cookie = String(on.headers['set-cookie']);
      expect(cookie).toMatch(/^a11y=1;/);
      expect(cookie).toContain('Path=/');

      const page = await get('/libraries?kind=central', { cookie: 'a11y=1' });
      expect(page.body).toContain('<html lang="ru" class="a11y">');
      expect(page.body).toContain('>Обычная версия</a>');
      expect(page.body).toContain('href="/a11y?on=0&amp;back=%2Flibraries%3Fkind%3Dcentral"');

      const off = await get('/a11y?on=0&back=%2Flibraries', { cookie: 'a11y=1' });
      expect(off.statusCode).toBe(303);
      expect(String(off.headers['set-cookie'])).toMatch(/^a11y=;/);
      expect((await get('/libraries')).body).toContain('<html lang="ru" class="regular">');

      const away = await get('/a11y?on=1&back=%2F%2Fevil.example');
      expect(away.headers.location).toBe('/');
    });

    it('speaks Kyrgyz after ?lang=ky and remembers the choice in a cookie', async () => {
      const res = await get('/libraries?lang=ky');
      expect(res.body).toContain('<html lang="ky" class="regular">');
      expect(res.body).toContain('<h1>Айылдык китепканалар</h1>');
      expect(res.text).toContain('Дш–Жм 9:00–18:00, тыныгуу 13:00–14:00; Иш 10:00–15:00; Жк дем алыш');
      expect(res.body).toContain('№ 21 филиал');
      expect(res.body).toContain('Начар көргөндөр үчүн версия');
      expect(String(res.headers['set-cookie'])).toMatch(/^lang=ky;/);

      const next = await get(`/libraries/${ids.branch}`, { cookie: 'lang=ky' });
      expect(next.body).toContain('<html lang="ky" class="regular">');
      expect(next.body).toContain('Дүйшөмбү');
      expect(next.body).toContain('Жайкы лагердеги китепкана пункту, мезгилдүү');
    });

    it('follows Accept-Language when the reader has not chosen, and an explicit choice wins', async () => {
      const english = await get('/', { 'accept-language': 'en-GB,en;q=0.9' });
      expect(english.body).toContain('<html lang="en" class="regular">');
      expect(english.body).toContain('3 branches');
      const chosen = await get('/?lang=ru', { cookie: 'lang=en', 'accept-language': 'en' });
      expect(chosen.body).toContain('<html lang="ru" class="regular">');
    });

    it('serves one small stylesheet, cached for a year, and compresses pages', async () => {
      const body = (await get('/')).body;
      const href = body.match(/<link rel="stylesheet" href="([^"]+)"\/?>/)?.[1];
      expect(href).toMatch(/^\/assets\/portal\.css\?v=[0-9a-f]{12}$/);
      const css = await get(href!);
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toContain('text/css');
      expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(css.body).toContain('html.a11y');
      expect(css.body.length).toBeLessThan(20_000);

      const compressed = await get('/libraries', { 'accept-encoding': 'gzip, deflate, br' });
      expect(compressed.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(compressed.rawPayload).toString('utf8')).toContain(names.branch);
      expect(compressed.headers.vary).toContain('Cookie');
    });
  });

  describe('with several networks', () => {
    it('groups networks by region on the home page and keeps the network in list links', async () => {
      const { db } = ctx.database;
      const [region] = await db
        .insert(regions)
        .values({ name: uniq('Ошская область ') })
        .returning();
      const otherName = uniq('Ошская ЦБС ');
      const other = await buildNetwork(db, { regionId: region!.id, name: otherName });
      const otherBranch = await addLibrary(other.id, { number: 1, name: uniq('Ош филиал ') }, passport());

      const home = (await get('/')).body;
      expect(home).toContain('<h1>Библиотечные системы</h1>');
      expect(home).toContain(`<h2>${region!.name}</h2>`);
      expect(home).toContain(`href="/libraries?network=${other.id}"`);
      expect(home).toContain(names.network);

      const list = (await get(`/libraries?network=${other.id}`)).body;
      expect(list).toContain(otherBranch.name);
      expect(list).not.toContain(names.branch);
      expect(list).toContain(`href="/libraries?network=${other.id}&amp;kind=all"`);

      const all = (await get('/libraries')).body;
      expect(all).toContain(`<h2>${names.network}</h2>`);
      expect(all).toContain(`<h2>${otherName}</h2>`);
    });
  });
});
