/** The life of a reference request: asked, assigned, answered with sources, asked again, closed; deadlines and statistics. */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { describeOnEachDatabase } from '../test/harness';
import { buildNetwork, uniq } from '../test/factories';
import { addWorkingDays, dueDateFor, isOverdue } from './deadlines';
import { municipalRequests } from './municipal.tables';
import { buildMunicipalNetwork, catalogueRecord } from './municipal.test-support';
import { networkToday } from './requests.service';

/** YYYY-MM-DD `days` days from `day`. */
function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface RequestBody {
  id: string;
  number: number;
  status: string;
  dueOn: string;
  assigneeId: string | null;
}

it('deadlines: three working days unless a date is wanted; only open requests are overdue', () => {
  expect(addWorkingDays(new Date('2026-12-04T10:00:00Z'), 3)).toBe('2026-12-09'); // Friday → Wednesday
  expect(dueDateFor(new Date('2026-12-07T10:00:00Z'), null)).toBe('2026-12-10');
  expect(dueDateFor(new Date('2026-12-07T10:00:00Z'), '2026-12-20')).toBe('2026-12-20');
  expect(isOverdue({ status: 'in_progress', dueOn: '2026-12-01' }, '2026-12-02')).toBe(true);
  expect(isOverdue({ status: 'answered', dueOn: '2026-12-01' }, '2026-12-02')).toBe(false);
  expect(isOverdue({ status: 'new', dueOn: '2026-12-02' }, '2026-12-02')).toBe(false);
});

