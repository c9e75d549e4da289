/** Browsing the audit log: filters by person, object and calendar day in the person's time zone. */
import { expect, it } from 'vitest';
import { buildLibrary, buildNetwork, buildStaff, client, login, passportData } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { auditLog } from './audit.tables';

describeOnEachDatabase('audit log', (ctx) => {
  it('filters by person, object type and library', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const lib = await buildLibrary(db, network.id);
    const director = await buildStaff(db, 'director', 'network', network.id);
    const librarian = await buildStaff(db, 'librarian', 'library', lib.id);
    await client(ctx.app, await login(ctx.app, librarian.login)).put(`/api/v1/libraries/${lib.id}/passports/2026`, passportData());
    const http = client(ctx.app, await login(ctx.app, director.login));
    await http.post(`/api/v1/networks/${network.id}/municipalities`, { kind: 'mo', name: 'МО Тест' });

    const byPerson = (await http.get(`/api/v1/audit?actorId=${librarian.id}`)).json() as { items: { action: string; actorLogin: string }[] };
    expect(byPerson.items.map((e) => e.action)).toEqual(['passport.create']);
    expect(byPerson.items[0]!.actorLogin).toBe(librarian.login);
    const byType = (await http.get('/api/v1/audit?objectType=municipality')).json() as { items: { summary: string }[] };
    expect(byType.items.map((e) => e.summary)).toEqual(['МО Тест']);
    const byText = (await http.get(`/api/v1/audit?q=${encodeURIComponent('МО Тест')}`)).json() as { total: number };
    expect(byText.total).toBe(1);
  });

  it('reads from/to as calendar days in the given time zone', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const admin = await buildStaff(db, 'network_admin', 'network', network.id);
    // 02:00 in Bishkek on 10 March is still 9 March in UTC.
    await db.insert(auditLog).values({
      at: new Date('2026-03-09T20:00:00Z'),
      actorLogin: 'x',
      action: 'test.night',
      objectType: 'test',
      objectId: '1',
      networkId: network.id,
    });
    const http = client(ctx.app, await login(ctx.app, admin.login));
    const actions = async (query: string) =>
      ((await http.get(`/api/v1/audit?objectType=test&${query}`)).json() as { items: { action: string }[] }).items.map((e) => e.action);
    expect(await actions('from=2026-03-10&to=2026-03-10&tz=Asia/Bishkek')).toEqual(['test.night']);
    expect(await actions('from=2026-03-10&to=2026-03-10')).toEqual([]);
    expect(await actions('from=2026-03-09&to=2026-03-09')).toEqual(['test.night']);
    expect((await http.get('/api/v1/audit?tz=Mars/Olympus')).statusCode).toBe(422);
  });
});
