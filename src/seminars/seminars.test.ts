/**
 * Outreach seminars: planning by the rotation, the protocol and its PDF, decisions tracked as tasks
 * until done, results recorded as contributions, and the open tasks the municipality report shows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit/audit.tables';
import { buildLibrary, buildMunicipality, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { listOpenSeminarTasks } from './index';

const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describeOnEachDatabase('outreach seminars', (ctx) => {
  const f = {} as {
    network: string;
    central: string;
    branches: string[];
    director: ReturnType<typeof client>;
    librarian: ReturnType<typeof client>;
    otherLibrarian: ReturnType<typeof client>;
  };

  it('sets up a network of four branches over three айыл окмоту', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    f.network = network.id;
    f.central = (await buildLibrary(db, network.id, { kind: 'central', number: null })).id;
    f.branches = [];
    for (const n of [21, 30, 5, 7]) f.branches.push((await buildLibrary(db, network.id, { number: n })).id);
    await buildMunicipality(db, network.id, [f.branches[0]!, f.branches[1]!]);
    await buildMunicipality(db, network.id, [f.branches[2]!]);
    await buildMunicipality(db, network.id, [f.branches[3]!]);
    const director = await buildStaff(db, 'methodologist', 'network', network.id);
    f.director = client(ctx.app, await login(ctx.app, director.login));
    f.librarian = client(ctx.app, await login(ctx.app, (await buildStaff(db, 'librarian', 'library', f.branches[1]!)).login));
    f.otherLibrarian = client(ctx.app, await login(ctx.app, (await buildStaff(db, 'librarian', 'library', f.branches[2]!)).login));
  });

  it('the planner proposes every branch once before any twice, the central library never, and follows what was held', async () => {
    const first = (await f.director.get(`/api/v1/networks/${f.network}/seminar-rotation?year=2025&count=4`)).json<{
      proposals: { hostLibraryId: string; heldOn: string }[];
      branchCount: number;
    }>();
    expect(first.branchCount).toBe(4);
    expect(new Set(first.proposals.map((p) => p.hostLibraryId))).toEqual(new Set(f.branches));
    // The first two come from different айыл окмоту.
    const [a, b] = first.proposals;
    expect([a!.hostLibraryId, b!.hostLibraryId].filter((id) => id === f.branches[0] || id === f.branches[1]).length).toBeLessThanOrEqual(1);

    // The user accepts the first proposal but edits the second one's host.
    const seminar1 = await f.director.post(`/api/v1/networks/${f.network}/seminars`, { hostLibraryId: f.branches[1], theme: 'Год Курманжан датки', heldOn: '2025-06-15' });
    expect(seminar1.statusCode, seminar1.body).toBe(201);
    const next = (await f.director.get(`/api/v1/networks/${f.network}/seminar-rotation?year=2026&count=3`)).json<{
      proposals: { hostLibraryId: string; heldOn: string }[];
      waiting: { id: string }[];
    }>();
    expect(next.proposals.map((p) => p.hostLibraryId)).not.toContain(f.branches[1]);
    expect(next.proposals.map((p) => p.heldOn)).toEqual(['2026-03-15', '2026-07-15', '2026-11-15']);
    expect(next.waiting.map((w) => w.id).sort()).toEqual([f.branches[0], f.branches[2], f.branches[3]].sort());
  });

  it('refuses a seminar hosted by a library of another network, and an empty theme', async () => {
    const other = await buildNetwork(ctx.database.db);
    const stranger = await buildLibrary(ctx.database.db, other.id);
    const res = await f.director.post(`/api/v1/networks/${f.network}/seminars`, { hostLibraryId: stranger.id, theme: 'x', heldOn: '2025-01-01' });
    expect(res.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('hostLibraryId');
    const empty = await f.director.post(`/api/v1/networks/${f.network}/seminars`, { hostLibraryId: f.branches[0], theme: ' ', heldOn: '2025-13-01' });
    expect(empty.json<{ errors: { field: string; message: string }[] }>().errors.map((e) => [e.field, e.message])).toEqual([
      ['theme', 'Обязательное поле.'],
      ['heldOn', 'Дата в формате ГГГГ-ММ-ДД.'],
    ]);
  });

  it('protocol → PDF → decisions as tasks → done; overdue ones are flagged; results as contributions', async () => {
    const db = ctx.database.db;
    const host = f.branches[1]!;
    const created = await f.director.post(`/api/v1/networks/${f.network}/seminars`, {
      hostLibraryId: host,
      theme: 'Библиотека, как центр просвещения и сохранения народных традиций',
      heldOn: '2025-10-12',
      protocolNumber: '2',
      place: 'с. Дорожное, библиотека-филиал № 30',
      agenda: ['Взаимодействие библиотеки с властью', 'Комплектование и подписка'],
    });
    const seminar = created.json<{ id: string }>();
    const protocol = {
      protocol: {
        chair: 'Унжакова О.Г.',
        secretary: 'Кармадонова Н.В.',
        attendeesTotal: 29,
        heard: [{ speaker: 'Унжакова О.Г.', topic: 'Взаимодействие библиотеки с властью', summary: 'О решении всех вопросов работы сообща.' }],
        spoke: [{ speaker: 'Егоров И.И., глава Алымовского МО', text: 'Подумаем все вместе и увеличим средства на подписку.' }],
        questions: [{ question: 'Как работать с ЛитРес?', askedBy: 'Шерер П.Л.', answer: 'Ответили методист и директор.', answeredBy: 'Минашова С.В.' }],
        conclusion: 'Не все вопросы упираются в финансовую сторону.',
      },
      participants: [
        { kind: 'guest', fullName: 'Мамбеталиев К.М.', position: 'глава Кызыл-Октябрьского а/о' },
        { kind: 'guest', fullName: 'Каджиева Т.С.', position: 'директор Чуйской областной библиотеки', isSpeaker: true },
        { kind: 'staff', fullName: 'Ңурбек Өмүрова Үмүт', position: 'библиотекарь филиала № 30' },
      ],
    };
    const tooFew = await f.director.put(`/api/v1/seminars/${seminar.id}/protocol`, { ...protocol, protocol: { ...protocol.protocol, attendeesTotal: 1 } });
    expect(tooFew.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('protocol.attendeesTotal');
    const saved = await f.director.put(`/api/v1/seminars/${seminar.id}/protocol`, protocol);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<{ status: string }>().status).toBe('held');

    const overdue = await f.director.post(`/api/v1/seminars/${seminar.id}/decisions`, { text: 'Провести текущий ремонт: побелка, покраска.', responsible: 'Мамбеталиев К.М.', dueOn: '2020-12-01' });
    expect(overdue.statusCode, overdue.body).toBe(201);
    const future = await f.director.post(`/api/v1/seminars/${seminar.id}/decisions`, { text: 'Увеличить средства на подписку.', responsible: 'Егоров И.И.', dueOn: '2099-01-01' });
    const elsewhere = await f.director.post(`/api/v1/seminars/${seminar.id}/decisions`, { text: 'Создать вкладку «Сельские библиотеки».', responsible: 'Минашова С.В.', dueOn: '2020-01-01', libraryId: f.central });
    for (const r of [future, elsewhere]) expect(r.statusCode).toBe(201);
    const overdueId = overdue.json<{ id: string }>().id;

    const detail = (await f.director.get(`/api/v1/seminars/${seminar.id}`)).json<{ decisions: { id: string; isOverdue: boolean }[]; participants: unknown[] }>();
    expect(detail.participants).toHaveLength(3);
    expect(detail.decisions.map((d) => d.isOverdue)).toEqual([true, false, true]);

    // The home page's overdue list of the host's librarian: only their library's task.
    const mine = (await f.librarian.get('/api/v1/seminar-tasks?isOverdue=true')).json<{ items: { id: string; canUpdate: boolean }[] }>();
    expect(mine.items.map((i) => i.id)).toEqual([overdueId]);
    expect(mine.items[0]?.canUpdate).toBe(true);

    // Done needs a date; another branch's librarian may not mark it.
    expect((await f.otherLibrarian.post(`/api/v1/seminar-decisions/${overdueId}/progress`, { status: 'done', doneOn: '2025-11-01' })).statusCode).toBe(403);
    const noDate = await f.librarian.post(`/api/v1/seminar-decisions/${overdueId}/progress`, { status: 'done' });
    expect(noDate.json<{ errors: { field: string; message: string }[] }>().errors[0]).toEqual(
      expect.objectContaining({ field: 'doneOn', message: 'Укажите дату выполнения.' }),
    );
    const done = await f.librarian.post(`/api/v1/seminar-decisions/${overdueId}/progress`, { status: 'done', doneOn: '2025-11-01', note: 'Побелили и покрасили.' });
    expect(done.json<{ status: string; doneOn: string }>()).toEqual(expect.objectContaining({ status: 'done', doneOn: '2025-11-01' }));
    expect((await f.librarian.get('/api/v1/seminar-tasks?isOverdue=true')).json<{ items: unknown[] }>().items).toEqual([]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.objectId, overdueId));
    expect(audit.map((a) => a.action).sort()).toEqual(['seminar.decision.create', 'seminar.task.done']);

    // The municipality report: open decisions of the host branch, overdue as of a given day.
    const open = await listOpenSeminarTasks(db, { libraryIds: [host], asOf: '2099-06-01' });
    expect(open.map((o) => [o.text, o.isOverdue])).toEqual([['Увеличить средства на подписку.', true]]);

    // What the host айыл окмоту gave is recorded as a contribution linked to the seminar.
    const partner = (await f.director.post(`/api/v1/networks/${f.network}/partners`, { kind: 'municipal', name: uniq('Кызыл-Октябрьский а/о ') })).json<{ id: string }>();
    const gift = await f.director.post('/api/v1/contributions', {
      libraryId: host, partnerId: partner.id, kind: 'furniture', value: 45000, currency: 'KGS', receivedOn: '2025-10-12', purpose: 'Книжные стеллажи', seminarId: seminar.id,
    });
    expect(gift.statusCode).toBe(201);
    const results = (await f.director.get(`/api/v1/contributions?seminarId=${seminar.id}`)).json<{ items: { purpose: string }[] }>();
    expect(results.items.map((r) => r.purpose)).toEqual(['Книжные стеллажи']);

    const pdf = await f.director.get(`/api/v1/seminars/${seminar.id}/protocol.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPoppler) {
      const dir = mkdtempSync(join(tmpdir(), 'kp-protocol-'));
      writeFileSync(join(dir, 'p.pdf'), pdf.rawPayload);
      execFileSync('pdftotext', ['-layout', join(dir, 'p.pdf'), join(dir, 'p.txt')]);
      const text = readFileSync(join(dir, 'p.txt'), 'utf8').replace(/\s+/g, ' ');
      for (const expected of ['ПРОТОКОЛ № 2', '12.10.2025', 'Присутствовали', 'Повестка дня', 'СЛУШАЛИ', 'ВЫСТУПИЛИ', 'РЕШИЛИ', 'Всего присутствовало: 29', 'Ңурбек Өмүрова Үмүт', 'срок: 01.01.2099']) {
        expect(text).toContain(expected);
      }
      const fonts = execFileSync('pdffonts', [join(dir, 'p.pdf')]).toString();
      expect(fonts).toMatch(/DejaVuSans/);
      expect(fonts.split('\n').slice(2).filter(Boolean).every((l) => / yes /.test(l))).toBe(true);
    }
  });

  it('the protocol PDF speaks Kyrgyz to a Kyrgyz-speaking reader', async () => {
    const db = ctx.database.db;
    const ky = await buildStaff(db, 'director', 'network', f.network, { language: 'ky' });
    const http = client(ctx.app, await login(ctx.app, ky.login));
    const s = (await http.post(`/api/v1/networks/${f.network}/seminars`, { hostLibraryId: f.branches[2], theme: 'Айыл маданиятын көтөрөбүз', heldOn: '2024-04-15', protocolNumber: '1' })).json<{ id: string }>();
    await http.put(`/api/v1/seminars/${s.id}/protocol`, { protocol: { heard: [{ speaker: 'Тагаева Б.', topic: 'Отчёт' }] }, participants: [] });
    const pdf = await http.get(`/api/v1/seminars/${s.id}/protocol.pdf`);
    expect(pdf.statusCode).toBe(200);
    if (hasPoppler) {
      const dir = mkdtempSync(join(tmpdir(), 'kp-protocol-'));
      writeFileSync(join(dir, 'p.pdf'), pdf.rawPayload);
      const text = execFileSync('pdftotext', [join(dir, 'p.pdf'), '-']).toString();
      expect(text).toContain('УГУЛДУ');
      expect(text).toContain('көчмө семинардын');
    }
  });
});
