/** Events through the API: planning, recording what happened, validation, search, exports, audit, summary figures. */
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { partners } from '../partners';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { eventBody, formIdOf } from './events.test-support';
import { summarizeEvents } from './events.summary';

interface EventOut {
  id: string;
  status: string;
  title: string;
  startTime: string | null;
  attendanceTotal: number | null;
}

describeOnEachDatabase('events', (ctx) => {
  async function setup(language: 'ru' | 'ky' | 'en' = 'ru') {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const other = await buildLibrary(db, network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', library.id, { language });
    const methodologist = await buildStaff(db, 'methodologist', 'network', network.id, { language });
    const formId = await formIdOf(db, network.id);
    return {
      network,
      library,
      other,
      formId,
      librarian: client(ctx.app, await login(ctx.app, librarian.login)),
      methodologist: client(ctx.app, await login(ctx.app, methodologist.login)),
    };
  }

  it('a librarian plans an event, records it as held with attendance by age, and the audit log has both', async () => {
    const { library, formId, librarian } = await setup();
    const created = await librarian.post('/api/v1/events', eventBody(library.id, formId));
    expect(created.statusCode, created.body).toBe(201);
    const event = created.json() as EventOut;
    expect(event).toMatchObject({ status: 'planned', startTime: '14:00', attendanceTotal: null });

    const held = await librarian.put(`/api/v1/events/${event.id}/outcome`, {
      status: 'held',
      heldOn: '2026-12-12',
      attendance: { total: 40, children: 25, youth: 10, adults: 5 },
      resultNote: 'Прочитали отрывки из «Джамили»',
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({ status: 'held', attendanceTotal: 40, attendanceChildren: 25 });

    const log = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectType, 'event'), eq(auditLog.objectId, event.id)));
    expect(log.map((l) => l.action).sort()).toEqual(['event.create', 'event.held']);
    expect(log.every((l) => l.libraryId === library.id)).toBe(true);
  });

  it('age groups adding up to more than the total are refused with a clear message, in the database too', async () => {
    const { library, formId, librarian } = await setup();
    const event = (await librarian.post('/api/v1/events', eventBody(library.id, formId))).json() as EventOut;
    const res = await librarian.put(`/api/v1/events/${event.id}/outcome`, {
      status: 'held',
      heldOn: '2026-12-12',
      attendance: { total: 10, children: 8, youth: 5, adults: 0 },
    });
    expect(res.statusCode).toBe(422);
    const problem = res.json() as { code: string; errors: { field: string; code: string; message: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([
      {
        field: 'attendance.total',
        code: 'attendance_exceeds_total',
        message: 'Сумма по возрастным группам (до 14, 15–30, старше 30) больше общего числа участников.',
      },
    ]);
    await expect(
      ctx.database.query(`update events set status = 'held', held_on = '2026-12-12', attendance_total = 3, attendance_children = 4 where id = $1`, [event.id]),
    ).rejects.toThrow();
  });

  it('answers validation errors in Kyrgyz and English too', async () => {
    for (const lang of ['ky', 'en'] as const) {
      const { library, formId, librarian } = await setup(lang);
      const res = await librarian.post('/api/v1/events', eventBody(library.id, formId, { title: '', startTime: '15:00', endTime: '14:00' }));
      expect(res.statusCode).toBe(422);
      const errors = (res.json() as { errors: { field: string; message: string }[] }).errors;
      expect(errors.map((e) => e.field).sort()).toEqual(['endTime', 'title']);
      const message = errors.find((e) => e.field === 'endTime')!.message;
      expect(message).toBe(lang === 'ky' ? 'Бүтүү убактысы башталуудан кеч болушу керек.' : 'The end time must be after the start.');
    }
  });

  it("a form of another network, an exhibition that is not one, and a bad press link are refused", async () => {
    const { library, formId, librarian } = await setup();
    const stranger = await buildNetwork(ctx.database.db);
    const foreignForm = await formIdOf(ctx.database.db, stranger.id);
    const wrongForm = await librarian.post('/api/v1/events', eventBody(library.id, foreignForm));
    expect(wrongForm.statusCode).toBe(422);
    expect((wrongForm.json() as { errors: { field: string }[] }).errors[0]?.field).toBe('formId');

    const notExhibition = (await librarian.post('/api/v1/events', eventBody(library.id, formId))).json() as EventOut;
    const bad = await librarian.post('/api/v1/events', eventBody(library.id, formId, { exhibitionIds: [notExhibition.id] }));
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as { errors: { code: string }[] }).errors[0]?.code).toBe('not_exhibition');

    const link = await librarian.post('/api/v1/events', eventBody(library.id, formId, { pressLinks: [{ title: 'Газета', url: 'javascript:alert(1)' }] }));
    expect(link.statusCode).toBe(422);
    expect((link.json() as { errors: { field: string }[] }).errors[0]?.field).toBe('pressLinks.0.url');
  });

  it('links a book exhibition and catalogue records, and shows them on the event', async () => {
    const { network, library, librarian } = await setup();
    const exhibitionForm = await formIdOf(ctx.database.db, network.id, 'exhibition');
    const exhibition = (await librarian.post('/api/v1/events', eventBody(library.id, exhibitionForm, { title: 'Выставка «Мир Айтматова»' }))).json() as EventOut;
    const evening = (
      await librarian.post('/api/v1/events', eventBody(library.id, await formIdOf(ctx.database.db, network.id), { exhibitionIds: [exhibition.id] }))
    ).json() as EventOut;
    const detail = (await librarian.get(`/api/v1/events/${evening.id}`)).json() as { exhibitions: { id: string }[]; permissions: { canEdit: boolean } };
    expect(detail.exhibitions.map((e) => e.id)).toEqual([exhibition.id]);
    expect(detail.permissions.canEdit).toBe(true);
  });

  it('partners of the network co-organise an event; a partner of another network is refused; the list filters by partner', async () => {
    const { network, library, formId, librarian } = await setup();
    const db = ctx.database.db;
    const [school] = await db.insert(partners).values({ networkId: network.id, kind: 'school', name: uniq('Школа им. Токтогула ') }).returning();
    const stranger = await buildNetwork(db);
    const [foreign] = await db.insert(partners).values({ networkId: stranger.id, kind: 'culture_house', name: uniq('ДК ') }).returning();
    const refused = await librarian.post('/api/v1/events', eventBody(library.id, formId, { partnerIds: [foreign!.id] }));
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as { errors: { field: string }[] }).errors[0]?.field).toBe('partnerIds');
    const event = (await librarian.post('/api/v1/events', eventBody(library.id, formId, { partnerIds: [school!.id] }))).json() as EventOut;
    await librarian.post('/api/v1/events', eventBody(library.id, formId));
    const detail = (await librarian.get(`/api/v1/events/${event.id}`)).json() as { partners: { id: string; name: string }[] };
    expect(detail.partners).toEqual([expect.objectContaining({ id: school!.id, name: school!.name })]);
    const listed = (await librarian.get(`/api/v1/events?partnerId=${school!.id}`)).json() as { items: { id: string }[] };
    expect(listed.items.map((i) => i.id)).toEqual([event.id]);
  });

  it('cancels with a reason, and planning again clears it', async () => {
    const { library, formId, librarian } = await setup();
    const event = (await librarian.post('/api/v1/events', eventBody(library.id, formId))).json() as EventOut;
    expect((await librarian.put(`/api/v1/events/${event.id}/outcome`, { status: 'cancelled', cancelReason: '' })).statusCode).toBe(422);
    const cancelled = await librarian.put(`/api/v1/events/${event.id}/outcome`, { status: 'cancelled', cancelReason: 'Карантин' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Карантин' });
    const again = await librarian.put(`/api/v1/events/${event.id}/outcome`, { status: 'planned' });
    expect(again.json()).toMatchObject({ status: 'planned', cancelReason: '' });
  });

  it('the list searches (Kyrgyz letters folded), filters by month and pages; exports XLSX and CSV', async () => {
    const { library, other, formId, methodologist } = await setup();
    const tag = uniq('Өнөр');
    for (let day = 1; day <= 5; day++) {
      const res = await methodologist.post('/api/v1/events', eventBody(day % 2 ? library.id : other.id, formId, { title: `${tag} ${day}`, plannedOn: `2026-03-0${day}` }));
      expect(res.statusCode, res.body).toBe(201);
    }
    await methodologist.post('/api/v1/events', eventBody(library.id, formId, { title: `${tag} апрель`, plannedOn: '2026-04-02' }));
    const folded = tag.replace('Ө', 'о').replace('ө', 'о').toLowerCase();
    const page = (await methodologist.get(`/api/v1/events?q=${encodeURIComponent(folded)}&from=2026-03-01&to=2026-03-31&pageSize=2&page=2`)).json() as {
      items: EventOut[];
      total: number;
    };
    expect(page.total).toBe(5);
    expect(page.items.map((i) => i.title)).toEqual([`${tag} 3`, `${tag} 4`]);

    const xlsx = await methodologist.get(`/api/v1/events.xlsx?q=${encodeURIComponent(tag)}`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(1).getCell(4).value).toBe('Название');

    const csv = await methodologist.get(`/api/v1/events.csv?q=${encodeURIComponent(tag)}&libraryId=${library.id}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(`${tag} 1`);
  });

  it('the summary counts held events and attendance by age group for the libraries and period asked', async () => {
    const { library, other, formId, methodologist } = await setup();
    const db = ctx.database.db;
    const plan = async (libraryId: string, plannedOn: string) =>
      ((await methodologist.post('/api/v1/events', eventBody(libraryId, formId, { plannedOn }))).json() as EventOut).id;
    const held = async (id: string, heldOn: string, total: number, children: number, youth: number, adults: number) => {
      const res = await methodologist.put(`/api/v1/events/${id}/outcome`, { status: 'held', heldOn, attendance: { total, children, youth, adults } });
      expect(res.statusCode, res.body).toBe(200);
    };
    await held(await plan(library.id, '2026-02-01'), '2026-02-01', 30, 20, 5, 5);
    await held(await plan(library.id, '2026-02-10'), '2026-02-11', 12, 0, 2, 8);
    await held(await plan(other.id, '2026-02-15'), '2026-02-15', 50, 10, 10, 10);
    await held(await plan(library.id, '2026-03-05'), '2026-03-05', 99, 0, 0, 0);
    await plan(library.id, '2026-02-20');
    const cancelled = await plan(library.id, '2026-02-21');
    await methodologist.put(`/api/v1/events/${cancelled}/outcome`, { status: 'cancelled', cancelReason: 'Снег' });

    const one = await summarizeEvents(db, { libraryIds: [library.id], from: '2026-02-01', to: '2026-02-28' });
    expect(one).toMatchObject({ held: 2, planned: 1, cancelled: 1, attendance: { total: 42, children: 20, youth: 7, adults: 13 } });
    expect(one.byPlace.in_library).toEqual({ held: 2, attendance: 42 });
    const both = await summarizeEvents(db, { libraryIds: [library.id, other.id], from: '2026-02-01', to: '2026-02-28' });
    expect(both.attendance).toEqual({ total: 92, children: 30, youth: 17, adults: 23 });
    expect(both.byLibrary.find((l) => l.libraryId === other.id)?.held).toBe(1);
    expect(await summarizeEvents(db, { libraryIds: [], from: '2026-01-01', to: '2026-12-31' })).toMatchObject({ held: 0 });

    const viaApi = (await methodologist.get(`/api/v1/events/summary?libraryId=${library.id}&from=2026-02-01&to=2026-02-28`)).json();
    expect(viaApi).toMatchObject({ held: 2, attendance: { total: 42 } });
  });

  it('the network gets default forms and memorable dates; suggestions fall in the month asked; themes are per year', async () => {
    const { network, methodologist } = await setup();
    const forms = (await methodologist.get(`/api/v1/networks/${network.id}/event-forms`)).json() as { code: string; nameKy: string }[];
    expect(forms.map((f) => f.code)).toEqual(expect.arrayContaining(['literary_evening', 'quiz', 'exhibition', 'library_lesson']));
    const added = await methodologist.post(`/api/v1/networks/${network.id}/event-forms`, { nameRu: 'Квест', nameKy: 'Квест' });
    expect(added.statusCode).toBe(201);

    const theme = await methodologist.post(`/api/v1/networks/${network.id}/memorable-dates`, { kind: 'theme', title: 'Год чтения', year: 2026 });
    expect(theme.statusCode, theme.body).toBe(201);
    const noDay = await methodologist.post(`/api/v1/networks/${network.id}/memorable-dates`, { kind: 'date', title: 'Без дня', month: 2 });
    expect(noDay.statusCode).toBe(422);
    expect((noDay.json() as { errors: { field: string; message: string }[] }).errors).toEqual([{ field: 'day', code: 'required', message: 'Обязательное поле.' }]);

    const march = (await methodologist.get(`/api/v1/networks/${network.id}/event-suggestions?year=2026&month=3`)).json() as { title: string; date: string | null }[];
    expect(march).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Нооруз', date: '2026-03-21' }),
        expect.objectContaining({ title: 'Неделя детской книги', date: '2026-03-24' }),
        expect.objectContaining({ title: 'Год чтения', date: null }),
      ]),
    );
    expect(march.some((s) => s.title === 'День Победы')).toBe(false);
    const nextYear = (await methodologist.get(`/api/v1/networks/${network.id}/event-suggestions?year=2027&month=5`)).json() as { title: string }[];
    expect(nextYear.map((s) => s.title)).toContain('День Победы');
    expect(nextYear.map((s) => s.title)).not.toContain('Год чтения');
  });

  it("an event entered by mistake is deleted, with the audit log keeping it", async () => {
    const { library, formId, librarian } = await setup();
    const plain = (await librarian.post('/api/v1/events', eventBody(library.id, formId))).json() as EventOut;
    expect((await librarian.delete(`/api/v1/events/${plain.id}`)).statusCode).toBe(204);
    expect((await librarian.get(`/api/v1/events/${plain.id}`)).statusCode).toBe(404);
    const [entry] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, plain.id), eq(auditLog.action, 'event.delete')));
    expect(entry?.before).toMatchObject({ title: plain.title });
  });
});
