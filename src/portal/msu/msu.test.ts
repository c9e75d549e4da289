/** The officials' portal pages work without JavaScript: log in, ask, read the answer, ask again; forms carry CSRF. */
import { expect, it } from 'vitest';
import type { App } from '../../app/http';
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
