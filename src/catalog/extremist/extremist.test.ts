/**
 * The check against the Federal list of extremist materials: the list as published is read, matched
 * against the records a network holds, each match confirmed or dismissed (copies withdrawn or flagged),
 * the dated act printed; every step audited and allowed only to the network's cataloguing staff.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { findJob } from '../../app/jobs';
import { jobs } from '../../app/jobs.tables';
import { auditLog } from '../../audit';
import { ROLES } from '../../staff/staff.schemas';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq, type Session } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { COMMISSION, uploadList as upload } from './extremist.test-support';
import { items } from '../catalog.tables';
import { makeRecord } from '../interop/interop.test-support';
import { matchKey, parseExtremistList } from './extremist-parse';
import { runExtremistCheckJob } from './extremist.job';
import { extremistMatches } from './extremist.tables';

const LIST = `Федеральный список экстремистских материалов

1. Книга Иванова И.И. «Путь воина света» (решение Энского районного суда от 01.02.2010);
2. Информационный материал — листовка «Слово о полку чёрном», начинающаяся словами «Братья…»
(решение Заречного районного суда г. Энска от 12.03.2011);
3. Брошюра П.П. Петрова «Ночной дозор на рассвете» (решение суда от 05.05.2012);
4. Видеоролик без названия продолжительностью 2 мин. (решение суда от 01.01.2013);
`;

describe('reading the list as published', () => {
  it('reads numbered entries over several lines, with title and author keys', () => {
    const { entries } = parseExtremistList(LIST);
    expect(entries.map((e) => e.number)).toEqual([1, 2, 3, 4]);
    expect(entries[0]).toMatchObject({ titleKey: 'путь воина света', authorKey: 'иванова' });
    expect(entries[1]!.text).toContain('(решение Заречного районного суда г. Энска от 12.03.2011)');
    expect(entries[1]!.titleKey).toBe('слово о полку черном');
    expect(entries[2]).toMatchObject({ titleKey: 'ночной дозор на рассвете', authorKey: 'петрова' });
    // Without quotes the text stands in for the title, less the kind of material it begins with.
    expect(entries[3]!.titleKey).toBe('без названия продолжительностью 2 мин');
  });

  it('recognises authors whose surnames have the Kyrgyz letters Ң, Ө, Ү', () => {
    const { entries } = parseExtremistList('1. Книга Үсөнова К.В. «Ак жол» (решение суда);\n2. Книга Ч.П. Өмүралиева «Жаңы таң» (решение суда);\n');
    expect(entries.map((e) => e.authorKey)).toEqual([matchKey('Үсөнова'), matchKey('Өмүралиева')]);
    expect(entries[0]!.authorKey).not.toBe('');
  });

  it('reads CSV with ; or , and quoted cells', () => {
    const csv = '№;Материал\n10;"Книга «Дорога ""домой""» (решение суда)"\n11;Статья «Кара-Суу өңү»\n';
    const { entries, skipped } = parseExtremistList(csv);
    expect(skipped).toBe(1);
    expect(entries.map((e) => [e.number, e.titleKey])).toEqual([
      [10, 'дорога домой'],
      [11, 'кара суу ону'],
    ]);
    expect(parseExtremistList('5,"Журнал «Звезда»"\n').entries[0]!.titleKey).toBe('звезда');
  });
});

interface Check {
  id: string;
  status: string;
  recordsChecked: number;
  entriesChecked: number;
  matchesFound: number;
  matchesConfirmed: number;
}
interface Match {
  id: string;
  entryNumber: number;
  recordId: string;
  recordTitle: string;
  score: number;
  decision: string;
  copies: number;
  copiesAffected: number | null;
}

/** A check's matches as the review screen lists them (`query`: its search, filter and page). */
async function matchesOf(http: ReturnType<typeof client>, checkId: string, query = '') {
  const res = await http.get(`/api/v1/catalog/extremist/checks/${checkId}/matches${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Match[]; total: number }>();
}

describeOnEachDatabase('check against the Federal list of extremist materials', (ctx) => {
  let network: { id: string };
  let otherNetwork: { id: string };
  let cataloguer: Session;
  let listId = '';
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    const db = ctx.database.db;
    network = await buildNetwork(db, { country: 'RU' });
    otherNetwork = await buildNetwork(db, { country: 'RU' });
    const library = await buildLibrary(db, network.id);
    const otherLibrary = await buildLibrary(db, otherNetwork.id);
    cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.id)).login);
    const copy = (recordId: string, libraryId = library.id, networkId = network.id, status: 'available' | 'written_off' = 'available') =>
      db.insert(items).values({ recordId, libraryId, networkId, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'RUB', status });
    const make = async (key: string, title: string, authors: string[]) => (rec[key] = (await makeRecord(db, { title, authors })).id);
    // The same book as entry 1, written with ё and a colon; two copies.
    await make('warrior', 'Путь воина света: роман', ['Иванов, И. И.']);
    await copy(rec.warrior!);
    await copy(rec.warrior!);
    // Entry 2's leaflet catalogued with ё/е differences.
    await make('leaflet', 'Слово о полку чёрном', []);
    await copy(rec.leaflet!);
    // A similar title by somebody else: the author lowers the score below the threshold.
    await make('otherAuthor', 'Ночной дозор', ['Лукьяненко, С. В.']);
    await copy(rec.otherAuthor!);
    // Entry 3 itself, but only in another network, and one only written off here: neither is this network's.
    await make('elsewhere', 'Ночной дозор на рассвете', ['Петров, П. П.']);
    await copy(rec.elsewhere!, otherLibrary.id, otherNetwork.id);
    await copy(rec.elsewhere!, library.id, network.id, 'written_off');
    await make('innocent', 'Белый пароход', ['Айтматов, Ч.']);
    await copy(rec.innocent!);
  });

  it('imports the list as published, with audit, and keeps its versions', async () => {
    const res = await upload(ctx, cataloguer, LIST, '?sourceName=exportfsm.txt&publishedOn=2026-11-30');
    expect(res.statusCode, res.body).toBe(201);
    const list = res.json<{ id: string; entryCount: number; publishedOn: string }>();
    // What was not read as an entry is named by line for whoever uploaded it: the heading here.
    expect(list).toMatchObject({
      entryCount: 4,
      publishedOn: '2026-11-30',
      skipped: 1,
      skippedLines: [{ line: 1, text: 'Федеральный список экстремистских материалов' }],
      joined: [],
      duplicates: [],
    });
    listId = list.id;
    const empty = await upload(ctx, cataloguer, 'Нет здесь записей\n');
    expect(empty.statusCode).toBe(422);
    expect(empty.json<{ code: string }>().code).toBe('extremist_list_empty');
    const versions = (await client(ctx.app, cataloguer).get('/api/v1/catalog/extremist/lists')).json<{ items: { id: string }[] }>();
    expect(versions.items.map((v) => v.id)).toContain(listId);
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, listId));
    expect(audit.map((a) => a.action)).toEqual(['extremist_list.import']);
  });

  let check: Check;
  let matches: Match[];
  it('matches the network’s holdings by folded title and author, in the background', async () => {
    const http = client(ctx.app, cataloguer);
    const res = await http.post('/api/v1/catalog/extremist/checks', {
      networkId: network.id,
      listId,
      checkedOn: '2026-12-01',
      commission: ['Директор — Смирнова А. А.', 'Библиограф — Кузнецова Е. В.', 'Каталогизатор — Попова О. Н.'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ id: string; status: string; jobId: string }>();
    expect(created).toMatchObject({ status: 'matching', jobId: expect.any(String) });
    // Until the job has run, the check shows its progress and takes no decision, no closing and no act.
    const waiting = (await http.get(`/api/v1/catalog/extremist/checks/${created.id}`)).json<Check & { matching: unknown; canDecide: boolean }>();
    expect(waiting).toMatchObject({ canDecide: false, matching: { status: 'queued', done: 0 } });
    expect(await matchesOf(http, created.id)).toMatchObject({ items: [], total: 0 });
    const early = await http.post(`/api/v1/catalog/extremist/checks/${created.id}/close`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string }>().code).toBe('extremist_check_matching');
    expect((await http.get(`/api/v1/catalog/extremist/checks/${created.id}/act.pdf`)).statusCode).toBe(409);
    expect(await ctx.app.jobs.runPending()).toBe(1);
    check = (await http.get(`/api/v1/catalog/extremist/checks/${created.id}`)).json<Check>();
    expect(check).toMatchObject({ status: 'open', matching: null });
    expect(check.recordsChecked).toBe(4);
    expect(check.entriesChecked).toBe(4);
    ({ items: matches } = await matchesOf(http, check.id));
    expect(matches.map((m) => [m.entryNumber, m.recordId]).sort()).toEqual([
      [1, rec.warrior],
      [2, rec.leaflet],
    ].sort());
    expect(matches.find((m) => m.recordId === rec.warrior)!.copies).toBe(2);
    expect(matches.every((m) => m.decision === 'pending' && m.score >= 0.6)).toBe(true);
  });

  it('lists the matches to review by words, entry number and decision, a page at a time, and exports them', async () => {
    const http = client(ctx.app, cataloguer);
    const ids = async (query: string) => (await matchesOf(http, check.id, query)).items.map((m) => m.recordId);
    // Words of the catalogue's title, written with е for ё and in another case; words of the entry.
    expect(await ids(`?q=${encodeURIComponent('ЧЕРНОМ полку')}`)).toEqual([rec.leaflet]);
    expect(await ids(`?q=${encodeURIComponent('воина')}`)).toEqual([rec.warrior]);
    expect(await ids('?q=2')).toEqual([rec.leaflet]);
    expect(await ids(`?q=${encodeURIComponent('пароход')}`)).toEqual([]);
    expect(await ids('?decision=pending')).toHaveLength(2);
    expect(await ids('?decision=dismissed')).toEqual([]);
    const first = await matchesOf(http, check.id, '?pageSize=1');
    const second = await matchesOf(http, check.id, '?pageSize=1&page=2');
    expect([first.total, first.items.length, second.items.length]).toEqual([2, 1, 1]);
    expect(new Set([first.items[0]!.recordId, second.items[0]!.recordId])).toEqual(new Set([rec.warrior, rec.leaflet]));
    expect((await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches?decision=maybe`)).statusCode).toBe(422);
    // The export holds what the filter keeps, in the person's language.
    const res = await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches.xlsx?decision=pending`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[1]).sort()).toEqual([1, 2]);
    expect(rows.every((r) => r[6] === 'Не рассмотрено')).toBe(true);
  });

  it('confirms one match (copies withdrawn), dismisses the other, then closes; decisions are final', async () => {
    const http = client(ctx.app, cataloguer);
    const base = `/api/v1/catalog/extremist/checks/${check.id}`;
    const warrior = matches.find((m) => m.recordId === rec.warrior)!;
    const leaflet = matches.find((m) => m.recordId === rec.leaflet)!;
    expect((await http.post(`${base}/matches/${warrior.id}`, { decision: 'confirmed' })).statusCode).toBe(422);
    expect((await http.post(`${base}/matches/${warrior.id}`, { decision: 'confirmed', action: 'withdraw', note: 'Изъять' })).statusCode).toBe(200);
    expect((await http.post(`${base}/matches/${leaflet.id}`, { decision: 'dismissed', note: 'Другое издание' })).statusCode).toBe(200);
    const copies = await ctx.database.db.select().from(items).where(eq(items.recordId, rec.warrior!));
    expect(copies.map((c) => c.status)).toEqual(['written_off', 'written_off']);
    // The act still counts the two copies that were withdrawn, though the record has none left.
    const decided = await matchesOf(http, check.id);
    expect(decided.items.find((m) => m.id === warrior.id)).toMatchObject({ copies: 0, copiesAffected: 2 });
    expect((await matchesOf(http, check.id, '?decision=confirmed')).items.map((m) => m.id)).toEqual([warrior.id]);
    expect((await matchesOf(http, check.id, '?decision=dismissed')).items.map((m) => m.id)).toEqual([leaflet.id]);
    expect((await matchesOf(http, check.id, '?decision=pending')).total).toBe(0);
    expect(copies[0]!.notes).toContain('ФСЭМ № 1');
    const itemAudit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, copies[0]!.id));
    expect(itemAudit.map((a) => a.action)).toEqual(['item.status']);
    expect((await http.post(`${base}/matches/${warrior.id}`, { decision: 'dismissed' })).json<{ code: string }>().code).toBe('extremist_match_confirmed');
    const summary = (await http.get('/api/v1/catalog/extremist/checks')).json<{ items: { id: string; matchesFound: number; matchesConfirmed: number }[] }>();
    expect(summary.items.find((c) => c.id === check.id)).toMatchObject({ matchesFound: 2, matchesConfirmed: 1 });
    expect((await http.post(`${base}/close`)).statusCode).toBe(200);
    const late = await http.post(`${base}/matches/${leaflet.id}`, { decision: 'confirmed', action: 'flag' });
    expect(late.statusCode).toBe(409);
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, check.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['extremist_check.close', 'extremist_check.create', 'extremist_check.match']);
  });

  it('prints the dated act with commission, counts and the confirmed document', async () => {
    const res = await client(ctx.app, cataloguer).get(`/api/v1/catalog/extremist/checks/${check.id}/act.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(mkdtempSync(join(tmpdir(), 'kp-act-')), 'act.pdf');
    writeFileSync(file, res.rawPayload);
    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    if (text.error) {
      console.warn('pdftotext is absent (apt-get install poppler-utils): the act text is not checked');
      return;
    }
    const flat = text.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('АКТ');
    expect(flat).toContain('сверки фонда с Федеральным списком экстремистских материалов');
    expect(flat).toContain('от 01.12.2026');
    expect(flat).toContain('в редакции от 30.11.2026');
    // A Russian network's act names the Federal list and where it is published.
    expect(flat).toContain('размещённым на официальном сайте Министерства юстиции Российской Федерации');
    expect(flat).toContain('Смирнова А. А.');
    expect(flat).toContain('Проверено библиографических записей фонда: 4');
    expect(flat).toContain('Выявлено возможных совпадений: 2');
    expect(flat).toContain('Подтверждено совпадений: 1');
    expect(flat).toContain('Путь воина света');
    expect(flat).toContain('изъяты из фонда');
    const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    expect(fonts).toMatch(/DejaVuSans.*yes/);
  });

  it('a check interrupted mid-way continues from its last step after a restart and finds nothing twice', async () => {
    const db = ctx.database.db;
    // 130 entries, so the matching takes three steps: the warrior in the first, the leaflet in the second.
    const filler = (n: number) => `${n}. Брошюра «Материал без совпадений номер ${n}» (решение суда);`;
    const lines = Array.from({ length: 130 }, (_, i) => filler(i + 1));
    lines[4] = '5. Книга Иванова И.И. «Путь воина света» (решение суда);';
    lines[59] = '60. Листовка «Слово о полку чёрном» (решение суда);';
    const list = (await upload(ctx, cataloguer, lines.join('\n'))).json<{ id: string; createdAt: string }>();
    const http = client(ctx.app, cataloguer);
    // The warrior's copies were withdrawn above; give it a copy again so both are held.
    await db.insert(items).values({ recordId: rec.warrior!, libraryId: (await buildLibrary(db, network.id)).id, networkId: network.id, inventoryNumber: uniq('I'), barcode: uniq('B'), currency: 'RUB' });
    // An undated edition: the check is dated no earlier than the day it was uploaded.
    const checkedOn = list.createdAt.slice(0, 10);
    const created = (await http.post('/api/v1/catalog/extremist/checks', { networkId: network.id, listId: list.id, checkedOn, commission: COMMISSION })).json<{ id: string; jobId: string }>();
    // The first process commits two steps, saves the checkpoint of the first only, and dies.
    const job = (await findJob(db, created.jobId))!;
    let steps = 0;
    void runExtremistCheckJob({
      db,
      job,
      reportProgress: async () => {},
      saveCheckpoint: async (checkpoint) => {
        steps++;
        if (steps === 1) await db.update(jobs).set({ checkpoint }).where(eq(jobs.id, job.id));
        if (steps === 2) await new Promise(() => {});
      },
    });
    await vi.waitFor(() => expect(steps).toBe(2));
    await db.update(jobs).set({ status: 'running', attempts: 1, heartbeatAt: sql`now() - interval '10 minutes'` }).where(eq(jobs.id, job.id));
    // Both matches are already stored, though the checkpoint says only the first step was done.
    expect(await db.select().from(extremistMatches).where(eq(extremistMatches.checkId, created.id))).toHaveLength(2);
    expect((await http.get(`/api/v1/catalog/extremist/checks/${created.id}`)).json<{ status: string }>().status).toBe('matching');
    // The restarted server takes the job over from the saved step.
    expect(await ctx.app.jobs.runPending()).toBe(1);
    expect(await findJob(db, job.id)).toMatchObject({ status: 'done', attempts: 2, progress: { done: 130, total: 130 } });
    const check = (await http.get(`/api/v1/catalog/extremist/checks/${created.id}`)).json<Check>();
    expect(check.status).toBe('open');
    expect((await matchesOf(http, created.id)).items.map((m) => [m.entryNumber, m.recordId]).sort()).toEqual([
      [60, rec.leaflet],
      [5, rec.warrior],
    ].sort());
    const audit = await db.select().from(auditLog).where(eq(auditLog.objectId, created.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['extremist_check.create', 'extremist_check.match']);
  });

  it('authorization: the four cataloguing roles of the network; others are refused, other networks see nothing', async () => {
    const db = ctx.database.db;
    const allowed = ['network_admin', 'director', 'methodologist', 'cataloguer'];
    for (const role of ROLES) {
      const scope = role === 'librarian' || role === 'reader' ? { kind: 'library' as const, id: (await buildLibrary(db, network.id)).id } : { kind: 'network' as const, id: network.id };
      const session = await login(ctx.app, (await buildStaff(db, role, scope.kind, scope.id)).login);
      const http = client(ctx.app, session);
      const ok = allowed.includes(role);
      expect((await http.get('/api/v1/catalog/extremist/lists')).statusCode, role).toBe(ok ? 200 : 403);
      expect((await http.get('/api/v1/catalog/extremist/checks')).statusCode, role).toBe(ok ? 200 : 403);
      expect((await http.get(`/api/v1/catalog/extremist/checks/${check.id}`)).statusCode, role).toBe(ok ? 200 : 403);
      expect((await http.get(`/api/v1/catalog/extremist/checks/${check.id}/act.pdf`)).statusCode, role).toBe(ok ? 200 : 403);
      expect((await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches`)).statusCode, role).toBe(ok ? 200 : 403);
      expect((await http.get(`/api/v1/catalog/extremist/checks/${check.id}/matches.xlsx`)).statusCode, role).toBe(ok ? 200 : 403);
      expect((await upload(ctx, session, `1. Книга «Тест ${role}»\n`)).statusCode, role).toBe(ok ? 201 : 403);
      const created = await http.post('/api/v1/catalog/extremist/checks', { networkId: network.id, listId, checkedOn: '2026-12-02', commission: COMMISSION });
      expect(created.statusCode, role).toBe(ok ? 201 : 403);
      if (ok) {
        await ctx.app.jobs.runPending();
        const id = created.json<{ id: string }>().id;
        // A check closes once every match is decided.
        for (const m of (await matchesOf(http, id, '?decision=pending')).items) {
          expect((await http.post(`/api/v1/catalog/extremist/checks/${id}/matches/${m.id}`, { decision: 'dismissed' })).statusCode, role).toBe(200);
        }
        expect((await http.post(`/api/v1/catalog/extremist/checks/${id}/close`)).statusCode, role).toBe(200);
      }
    }
    const outsider = client(ctx.app, await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', otherNetwork.id)).login));
    expect((await outsider.get(`/api/v1/catalog/extremist/checks/${check.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/catalog/extremist/checks/${check.id}/matches`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/catalog/extremist/checks/${check.id}/matches.xlsx`)).statusCode).toBe(404);
    expect((await outsider.post('/api/v1/catalog/extremist/checks', { networkId: network.id, listId, checkedOn: '2026-12-02', commission: COMMISSION })).statusCode).toBe(403);
    const history = (await outsider.get('/api/v1/catalog/extremist/checks')).json<{ items: { id: string }[] }>();
    expect(history.items.map((c) => c.id)).not.toContain(check.id);
    expect((await client(ctx.app).get('/api/v1/catalog/extremist/checks')).statusCode).toBe(401);
  });
});
