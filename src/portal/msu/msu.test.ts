/** The officials' portal pages work without JavaScript: log in, ask, read the answer, ask again; forms carry CSRF. */
import { expect, it } from 'vitest';
import type { App } from '../../app/http';
import { networkToday } from '../../municipal';
import { buildMunicipalNetwork } from '../../municipal/municipal.test-support';
import { TEST_PASSWORD } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';

/** Logs in through the portal form; returns the cookie and the CSRF token read from the page. */
async function portalLogin(app: App, login: string) {
  const res = await form(app, '', '/msu/login', { login, password: TEST_PASSWORD });
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/msu');
  const cookie = `kp_session=${res.cookies.find((c) => c.name === 'kp_session')!.value}`;
  const home = await app.inject({ method: 'GET', url: '/msu', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
  return { cookie, csrf, home };
}

function form(app: App, cookie: string, url: string, fields: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  });
}

describeOnEachDatabase('portal: the municipal information centre for officials', (ctx) => {
  it('an official logs in, sends a request, reads the answer with sources and asks again', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/msu' });
    expect(anonymous.body).toContain('name="password"');
    const wrong = await form(ctx.app, '', '/msu/login', { login: net.official.login, password: 'nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('Неверный логин или пароль.');

    const { cookie, csrf, home } = await portalLogin(ctx.app, net.official.login);
    expect(home.body).toContain(net.muni.name);

    const noTopic = await form(ctx.app, cookie, '/msu/requests', { _csrf: csrf, type: 'factual', topic: ' ', text: 'Текст' });
    expect(noTopic.statusCode).toBe(422);
    expect(noTopic.body).toContain('Обязательное поле.');
    expect(noTopic.body).toContain('Текст');

    const noCsrf = await form(ctx.app, cookie, '/msu/requests', { type: 'factual', topic: 'Закон о пастбищах' });
    expect(noCsrf.statusCode).toBe(403);

    const sent = await form(ctx.app, cookie, '/msu/requests', { _csrf: csrf, type: 'factual', topic: 'Закон о пастбищах', text: 'Нужен действующий текст.', wantedBy: '' });
    expect(sent.statusCode).toBe(303);
    const url = sent.headers.location as string;
    const id = url.split('/').pop()!;
    await net.http.bibliographer.post(`/api/v1/municipal/requests/${id}/answers`, {
      body: 'Текст закона в Централизованном банке данных.',
      sources: [{ kind: 'url', url: 'https://cbd.minjust.gov.kg/', title: 'ЦБД правовой информации' }],
    });
    const page = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(page.body).toContain('Текст закона в Централизованном банке данных.');
    expect(page.body).toContain('href="https://cbd.minjust.gov.kg/"');
    expect(page.body).toContain('Отвечен');

    const again = await form(ctx.app, cookie, `${url}/follow-up`, { _csrf: csrf, body: 'А на кыргызском?' });
    expect(again.statusCode).toBe(303);
    expect((await ctx.app.inject({ method: 'GET', url, headers: { cookie } })).body).toContain('А на кыргызском?');

    // Another municipality's official does not see it.
    const otherLogin = (await net.http.otherOfficial.get('/api/v1/session')).json<{ user: { login: string } }>().user.login;
    const { cookie: otherCookie } = await portalLogin(ctx.app, otherLogin);
    const hidden = await ctx.app.inject({ method: 'GET', url, headers: { cookie: otherCookie } });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).not.toContain('Закон о пастбищах');
  });

  it('topics: subscribe with a clear error when the words are missing, then unsubscribe', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const { cookie, csrf } = await portalLogin(ctx.app, net.official.login);
    const empty = await form(ctx.app, cookie, '/msu/subscriptions', { _csrf: csrf, topic: 'Пастбища', q: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Укажите слова для поиска, тему или автора.');
    const ok = await form(ctx.app, cookie, '/msu/subscriptions', { _csrf: csrf, topic: 'Пастбища', q: 'пастбища', frequency: 'weekly', isEmailed: '1' });
    expect(ok.statusCode).toBe(303);
    const list = await ctx.app.inject({ method: 'GET', url: '/msu/subscriptions', headers: { cookie } });
    const subId = /\/msu\/subscriptions\/([0-9a-f-]+)\/delete/.exec(list.body)![1]!;
    await form(ctx.app, cookie, `/msu/subscriptions/${subId}/delete`, { _csrf: csrf });
    expect((await ctx.app.inject({ method: 'GET', url: '/msu/subscriptions', headers: { cookie } })).body).not.toContain(subId);
  });
});

/** YYYY-MM-DD `days` days from `day`. */
function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describeOnEachDatabase('portal: officials’ requests, login and finding the pages', (ctx) => {
  it('a needed-by date that has passed is refused at the field, in the page’s language, and nothing typed is lost', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const { cookie, csrf } = await portalLogin(ctx.app, net.official.login);
    const today = await networkToday(ctx.database.db, net.network.id);
    const blank = await ctx.app.inject({ method: 'GET', url: '/msu/requests/new', headers: { cookie } });
    expect(blank.body).toContain(`min="${today}"`);

    const typed = { _csrf: csrf, type: 'thematic', topic: 'Бюджет айыл окмоту', text: 'Нужна литература к сессии.' };
    for (const wantedBy of ['2020-01-01', '01.01.2020', shiftDay(today, -1)]) {
      const past = await form(ctx.app, cookie, '/msu/requests', { ...typed, wantedBy });
      expect(past.statusCode, wantedBy).toBe(422);
      expect(past.body).toMatch(/<span class="field-error" id="wantedBy-error" role="alert">Эта дата уже прошла: укажите сегодняшний день или позже.<\/span>/);
      expect(past.body).toMatch(/id="wantedBy"[^>]*aria-invalid="true"/);
      expect(past.body).toContain(`value="${wantedBy}"`);
      expect(past.body).toContain('value="Бюджет айыл окмоту"');
      expect(past.body).toContain('Нужна литература к сессии.</textarea>');
      expect(past.body).toContain('<option value="thematic" selected>');
    }
    const kyrgyz = await form(ctx.app, `${cookie}; lang=ky`, '/msu/requests', { ...typed, wantedBy: '2020-01-01' });
    expect(kyrgyz.statusCode).toBe(422);
    expect(kyrgyz.body).toContain('Бул күн өтүп кетти: бүгүнкү же андан кийинки күндү көрсөтүңүз.');
    const english = await form(ctx.app, `${cookie}; lang=en`, '/msu/requests', { ...typed, wantedBy: '2020-01-01' });
    expect(english.body).toContain('That date has passed: choose today or a later day.');
    expect((await ctx.app.inject({ method: 'GET', url: '/msu', headers: { cookie } })).body).toContain('Запросов пока нет.');

    const dueToday = await form(ctx.app, cookie, '/msu/requests', { ...typed, wantedBy: today });
    expect(dueToday.statusCode, dueToday.body).toBe(303);
    const shown = await ctx.app.inject({ method: 'GET', url: dueToday.headers.location as string, headers: { cookie } });
    expect(shown.body).toContain('Новый');
    expect(shown.body).not.toContain('срок прошёл');

    // Typed the way dates are written in the region, in a browser without a date picker.
    const [y, m, d] = shiftDay(today, 10).split('-');
    const written = await form(ctx.app, cookie, '/msu/requests', { ...typed, topic: 'Через десять дней', wantedBy: `${d}.${m}.${y}` });
    expect(written.statusCode, written.body).toBe(303);
    const later = await ctx.app.inject({ method: 'GET', url: written.headers.location as string, headers: { cookie } });
    expect(later.body).toContain(`<dd>${d}.${m}.${y}</dd>`);
  });

  it('an official who opens a page while logged out is brought back to it after logging in; never to another site', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const asked = await ctx.app.inject({ method: 'GET', url: '/msu/requests/new' });
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('name="password"');
    expect(asked.body).toContain('<input type="hidden" name="next" value="/msu/requests/new" />');

    const wrong = await form(ctx.app, '', '/msu/login', { login: net.official.login, password: 'nope-nope', next: '/msu/requests/new' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('name="next" value="/msu/requests/new"');

    const back = await form(ctx.app, '', '/msu/login', { login: net.official.login, password: TEST_PASSWORD, next: '/msu/requests/new' });
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/msu/requests/new');
    const cookie = `kp_session=${back.cookies.find((c) => c.name === 'kp_session')!.value}`;
    const opened = await ctx.app.inject({ method: 'GET', url: '/msu/requests/new', headers: { cookie } });
    expect(opened.body).toContain('name="wantedBy"');

    const withQuery = await form(ctx.app, '', '/msu/login', { login: net.official.login, password: TEST_PASSWORD, next: '/msu?page=2' });
    expect(withQuery.headers.location).toBe('/msu?page=2');

    const elsewhere = [
      '//evil.example/msu',
      'https://evil.example/msu',
      '/\\evil.example/msu',
      '/\t/evil.example/msu',
      '/msu/../staff',
      '/catalog',
      '/msuevil',
      'javascript:alert(1)',
      '/msu/logout',
    ];
    for (const next of elsewhere) {
      const res = await form(ctx.app, '', '/msu/login', { login: net.official.login, password: TEST_PASSWORD, next });
      expect(res.statusCode, next).toBe(303);
      expect(res.headers.location, next).toBe('/msu');
    }
  });

  it('every portal page links officials to their pages, in Russian, Kyrgyz and English', async () => {
    const expected = {
      ru: 'Для органов местного самоуправления',
      ky: 'Жергиликтүү өз алдынча башкаруу органдары үчүн',
      en: 'For local government officials',
    };
    for (const [lang, label] of Object.entries(expected)) {
      for (const url of [`/?lang=${lang}`, `/catalog?lang=${lang}`]) {
        const res = await ctx.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toMatch(new RegExp(`<footer[\\s\\S]*<a href="/msu">${label}</a>[\\s\\S]*</footer>`));
      }
    }
  });

  it('the list of requests fits a phone: a frame that scrolls sideways, each row labelled to show as a card', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const { cookie, csrf } = await portalLogin(ctx.app, net.official.login);
    await form(ctx.app, cookie, '/msu/requests', { _csrf: csrf, type: 'factual', topic: 'Закон о местном самоуправлении' });
    const home = await ctx.app.inject({ method: 'GET', url: '/msu', headers: { cookie } });
    expect(home.body).toMatch(/<div class="msu-table-scroll" role="region" aria-label="Мои запросы" tabindex="0">\s*<table class="msu-table msu-requests">/);
    expect(home.body).toContain('data-label="Срок"');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(home.body)![1]!;
    const css = (await ctx.app.inject({ method: 'GET', url: stylesheet })).body;
    expect(css).toMatch(/\.msu-table-scroll \{[^}]*overflow-x: auto;/);
    expect(css).toMatch(/@media \(max-width: 37\.5rem\) \{\s*\.msu-requests,/);
  });
});