describeOnEachDatabase('municipal requests', (ctx) => {
  it('an official asks, a librarian answers with sources, the official asks again and closes', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const recordId = await catalogueRecord(net, `Закон о пастбищах ${uniq()}`, ['Пастбища']);
    const topic = `Новый закон о пастбищах ${uniq()}`;

    const wantedBy = shiftDay(await networkToday(ctx.database.db, net.network.id), 30);
    const asked = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic, text: 'Нужен текст закона и комментарии.', wantedBy });
    expect(asked.statusCode, asked.body).toBe(201);
    const request = asked.json() as RequestBody & { municipalityId: string; channel: string };
    expect(request).toMatchObject({ status: 'new', dueOn: wantedBy, municipalityId: net.muni.id, channel: 'portal' });

    const list = (await net.http.bibliographer.get(`/api/v1/municipal/requests?q=${encodeURIComponent(topic)}`)).json() as { items: RequestBody[]; total: number };
    expect(list.total).toBe(1);

    const assignees = (await net.http.director.get(`/api/v1/municipal/requests/${request.id}/assignees`)).json() as { id: string }[];
    expect(assignees.map((a) => a.id)).toContain(net.bibliographer.id);
    const assigned = await net.http.director.put(`/api/v1/municipal/requests/${request.id}/assignment`, { assigneeId: net.bibliographer.id });
    expect(assigned.json()).toMatchObject({ status: 'in_progress', assigneeId: net.bibliographer.id });

    const answer = await net.http.bibliographer.post(`/api/v1/municipal/requests/${request.id}/answers`, {
      body: 'Закон опубликован; в фонде есть сборник с комментариями.',
      sources: [
        { kind: 'record', recordId },
        { kind: 'url', url: 'https://cbd.minjust.gov.kg/', title: 'Централизованный банк данных правовой информации' },
      ],
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect(answer.json()).toMatchObject({ status: 'answered' });

    const seen = (await net.http.official.get(`/api/v1/municipal/requests/${request.id}`)).json() as {
      messages: { kind: string; sources: { kind: string; title?: string }[] }[];
      permissions: { canHandle: boolean; canFollowUp: boolean };
    };
    expect(seen.messages.map((m) => m.kind)).toEqual(['question', 'answer']);
    expect(seen.messages[1]!.sources[0]).toMatchObject({ kind: 'record', title: expect.stringContaining('Закон о пастбищах') });
    expect(seen.permissions).toEqual({ canHandle: false, canFollowUp: true });

    const again = await net.http.official.post(`/api/v1/municipal/requests/${request.id}/follow-ups`, { body: 'А есть ли текст на кыргызском?' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ status: 'in_progress' });
    await net.http.bibliographer.post(`/api/v1/municipal/requests/${request.id}/answers`, { body: 'Да, в том же сборнике.' });
    const closed = await net.http.official.post(`/api/v1/municipal/requests/${request.id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed' });
    const afterClose = await net.http.bibliographer.post(`/api/v1/municipal/requests/${request.id}/answers`, { body: 'Ещё.' });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json()).toMatchObject({ code: 'request_closed' });

    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, request.id));
    expect(audit.map((a) => a.action).sort()).toEqual([
      'municipal_request.answer',
      'municipal_request.answer',
      'municipal_request.assign',
      'municipal_request.close',
      'municipal_request.create',
      'municipal_request.follow_up',
    ]);
  });

  it('staff record a phone request; overdue requests are listed and counted; statistics by municipality and type', async () => {
    const db = ctx.database.db;
    const net = await buildMunicipalNetwork(db, ctx.app);
    const phoned = await net.http.bibliographer.post('/api/v1/municipal/requests', {
      municipalityId: net.otherMuni.id,
      channel: 'phone',
      type: 'thematic',
      topic: 'Местное самоуправление: бюджет айыл окмоту',
      requesterName: 'Мамбеталиев К. М.',
      requesterPosition: 'Глава айыл окмоту',
    });
    expect(phoned.statusCode, phoned.body).toBe(201);
    const late = phoned.json() as RequestBody;
    // Received ten days ago with the usual three working days: overdue now.
    const tenDaysAgo = new Date(Date.now() - 10 * 86400_000);
    await db.update(municipalRequests).set({ receivedAt: tenDaysAgo, dueOn: addWorkingDays(tenDaysAgo, 3) }).where(eq(municipalRequests.id, late.id));

    const quick = (await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'address', topic: 'Где взять журнал «Местное самоуправление»?' })).json() as RequestBody;
    await net.http.bibliographer.post(`/api/v1/municipal/requests/${quick.id}/answers`, { body: 'В центральной библиотеке, подшивка за год.' });

    const overdue = (await net.http.director.get('/api/v1/municipal/requests?isOverdue=true')).json() as { items: (RequestBody & { isOverdue: boolean })[] };
    expect(overdue.items.map((r) => r.id)).toContain(late.id);
    expect(overdue.items.every((r) => r.isOverdue)).toBe(true);
    expect(overdue.items.map((r) => r.id)).not.toContain(quick.id);

    const stats = (await net.http.director.get('/api/v1/municipal/statistics')).json() as {
      total: { total: number; answered: number; overdue: number };
      byMunicipality: { municipalityId: string; total: number; answered: number; overdue: number; avgHoursToAnswer: number | null }[];
      byType: { type: string; total: number }[];
    };
    const mine = stats.byMunicipality.filter((m) => m.municipalityId === net.muni.id || m.municipalityId === net.otherMuni.id);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ municipalityId: net.otherMuni.id, total: 1, answered: 0, overdue: 1 }),
        expect.objectContaining({ municipalityId: net.muni.id, total: 1, answered: 1, overdue: 0 }),
      ]),
    );
    expect(mine.find((m) => m.municipalityId === net.muni.id)!.avgHoursToAnswer).toBeGreaterThanOrEqual(0);
    expect(stats.byType.find((t) => t.type === 'thematic')?.total).toBeGreaterThanOrEqual(1);

    const xlsx = await net.http.director.get('/api/v1/municipal/requests.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses bad input with clear errors: no topic, unknown type, a source that does not exist', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app, 'ru');
    const noTopic = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', text: 'Что-то' });
    expect(noTopic.statusCode).toBe(422);
    expect(noTopic.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'topic', code: 'required', message: 'Обязательное поле.' }] });
    const blank = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: '   ' });
    expect(blank.json()).toMatchObject({ errors: [{ field: 'topic', code: 'required' }] });
    const badType = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'gossip', topic: 'x' });
    expect(badType.json()).toMatchObject({ errors: [{ field: 'type' }] });
    const badDate = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'x', wantedBy: '15.01.2030' });
    expect(badDate.json()).toMatchObject({ errors: [{ field: 'wantedBy', message: 'Дата в формате ГГГГ-ММ-ДД.' }] });

    const r = (await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'Тест' })).json() as RequestBody;
    const ghost = await net.http.bibliographer.post(`/api/v1/municipal/requests/${r.id}/answers`, {
      body: 'См.',
      sources: [{ kind: 'record', recordId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(ghost.statusCode).toBe(422);
    expect(ghost.json()).toMatchObject({ errors: [{ field: 'sources.0.recordId', message: 'Такой записи в каталоге нет.' }] });
    const badUrl = await net.http.bibliographer.post(`/api/v1/municipal/requests/${r.id}/answers`, {
      body: 'См.',
      sources: [{ kind: 'url', url: 'javascript:alert(1)' }],
    });
    expect(badUrl.statusCode).toBe(422);
    const noFile = await net.http.bibliographer.post(`/api/v1/municipal/requests/${r.id}/answers`, {
      body: 'См.',
      sources: [{ kind: 'file', sha256: 'a'.repeat(64), name: 'x.pdf' }],
    });
    expect(noFile.json()).toMatchObject({ errors: [{ field: 'sources.0.sha256' }] });
  });

  it('a needed-by date that has passed is refused, whether the official asks or staff record the request; today is fine', async () => {
    const db = ctx.database.db;
    const net = await buildMunicipalNetwork(db, ctx.app, 'ru');
    const today = await networkToday(db, net.network.id);
    const pastDates = ['2020-01-01', shiftDay(today, -1)];
    for (const wantedBy of pastDates) {
      const asked = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'Старый срок', wantedBy });
      expect(asked.statusCode, wantedBy).toBe(422);
      expect(asked.json()).toMatchObject({
        code: 'validation_failed',
        errors: [{ field: 'wantedBy', code: 'date_past', message: 'Эта дата уже прошла: укажите сегодняшний день или позже.' }],
      });
      const recorded = await net.http.bibliographer.post('/api/v1/municipal/requests', {
        municipalityId: net.muni.id,
        channel: 'phone',
        type: 'factual',
        topic: 'Старый срок',
        requesterName: 'Асанов Б.',
        wantedBy,
      });
      expect(recorded.statusCode, wantedBy).toBe(422);
      expect(recorded.json()).toMatchObject({ errors: [{ field: 'wantedBy', code: 'date_past' }] });
    }
    const refused = await db.select().from(municipalRequests).where(eq(municipalRequests.municipalityId, net.muni.id));
    expect(refused).toEqual([]);

    const dueToday = await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'К сессии сегодня', wantedBy: today });
    expect(dueToday.statusCode, dueToday.body).toBe(201);
    expect(dueToday.json()).toMatchObject({ dueOn: today, status: 'new' });
    // Nor can the director move the due date into the past when assigning the request; today is fine.
    const id = (dueToday.json() as { id: string }).id;
    const moved = await net.http.director.put(`/api/v1/municipal/requests/${id}/assignment`, { assigneeId: net.bibliographer.id, dueOn: '2020-01-01' });
    expect(moved.statusCode).toBe(422);
    expect(moved.json()).toMatchObject({ errors: [{ field: 'dueOn', code: 'date_past' }] });
    const kept = await net.http.director.put(`/api/v1/municipal/requests/${id}/assignment`, { assigneeId: net.bibliographer.id, dueOn: today });
    expect(kept.json()).toMatchObject({ dueOn: today, status: 'in_progress' });
    // A request already overdue is handed to someone else with the date it has (the staff form sends it).
    await db.update(municipalRequests).set({ dueOn: '2026-01-15' }).where(eq(municipalRequests.id, id));
    const handedOver = await net.http.director.put(`/api/v1/municipal/requests/${id}/assignment`, { assigneeId: null, dueOn: '2026-01-15' });
    expect(handedOver.statusCode, handedOver.body).toBe(200);
    await db.update(municipalRequests).set({ dueOn: today }).where(eq(municipalRequests.id, id));
    const listed = (await net.http.official.get(`/api/v1/municipal/requests?q=${encodeURIComponent('К сессии сегодня')}`)).json() as { items: { isOverdue: boolean }[] };
    expect(listed.items).toMatchObject([{ isOverdue: false }]);
  });

  it("today is counted on the network's calendar: Bishkek for Kyrgyzstan, Moscow for Russia", async () => {
    const db = ctx.database.db;
    const kg = await buildNetwork(db, { country: 'KG' });
    const ru = await buildNetwork(db, { country: 'RU' });
    // 20:00 UTC on 20 March is 02:00 on 21 March in Bishkek (UTC+6) and 23:00 on 20 March in Moscow (UTC+3).
    const evening = new Date('2026-03-20T20:00:00Z');
    expect(await networkToday(db, kg.id, evening)).toBe('2026-03-21');
    expect(await networkToday(db, ru.id, evening)).toBe('2026-03-20');
  });

  it('an answer cites an uploaded file, which the official downloads; others cannot', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const r = (await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'Решение сессии кенеша' })).json() as RequestBody;
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/municipal/files?name=${encodeURIComponent('Решение.pdf')}`,
      headers: { cookie: net.sessions.bibliographer.cookie, 'x-csrf-token': net.sessions.bibliographer.csrf, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('%PDF-1.4 test'),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const file = upload.json() as { sha256: string; name: string };
    await net.http.bibliographer.post(`/api/v1/municipal/requests/${r.id}/answers`, { body: 'Прилагаем.', sources: [{ kind: 'file', sha256: file.sha256, name: file.name }] });
    const got = await net.http.official.get(`/api/v1/municipal/requests/${r.id}/files/${file.sha256}`);
    expect(got.statusCode).toBe(200);
    expect(got.body).toBe('%PDF-1.4 test');
    expect((await net.http.otherOfficial.get(`/api/v1/municipal/requests/${r.id}/files/${file.sha256}`)).statusCode).toBe(403);
  });
});

