/** Passports: saved per year with history, audited in the same transaction, validated field by field. */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { buildLibrary, buildNetwork, buildPassport, buildStaff, client, login, passportData } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { libraryPassports } from './network.tables';

describeOnEachDatabase('library passport', (ctx) => {
  async function setup() {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const branch = await buildLibrary(db, network.id, { number: 21, name: 'Филиал № 21', settlement: 'с. Подгорное' });
    const methodologist = await buildStaff(db, 'methodologist', 'network', network.id);
    return { network, branch, http: client(ctx.app, await login(ctx.app, methodologist.login)), methodologist };
  }

  it('saves this year without touching last year, and both years can be viewed', async () => {
    const { branch, http } = await setup();
    await buildPassport(ctx.database.db, branch.id, 2025, passportData({ seats: 10, phone: '+996 555 000 111' }));

    const fresh = (await http.get(`/api/v1/libraries/${branch.id}/passports/2026`)).json() as { isSaved: boolean; data: { seats: number } };
    expect(fresh.isSaved).toBe(false);
    expect(fresh.data.seats).toBe(10); // a new year starts from the latest passport

    const saved = await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, passportData({ seats: 24 }));
    expect(saved.statusCode).toBe(200);
    expect((await http.get(`/api/v1/libraries/${branch.id}/passports/2025`)).json()).toMatchObject({ year: 2025, isSaved: true, data: { seats: 10 } });
    expect((await http.get(`/api/v1/libraries/${branch.id}/passports/2026`)).json()).toMatchObject({ year: 2026, isSaved: true, data: { seats: 24 } });
    const years = (await http.get(`/api/v1/libraries/${branch.id}/passports`)).json() as { year: number }[];
    expect(years.map((y) => y.year)).toEqual([2026, 2025]);
    expect((await http.get(`/api/v1/libraries/${branch.id}`)).json()).toMatchObject({ passportYear: 2026 });
  });

  it('writes who changed what into the audit log', async () => {
    const { branch, http, methodologist } = await setup();
    await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, passportData({ seats: 5 }));
    await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, passportData({ seats: 7 }));
    const entries = await ctx.database.db.select().from(auditLog).where(eq(auditLog.libraryId, branch.id));
    expect(entries.map((e) => e.action).sort()).toEqual(['passport.create', 'passport.update']);
    const update = entries.find((e) => e.action === 'passport.update')!;
    expect(update.actorId).toBe(methodologist.id);
    expect((update.before as { seats: number }).seats).toBe(5);
    expect((update.after as { seats: number }).seats).toBe(7);

    const log = (await http.get(`/api/v1/audit?libraryId=${branch.id}&objectType=library_passport`)).json() as { items: { action: string }[]; total: number };
    expect(log.total).toBe(2);
    expect(log.items[0]!.action).toBe('passport.update');
  });

  it('rejects invalid values with 422 naming each field in the user language, and saves nothing', async () => {
    const { branch, http } = await setup();
    const bad = passportData();
    const invalid = {
      ...bad,
      email: 'not-an-email',
      seats: -3,
      building: { ...bad.building, totalArea: 50, storageArea: 40, serviceArea: 30 },
      computers: { forUsers: 1, withInternet: 3 },
      hours: { ...bad.hours, mon: { open: '18:00', close: '09:00', breakFrom: null, breakTo: null } },
    };
    const res = await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, invalid);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as { code: string; title: string; errors: { field: string; message: string }[] };
    expect(body.code).toBe('validation_failed');
    expect(body.title).toBe('Проверьте введённые данные.');
    const byField = Object.fromEntries(body.errors.map((e) => [e.field, e.message]));
    expect(byField).toMatchObject({
      email: 'Неверный адрес электронной почты.',
      seats: 'Значение меньше допустимого (0).',
      'building.serviceArea': 'Площади хранения и обслуживания больше общей площади.',
      'computers.withInternet': 'Компьютеров с Интернетом больше, чем компьютеров для пользователей.',
      'hours.mon.close': 'Время закрытия должно быть позже открытия.',
    });
    const rows = await ctx.database.db.select().from(libraryPassports).where(eq(libraryPassports.libraryId, branch.id));
    expect(rows).toHaveLength(0);
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.libraryId, branch.id));
    expect(audit).toHaveLength(0);
  });

  it('answers validation errors in English and Kyrgyz too', async () => {
    const { branch, http } = await setup();
    await http.put('/api/v1/session/language', { language: 'en' });
    const en = await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, { ...passportData(), phone: 'call me' });
    expect(en.json()).toMatchObject({ title: 'Please check the data you entered.', errors: [{ field: 'phone' }] });
    await http.put('/api/v1/session/language', { language: 'ky' });
    const ky = await http.put(`/api/v1/libraries/${branch.id}/passports/2026`, { ...passportData(), unknownField: 1 });
    expect(ky.json()).toMatchObject({ title: 'Киргизилген маалыматты текшериңиз.', errors: [{ field: 'unknownField', message: 'Белгисиз талаа.' }] });
  });

  it('rejects a year out of range and an unknown library', async () => {
    const { branch, http } = await setup();
    expect((await http.get(`/api/v1/libraries/${branch.id}/passports/1700`)).statusCode).toBe(422);
    expect((await http.get('/api/v1/libraries/00000000-0000-4000-8000-000000000000/passports/2026')).statusCode).toBe(404);
    const notUuid = await http.get('/api/v1/libraries/abc');
    expect(notUuid.statusCode).toBe(422);
    expect(notUuid.json()).toMatchObject({ errors: [{ field: 'params.id' }] });
  });
});
