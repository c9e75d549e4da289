/** Importing from the staff app: upload, background job with progress, report; who may do it. */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { buildLibrary, buildNetwork, buildStaff, client, login } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { controlField, dataField, writeIso2709 } from '../marc';

const file = writeIso2709([
  {
    leader: '00000nam0 2200000   450 ',
    fields: [
      controlField('001', 'UPLOAD-1'),
      dataField('200', '1', ' ', [['a', 'Белый пароход'], ['f', 'Чингиз Айтматов']]),
      dataField('210', ' ', ' ', [['a', 'Фрунзе'], ['c', 'Кыргызстан'], ['d', '1970']]),
      dataField('910', ' ', ' ', [['b', 'INV-77'], ['h', 'BC-77']]),
    ],
  },
  { leader: '00000nam0 2200000   450 ', fields: [controlField('001', 'UPLOAD-2'), dataField('300', ' ', ' ', [['a', 'без заглавия']])] },
]);

describeOnEachDatabase('MARC import from the staff app', (ctx) => {
  it('uploads a file, runs the import as a job with progress and gives a report', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
    const session = await login(ctx.app, cataloguer.login);
    const upload = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/catalog/imports?libraryId=${library.id}&fileName=branch.iso`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
      payload: file,
    });
    expect(upload.statusCode).toBe(202);
    const { jobId } = upload.json<{ jobId: string }>();
    const http = client(ctx.app, session);
    expect((await http.get(`/api/v1/jobs/${jobId}`)).json()).toMatchObject({ status: 'queued' });

    expect(await ctx.app.jobs.runPending()).toBe(1);
    const job = (await http.get(`/api/v1/jobs/${jobId}`)).json() as { status: string; progress: { done: number; total: number }; result: Record<string, unknown> };
    expect(job.status).toBe('done');
    expect(job.progress).toMatchObject({ done: file.length, total: file.length });
    expect(job.result).toMatchObject({ read: 2, created: 1, rejected: 1, items: { created: 1 } });

    const report = await http.get(`/api/v1/catalog/imports/${jobId}/report.xlsx`);
    expect(report.statusCode).toBe(200);
    // Named after the file and the day: the reports of several imports can be told apart.
    expect(report.headers['content-disposition']).toMatch(/filename="import-branch-\d{4}-\d\d-\d\d\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    // The totals on the first sheet, the refused records on the second, numbers as numbers.
    const [totals, refused] = book.worksheets;
    expect(totals!.getRow(2).values).toEqual([undefined, 'Прочитано записей', 2]);
    expect(refused!.name).toBe('Отклонённые записи');
    expect(refused!.rowCount).toBe(2);
    expect(typeof refused!.getRow(2).getCell(1).value).toBe('number');
    expect(refused!.getRow(2).getCell(3).text).toContain('заглавия');
  });

  it('refuses an empty file, a text file and the other format than the one chosen, saying so, and starts no job', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
    const session = await login(ctx.app, cataloguer.login);
    const upload = (payload: Buffer, format = 'auto', more = '') =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/imports?format=${format}&fileName=x.iso${more}`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream', 'accept-language': 'ru' },
        payload,
      });
    const refused = async (payload: Buffer, format?: string) => {
      const reply = await upload(payload, format);
      expect(reply.statusCode).toBe(422);
      return reply.json<{ code: string; detail: string }>();
    };
    expect(await refused(Buffer.alloc(0))).toMatchObject({ code: 'import_file_empty' });
    expect((await refused(Buffer.from('Список литературы\n1. Айтматов Ч. Джамиля'))).detail).toContain('Это не файл MARC');
    // A PDF (an act printed by mistake) holds bytes that look like a record terminator: it is named as what it is.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.3\n7 0 obj\n<< /Length 90 >>\nstream\n'), Buffer.from([0x78, 0x9c, 0x1d, 0x1e, 0x1f, 0x33])]);
    expect(await refused(pdf)).toMatchObject({ code: 'import_file_not_marc', detail: expect.stringContaining('Это файл PDF, а не записи MARC') });
    expect((await refused(file, 'marcxml')).detail).toBe(
      'Файл похож на ISO 2709, а выбран формат MARCXML: выберите «ISO 2709» или «Определить автоматически».',
    );
    expect(await ctx.app.jobs.runPending()).toBe(0);
    // The right file, asked to replace what it matches (the records the first test imported).
    const accepted = await upload(file, 'iso2709', '&replace=true');
    expect(accepted.statusCode).toBe(202);
    expect(await ctx.app.jobs.runPending()).toBe(1);
    const job = (await client(ctx.app, session).get(`/api/v1/jobs/${accepted.json<{ jobId: string }>().jobId}`)).json();
    expect(job).toMatchObject({ status: 'done', result: { read: 2, created: 0, matched: 1, replaced: 1 } });
    // The list of earlier imports tells this one from a plain re-import: what it replaced, the encoding chosen.
    const runs = (await client(ctx.app, session).get('/api/v1/catalog/imports?q=x.iso')).json<{ items: { counts: unknown }[] }>();
    expect(runs.items[0]!.counts).toMatchObject({ replaced: 1, encoding: 'utf-8', encodingChosen: false, encodingDetected: null });
  });

  it('is refused to a librarian, and to a cataloguer for a library outside their scope', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const other = await buildNetwork(db);
    const foreign = await buildLibrary(db, other.id);
    const own = await buildLibrary(db, network.id);
    const upload = async (login_: string, libraryId: string) => {
      const session = await login(ctx.app, login_);
      return ctx.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/imports?libraryId=${libraryId}`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
        payload: file,
      });
    };
    const librarian = await buildStaff(db, 'librarian', 'library', own.id);
    expect((await upload(librarian.login, own.id)).statusCode).toBe(403);
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
    expect((await upload(cataloguer.login, foreign.id)).statusCode).toBe(403);
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/v1/catalog/imports', headers: { 'content-type': 'application/octet-stream' }, payload: file });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lists earlier imports with their counts: one’s own, and the network’s to its director; searchable by file name', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const other = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const cataloguer = await buildStaff(db, 'cataloguer', 'network', network.id);
    const colleague = await buildStaff(db, 'cataloguer', 'network', network.id);
    const director = await buildStaff(db, 'director', 'network', network.id);
    const stranger = await buildStaff(db, 'director', 'network', other.id);
    const session = await login(ctx.app, cataloguer.login);
    const upload = (name: string, query: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/catalog/imports?fileName=${encodeURIComponent(name)}${query}`,
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
        payload: file,
      });
    expect((await upload('Кемин-2025.iso', `&libraryId=${library.id}`)).statusCode).toBe(202);
    await ctx.app.jobs.runPending();
    // Without a library the import still belongs to the cataloguer's network.
    expect((await upload('филиал-21.iso', '')).statusCode).toBe(202);

    type Run = { id: string; fileName: string; status: string; libraryName: string | null; startedBy: string; counts: { read: number; created: number; matched: number; rejected: number; copies: number } | null };
    const list = async (login_: string, query = '') => {
      const res = await client(ctx.app, await login(ctx.app, login_)).get(`/api/v1/catalog/imports?pageSize=10${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Run[]; total: number };
    };
    const own = await list(cataloguer.login);
    expect(own.items.map((r) => [r.fileName, r.status])).toEqual([['филиал-21.iso', 'queued'], ['Кемин-2025.iso', 'done']]);
    // (The first test imported the same record: here it is matched, not created again.)
    expect(own.items[1]).toMatchObject({ libraryName: library.name, startedBy: cataloguer.fullName, counts: { read: 2, rejected: 1 } });
    expect(own.items[1]!.counts!.created + own.items[1]!.counts!.matched).toBe(1);
    expect((await list(cataloguer.login, `&q=${encodeURIComponent('кемин')}`)).items.map((r) => r.fileName)).toEqual(['Кемин-2025.iso']);
    expect((await list(director.login)).total).toBe(2);
    expect((await list(colleague.login)).total).toBe(0);
    expect((await list(stranger.login)).total).toBe(0);
    // The director may download the report too; a director of another network may not.
    const report = `/api/v1/catalog/imports/${own.items[1]!.id}/report.xlsx`;
    expect((await client(ctx.app, await login(ctx.app, director.login)).get(report)).statusCode).toBe(200);
    expect((await client(ctx.app, await login(ctx.app, stranger.login)).get(report)).statusCode).toBe(403);
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    expect((await client(ctx.app, await login(ctx.app, librarian.login)).get('/api/v1/catalog/imports')).statusCode).toBe(403);
  });
});
