/** Libraries, municipalities, service points and monitoring, as staff use them. */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { buildLibrary, buildMunicipality, buildNetwork, buildPassport, buildStaff, client, login, passportData } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';

describeOnEachDatabase('libraries and municipalities', (ctx) => {
  async function setup() {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const central = await buildLibrary(db, network.id, { kind: 'central', name: 'Центральная районная библиотека', number: null });
    const branches = [];
    for (let n = 1; n <= 12; n++) {
      branches.push(await buildLibrary(db, network.id, { number: n, name: `Филиал № ${n}`, settlement: n === 7 ? 'с. Боролдой' : `с. Село-${n}` }));
    }
    const muni = await buildMunicipality(db, network.id, [branches[6]!.id, branches[7]!.id]);
    await buildPassport(db, branches[6]!.id, 2026, passportData({ address: 'ул. Манаса, 12', phone: '+996 3535 2 11 11' }));
    const user = await buildStaff(db, 'methodologist', 'network', network.id);
    return { network, central, branches, muni, http: client(ctx.app, await login(ctx.app, user.login)) };
  }

  it('lists the network: central library first, then branches by number; paged', async () => {
    const { http } = await setup();
    const page1 = (await http.get('/api/v1/libraries?pageSize=5')).json() as { items: { kind: string; number: number | null }[]; total: number };
    expect(page1.total).toBe(13);
    expect(page1.items.map((l) => l.number)).toEqual([null, 1, 2, 3, 4]);
    const page3 = (await http.get('/api/v1/libraries?pageSize=5&page=3')).json() as { items: unknown[] };
    expect(page3.items).toHaveLength(3);
  });

  it('finds a library by village, number, address, type and municipality', async () => {
    const { http, muni, branches } = await setup();
    const byVillage = (await http.get(`/api/v1/libraries?q=${encodeURIComponent('боролдой')}`)).json() as { items: { id: string; address: string; phone: string; municipalities: string }[] };
    expect(byVillage.items.map((l) => l.id)).toEqual([branches[6]!.id]);
    expect(byVillage.items[0]).toMatchObject({ address: 'ул. Манаса, 12', phone: '+996 3535 2 11 11', municipalities: muni.name });
    const byAddress = (await http.get(`/api/v1/libraries?q=${encodeURIComponent('Манаса')}`)).json() as { items: { id: string }[] };
    expect(byAddress.items.map((l) => l.id)).toEqual([branches[6]!.id]);
    const byNumber = (await http.get('/api/v1/libraries?q=11')).json() as { items: { number: number }[] };
    expect(byNumber.items.map((l) => l.number)).toContain(11);
    const central = (await http.get('/api/v1/libraries?kind=central')).json() as { total: number };
    expect(central.total).toBe(1);
    const served = (await http.get(`/api/v1/libraries?municipalityId=${muni.id}`)).json() as { items: { number: number }[] };
    expect(served.items.map((l) => l.number)).toEqual([7, 8]);
  });

  it('exports the filtered list as XLSX in the user language', async () => {
    const { http } = await setup();
    const res = await http.get('/api/v1/libraries.xlsx?kind=branch');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('Библиотеки');
    expect(sheet.getRow(1).getCell(4).value).toBe('Название');
    expect(sheet.rowCount).toBe(13); // header + 12 branches
    expect(sheet.getRow(2).getCell(2).value).toBe('Филиал');
  });

  it('adds a library with its municipality; codes and branch numbers are unique; audited', async () => {
    const { http, network, muni } = await setup();
    const body = { kind: 'branch', number: 28, name: 'Филиал № 28', settlement: 'с. Кызыл-Ой', code: 'KEM-28', municipalityIds: [muni.id] };
    const created = await http.post(`/api/v1/networks/${network.id}/libraries`, body);
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const detail = (await http.get(`/api/v1/libraries/${id}`)).json() as { municipalities: { id: string }[]; permissions: Record<string, boolean> };
    expect(detail.municipalities.map((m) => m.id)).toEqual([muni.id]);
    expect(detail.permissions).toEqual({ canEditPassport: true, canManage: true, canMonitor: true });

    const sameCode = await http.post(`/api/v1/networks/${network.id}/libraries`, { ...body, number: 29 });
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json()).toMatchObject({ errors: [{ field: 'code' }] });
    const sameNumber = await http.post(`/api/v1/networks/${network.id}/libraries`, { ...body, code: 'KEM-28B' });
    expect(sameNumber.statusCode).toBe(409);
    const foreignMuni = await http.post(`/api/v1/networks/${network.id}/libraries`, { ...body, code: 'X1', number: 30, municipalityIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(foreignMuni.statusCode).toBe(422);
    expect(foreignMuni.json()).toMatchObject({ errors: [{ field: 'municipalityIds' }] });
    const missingName = await http.post(`/api/v1/networks/${network.id}/libraries`, { ...body, name: '  ' });
    expect(missingName.json()).toMatchObject({ errors: [{ field: 'name', message: 'Обязательное поле.' }] });

    const log = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, id));
    expect(log.map((e) => e.action)).toEqual(['library.create']);
  });

  it('keeps municipalities with population and the libraries serving them', async () => {
    const { http, network } = await setup();
    const created = await http.post(`/api/v1/networks/${network.id}/municipalities`, {
      kind: 'aiyl_okmotu',
      name: 'Боролдойский айыл окмоту',
      headName: 'Асанов А.',
      headTitle: 'глава айыл окмоту',
      population: 6200,
      populationYear: 2025,
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    const negative = await http.put(`/api/v1/municipalities/${id}`, { kind: 'aiyl_okmotu', name: 'Боролдой', population: -1 });
    expect(negative.statusCode).toBe(422);
    const list = (await http.get(`/api/v1/municipalities?q=${encodeURIComponent('боролдой')}`)).json() as { items: { population: number }[] };
    expect(list.items).toEqual([expect.objectContaining({ population: 6200 })]);
    const overview = (await http.get('/api/v1/overview')).json() as { population: number; librariesByKind: Record<string, number> };
    expect(overview.population).toBe(6200 + 5000);
    expect(overview.librariesByKind).toMatchObject({ central: 1, branch: 12 });
  });

  it('records service points and monitoring checks against the network checklist', async () => {
    const { http, network, branches } = await setup();
    const lib = branches[0]!;
    const point = await http.post(`/api/v1/libraries/${lib.id}/service-points`, { kind: 'deposit_camp', name: 'Лагерь «Жаштык»', isSeasonal: true });
    expect(point.statusCode).toBe(201);
    expect(((await http.get(`/api/v1/libraries/${lib.id}`)).json() as { servicePoints: { name: string }[] }).servicePoints.map((p) => p.name)).toEqual(['Лагерь «Жаштык»']);

    const list = await http.post(`/api/v1/networks/${network.id}/checklists`, {
      name: 'Мониторинг филиалов',
      items: [
        { key: 'sign', label: 'Вывеска' },
        { key: 'hours', label: 'Режим работы вывешен' },
      ],
    });
    const checklistId = (list.json() as { id: string }).id;
    const check = {
      checklistId,
      checkedOn: '2026-04-15',
      inspector: 'Методист Иванова',
      results: [
        { key: 'sign', isMet: true },
        { key: 'hours', isMet: false, note: 'нет таблички' },
      ],
      findings: 'Режим работы не вывешен',
      followUp: 'Изготовить табличку',
      followUpDue: '2026-05-01',
    };
    const created = await http.post(`/api/v1/libraries/${lib.id}/checks`, check);
    expect(created.statusCode).toBe(201);
    const wrongItem = await http.post(`/api/v1/libraries/${lib.id}/checks`, { ...check, results: [{ key: 'nope', isMet: true }] });
    expect(wrongItem.statusCode).toBe(422);
    expect(wrongItem.json()).toMatchObject({ errors: [{ field: 'results.0.key' }] });
    const done = await http.put(`/api/v1/checks/${(created.json() as { id: string }).id}`, { ...check, isFollowUpDone: true });
    expect(done.json()).toMatchObject({ isFollowUpDone: true });
    const checks = (await http.get(`/api/v1/libraries/${lib.id}/checks`)).json() as { checklistName: string; isFollowUpDone: boolean }[];
    expect(checks).toEqual([expect.objectContaining({ checklistName: 'Мониторинг филиалов', isFollowUpDone: true })]);
  });
});

describeOnEachDatabase('library search folding', (ctx) => {
  it('ignores case, ё/е and the Kyrgyz letters; a bare number means a branch number', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const a = await buildLibrary(db, network.id, { number: 3, name: 'Филиал № 3', settlement: 'с. Жаңы-Алыш' });
    const b = await buildLibrary(db, network.id, { number: 4, name: 'Филиал № 4', settlement: 'с. Тёплый Ключ' });
    await buildLibrary(db, network.id, { number: 34, name: 'Филиал № 34', settlement: 'с. Подгорное 3' });
    const user = await buildStaff(db, 'director', 'network', network.id);
    const http = client(ctx.app, await login(ctx.app, user.login));
    const ids = async (q: string) =>
      ((await http.get(`/api/v1/libraries?q=${encodeURIComponent(q)}`)).json() as { items: { id: string }[] }).items.map((l) => l.id);
    expect(await ids('жаны-алыш')).toEqual([a.id]);
    expect(await ids('ЖАҢЫ')).toEqual([a.id]);
    expect(await ids('теплый')).toEqual([b.id]);
    expect(await ids('№ 3')).toEqual([a.id]);
    expect(await ids('4')).toEqual([b.id]);
  });
});
