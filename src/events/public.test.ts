/**
 * The public side of events: the portal calendar and event page (only public events), schema.org data,
 * the iCalendar feeds, and registration with a capacity that holds under simultaneous visitors.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import { jsonLdOf, visibleText } from '../portal/portal.test-support';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { eventBody, formIdOf } from './events.test-support';
import { eventRegistrations, events } from './events.tables';
import { localToday } from './zoned-time';

function daysFromToday(days: number): string {
  const d = new Date(`${localToday('Asia/Bishkek')}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describeOnEachDatabase('events on the portal', (ctx) => {
  async function setup() {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id, { name: uniq('Филиал Өрнөк ') });
    const other = await buildLibrary(db, network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    const session = await login(ctx.app, librarian.login);
    const http = client(ctx.app, session);
    const formId = await formIdOf(db, network.id);
    const plan = async (overrides: Record<string, unknown> = {}, libraryId = library.id) => {
      const res = await (libraryId === library.id ? http : client(ctx.app, await login(ctx.app, (await buildStaff(db, 'methodologist', 'network', network.id)).login))).post(
        '/api/v1/events',
        eventBody(libraryId, formId, { title: uniq('Вечер «Манас», '), plannedOn: daysFromToday(10), ...overrides }),
      );
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; title: string };
    };
    return { network, library, other, http, session, plan };
  }

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ method: 'GET', url, headers });
  // Each test's visitors come from their own address, so the form's limit per address (20 a minute)
  // counts only that test's sendings.
  let visitors = 0;
  const visitorAddress = () => `10.0.${++visitors}.1`;
  let address = visitorAddress();
  beforeEach(() => {
    address = visitorAddress();
  });
  const register = (id: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    ctx.app.inject({
      method: 'POST',
      url: `/events/${id}/register`,
      remoteAddress: address,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(form).toString(),
    });

  it('the calendar shows public upcoming events of the network, never private ones; past and month views', async () => {
    const { network, library, other, plan, http } = await setup();
    const open = await plan();
    const hidden = await plan({ isPublic: false });
    const elsewhere = await plan({}, other.id);
    const past = await plan({ plannedOn: daysFromToday(-20) });
    await http.put(`/api/v1/events/${past.id}/outcome`, { status: 'held', heldOn: daysFromToday(-20), attendance: { total: 31, children: 30, youth: 0, adults: 0 } });

    const upcoming = await get(`/events?network=${network.id}`);
    expect(upcoming.statusCode).toBe(200);
    const text = visibleText(upcoming.body);
    expect(text).toContain(open.title);
    expect(upcoming.body).toContain(`/events/${open.id}`);
    expect(upcoming.body).toContain(`/events/${elsewhere.id}`);
    expect(upcoming.body).not.toContain(`/events/${hidden.id}`);
    expect(upcoming.body).not.toContain(`/events/${past.id}`);
    expect(upcoming.body).not.toContain('<script src');

    const byLibrary = await get(`/events?library=${library.id}`);
    expect(byLibrary.body).toContain(`/events/${open.id}`);
    expect(byLibrary.body).not.toContain(`/events/${elsewhere.id}`);
    expect(byLibrary.body).toContain(`/libraries/${library.id}/events.ics`);
    // A library's page links here: the calendar opens with the library chosen, and its tabs keep it.
    expect(byLibrary.body).toContain(`<option value="${library.id}" selected>`);
    expect(byLibrary.body).toContain(`href="/events?library=${library.id}&amp;when=past"`);

    const pastPage = await get(`/events?network=${network.id}&when=past`);
    expect(pastPage.body).toContain(`/events/${past.id}`);
    expect(visibleText(pastPage.body)).toContain('Пришло: 31');

    const month = daysFromToday(-20).slice(0, 7);
    const monthPage = await get(`/events?network=${network.id}&month=${month}`);
    expect(monthPage.body).toContain(`/events/${past.id}`);

    expect((await get(`/events/${hidden.id}`)).statusCode).toBe(404);
    expect((await get(`/events/${hidden.id}.ics`)).statusCode).toBe(404);
    expect((await get('/events/not-a-uuid')).statusCode).toBe(404);
  });

  it('an event page carries schema.org Event data with the local time offset', async () => {
    const { plan, library } = await setup();
    const event = await plan({ startTime: '15:00', endTime: '16:30', description: 'Чтение отрывков эпоса.' });
    const page = await get(`/events/${event.id}`);
    expect(page.statusCode).toBe(200);
    const data = jsonLdOf(page.body) as unknown as Record<string, unknown>;
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: event.title,
      startDate: `${daysFromToday(10)}T15:00:00+06:00`,
      endDate: `${daysFromToday(10)}T16:30:00+06:00`,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Library', name: library.name },
    });
    expect(visibleText(page.body)).toContain('Чтение отрывков эпоса.');
  });

  it('the iCalendar feeds list public events with stable UIDs, folded lines and UTC times', async () => {
    const { network, library, plan } = await setup();
    const event = await plan({ title: `Очень длинное название мероприятия, посвящённого Дню государственного языка; ${uniq()}`, startTime: '10:00', endTime: null });
    const hidden = await plan({ isPublic: false });
    const feed = await get(`/events.ics?network=${network.id}`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const body = feed.body;
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain(`UID:event-${event.id}@kitepkana`);
    expect(body).not.toContain(hidden.id);
    expect(body).toContain(`DTSTART:${daysFromToday(10).replaceAll('-', '')}T040000Z`);
    expect(body.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(body.replace(/\r\n /g, '')).toContain('SUMMARY:Очень длинное название мероприятия\\, посвящённого Дню государственного языка\\;');

    const again = await get(`/events.ics?network=${network.id}`);
    expect(again.body.match(/UID:.*\r\n/g)).toEqual(body.match(/UID:.*\r\n/g));
    const perLibrary = await get(`/libraries/${library.id}/events.ics`);
    expect(perLibrary.body).toContain(`UID:event-${event.id}@kitepkana`);
    const single = await get(`/events/${event.id}.ics`);
    expect(single.body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('registration: a clear error without a contact, then registered; full at capacity even when visitors come at once', async () => {
    const { plan, http, session } = await setup();
    const event = await plan({ isRegistrationOpen: true, capacity: 3 });

    const noContact = await register(event.id, { name: 'Айгерим' });
    expect(noContact.statusCode).toBe(422);
    expect(visibleText(noContact.body)).toContain('Укажите телефон или адрес электронной почты.');
    expect(noContact.body).toContain('value="Айгерим"');

    // A staff member signed in on the same browser registers from the portal like anyone else.
    const ok = await register(event.id, { name: 'Айгерим', phone: '+996 555 000 111' }, { cookie: session.cookie });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/events/${event.id}?registered=1#register`);
    expect(visibleText((await get(ok.headers.location as string)).body)).toContain('Вы записаны');

    const attempts = await Promise.all(Array.from({ length: 8 }, (_, i) => register(event.id, { name: `Гость ${i}`, email: `guest${i}@example.kg` })));
    expect(attempts.filter((r) => r.statusCode === 303)).toHaveLength(2);
    expect(attempts.filter((r) => r.statusCode === 409)).toHaveLength(6);
    expect(visibleText(attempts.find((r) => r.statusCode === 409)!.body)).toContain('Все места заняты.');
    const [row] = await ctx.database.db.select().from(events).where(eq(events.id, event.id));
    expect(row?.registeredCount).toBe(3);
    expect(await ctx.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))).toHaveLength(3);

    const list = (await http.get(`/api/v1/events/${event.id}/registrations`)).json() as { items: { id: string; name: string }[]; total: number };
    expect(list.total).toBe(3);
    expect((await http.delete(`/api/v1/events/${event.id}/registrations/${list.items[0]!.id}`)).statusCode).toBe(204);
    expect((await register(event.id, { name: 'Нурлан', phone: '0700 123 456' })).statusCode).toBe(303);

    const shrink = await http.put(`/api/v1/events/${event.id}`, eventBody((row as { libraryId: string }).libraryId, row!.formId, { plannedOn: row!.plannedOn, capacity: 2, isRegistrationOpen: true }));
    expect(shrink.statusCode).toBe(422);
    expect((shrink.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('capacity_below_registered');
    expect((await http.delete(`/api/v1/events/${event.id}`)).statusCode).toBe(409);
  });

  it('a refused form opens at the form: a summary of its errors on top, each linking to its field, and what was typed kept', async () => {
    const { plan } = await setup();
    const event = await plan({ isRegistrationOpen: true });
    const page = await get(`/events/${event.id}`);
    // The browser keeps the fragment of the form's action, so the answer opens scrolled to the form.
    expect(page.body).toContain(`action="/events/${event.id}/register#register"`);
    expect(page.body).toMatch(/<section[^>]* id="register"/);
    expect(page.body).not.toContain('error-summary');

    const refused = await register(event.id, { name: 'Айгерим', phone: 'abc', email: 'нет' });
    expect(refused.statusCode).toBe(422);
    const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(refused.body)?.[1] ?? '';
    expect(visibleText(summary)).toContain('Проверьте введённые данные.');
    expect(summary).toContain('href="#register-phone"');
    expect(summary).toContain('href="#register-email"');
    expect(summary).not.toContain('href="#register-name"');
    expect(refused.body.indexOf('error-summary')).toBeLessThan(refused.body.indexOf('id="register-name"'));
    expect(refused.body).toMatch(/id="register-phone"[^>]*value="abc" aria-invalid="true" aria-describedby="err-phone"/);
    expect(refused.body).toContain('value="Айгерим"');

    const inKyrgyz = await register(event.id, { name: 'Айгерим', phone: 'abc' }, { cookie: 'lang=ky' });
    expect(visibleText(inKyrgyz.body)).toContain('Киргизилген маалыматты текшериңиз.');

    // After a successful registration the confirmation is where the form was.
    const ok = await register(event.id, { name: 'Айгерим', phone: '0555 000 111' });
    expect(ok.headers.location).toBe(`/events/${event.id}?registered=1#register`);
    expect((await get(`/events/${event.id}?registered=1`)).body).toMatch(/<p class="notice ok"[^>]* id="register"/);
  });

  it('a person registers once per event, however the phone or e-mail is written; another name on the same contact is welcome', async () => {
    const { plan } = await setup();
    const event = await plan({ isRegistrationOpen: true, capacity: 10 });
    const other = await plan({ isRegistrationOpen: true });
    const seats = async () => (await ctx.database.db.select().from(events).where(eq(events.id, event.id)))[0]?.registeredCount;

    expect((await register(event.id, { name: 'Бакыт Асанов', phone: '+996 (555) 12-34-56' })).statusCode).toBe(303);
    const again = await register(event.id, { name: ' бакыт  асанов', phone: '996555123456' });
    expect(again.statusCode).toBe(409);
    const text = visibleText(again.body);
    expect(text).toContain('Вы уже записаны на это мероприятие.');
    expect(text).not.toContain('Проверьте введённые данные.');
    expect(again.body).toMatch(/<div class="error-summary" role="alert"[^>]*>\s*<p[^>]*><strong>Вы уже записаны/);
    expect(again.body).toContain('value=" бакыт  асанов"');
    expect(again.body).toContain(`action="/events/${event.id}/register#register"`);
    expect(await seats()).toBe(1);

    const inEnglish = await register(event.id, { name: 'Бакыт Асанов', phone: '996 555 123 456' }, { cookie: 'lang=en' });
    expect(visibleText(inEnglish.body)).toContain('You are already registered for this event.');

    // Sent twice at once (a double tap): one registration, one refusal, one place taken.
    const twice = await Promise.all([0, 1].map(() => register(event.id, { name: 'Айжан', phone: '0700 111 222' })));
    expect(twice.map((r) => r.statusCode).sort()).toEqual([303, 409]);
    expect(await seats()).toBe(2);

    // A second child on a parent's phone, another number, an e-mail without a phone, or another event are all fine.
    expect((await register(event.id, { name: 'Айдай Асанова', phone: '+996 555 123 456' })).statusCode).toBe(303);
    expect((await register(event.id, { name: 'Бакыт Асанов', phone: '0555 123 457' })).statusCode).toBe(303);
    expect((await register(event.id, { name: 'Бакыт Асанов', email: 'bakyt@example.kg' })).statusCode).toBe(303);
    expect((await register(other.id, { name: 'Бакыт Асанов', phone: '+996 555 123 456' })).statusCode).toBe(303);
    expect(await seats()).toBe(5);
    expect(await ctx.database.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, event.id))).toHaveLength(5);
    // By e-mail, the same: the address again under the same name is refused, under another name welcome.
    expect((await register(event.id, { name: 'бакыт асанов', email: 'Bakyt@Example.kg' })).statusCode).toBe(409);
    expect((await register(event.id, { name: 'Айдай Асанова', email: 'bakyt@example.kg' })).statusCode).toBe(303);
    expect(await seats()).toBe(6);
  });

  it('registration is closed for a past, cancelled or private event, and for one without registration', async () => {
    const { plan, http } = await setup();
    const noRegistration = await plan();
    expect((await register(noRegistration.id, { name: 'А', phone: '1' })).statusCode).toBe(409);
    const cancelled = await plan({ isRegistrationOpen: true });
    await http.put(`/api/v1/events/${cancelled.id}/outcome`, { status: 'cancelled', cancelReason: 'Ремонт' });
    const res = await register(cancelled.id, { name: 'А', phone: '1' });
    expect(res.statusCode).toBe(409);
    expect(visibleText(res.body)).toContain('Запись на это мероприятие закрыта.');
    const past = await plan({ isRegistrationOpen: true, plannedOn: daysFromToday(-1) });
    expect((await register(past.id, { name: 'А', phone: '1' })).statusCode).toBe(409);
    const hidden = await plan({ isRegistrationOpen: true, isPublic: false });
    expect((await register(hidden.id, { name: 'А', phone: '1' })).statusCode).toBe(404);
  });
});
