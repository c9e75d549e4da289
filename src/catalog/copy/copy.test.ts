/**
 * Copy cataloguing against a real SRU server (yaz-ztest): the admin configures it, a cataloguer
 * searches it by title/author/ISBN, previews and imports a record, and a second import is caught.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditLog } from '../../audit';
import { ROLES } from '../../staff/staff.schemas';
import { buildNetwork, buildStaff, client, login, type Session } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { closedPort, startZtest, ztestUnavailable, type ZtestServer } from './ztest.test-support';

const missing = ztestUnavailable();
if (missing) console.warn(`Copy cataloguing over SRU SKIPPED: ${missing}`);

interface Hit {
  position: number;
  title: string;
  authors: string[];
  description: string;
  marc: unknown;
  matchId: string | null;
}
interface Result {
  query: string;
  total: number;
  hits: Hit[];
  diagnostics: string[];
}

describeOnEachDatabase('copy cataloguing over SRU (yaz-ztest)', (ctx) => {
  let ztest: ZtestServer;
  let admin: Session;
  let cataloguer: Session;
  let serverId: string;

  beforeAll(async () => {
    if (missing) return;
    ztest = await startZtest();
    const db = ctx.database.db;
    admin = await login(ctx.app, (await buildStaff(db, 'network_admin', 'installation', null)).login);
    const network = await buildNetwork(db);
    cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', network.id)).login);
  });
  afterAll(() => ztest?.stop());

  it.skipIf(missing)('the admin configures a server; the cataloguer sees it', async () => {
    const res = await client(ctx.app, admin).post('/api/v1/catalog/sru-servers', {
      name: 'yaz-ztest',
      baseUrl: ztest.url,
      database: 'Default',
      recordSchema: 'marcxml',
    });
    expect(res.statusCode, res.body).toBe(201);
    serverId = res.json<{ id: string }>().id;
    const list = (await client(ctx.app, cataloguer).get('/api/v1/catalog/sru-servers')).json<{ items: { id: string; canManage: boolean }[]; canCreate: boolean }>();
    expect(list.items.find((s) => s.id === serverId)).toMatchObject({ canManage: false });
    expect(list.canCreate).toBe(false);
    const audit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, serverId), eq(auditLog.action, 'sru_server.create')));
    expect(audit).toHaveLength(1);
  });

  it.skipIf(missing)('searches by title, reads the MARCXML records and pages', async () => {
    const http = client(ctx.app, cataloguer);
    const res = await http.get(`/api/v1/catalog/sru-servers/${serverId}/search?title=computer&max=5`);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<Result>();
    expect(result.query).toBe('dc.title all "computer"');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.length).toBeLessThanOrEqual(5);
    expect(result.hits[0]!.title).toBe('How to program a computer');
    expect(result.hits[0]!.authors[0]).toMatch(/Collins/);
    expect(result.hits[0]!.description).toContain('How to program a computer');
    const page = (await http.get(`/api/v1/catalog/sru-servers/${serverId}/search?title=7&max=2&start=2`)).json<Result>();
    expect(page.query).toBe('dc.title all "7"');
    expect(page.total).toBeGreaterThan(1);
    const last = Math.min(page.total, 3);
    expect(page.hits.map((h) => h.position)).toEqual(Array.from({ length: last - 1 }, (_, i) => i + 2));
    const isbn = (await http.get(`/api/v1/catalog/sru-servers/${serverId}/search?isbn=978-5-17-090853-0`)).json<Result>();
    expect(isbn.query).toBe('dc.identifier="9785170908530"');
  });

  it.skipIf(missing)('imports a record, with audit; the same record is then shown and refused as a duplicate', async () => {
    const http = client(ctx.app, cataloguer);
    const search = async () => (await http.get(`/api/v1/catalog/sru-servers/${serverId}/search?title=1&max=1`)).json<Result>();
    const hit = (await search()).hits[0]!;
    expect(hit.matchId).toBeNull();
    const created = await http.post(`/api/v1/catalog/sru-servers/${serverId}/import`, { marc: hit.marc });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json<{ id: string; title: string; format: string }>();
    expect(record).toMatchObject({ title: hit.title, format: 'marc21' });
    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.objectId, record.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['bib_record.copy_catalogue', 'bib_record.create']);
    expect(audit.find((a) => a.action === 'bib_record.copy_catalogue')!.summary).toContain('yaz-ztest');
    expect((await search()).hits[0]!.matchId).toBe(record.id);
    const again = await http.post(`/api/v1/catalog/sru-servers/${serverId}/import`, { marc: hit.marc });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('copy_duplicate');
    // The record is found in our own catalogue at once.
    const found = (await http.get(`/api/v1/catalog/search?q=${encodeURIComponent(hit.title)}`)).json<{ items: { id: string }[] }>();
    expect(found.items.map((i) => i.id)).toContain(record.id);
  });

  it.skipIf(missing)("shows the server's diagnostics and says when the server is unreachable", async () => {
    const adminHttp = client(ctx.app, admin);
    // yaz-ztest has no RUSMARC: each record comes back as a surrogate diagnostic.
    const rusmarc = await adminHttp.post('/api/v1/catalog/sru-servers', { name: 'rusmarc', baseUrl: ztest.url, database: 'Default', recordSchema: 'rusmarc' });
    const diag = (await client(ctx.app, cataloguer).get(`/api/v1/catalog/sru-servers/${rusmarc.json<{ id: string }>().id}/search?title=2`)).json<Result>();
    expect(diag.hits).toEqual([]);
    expect(diag.diagnostics[0]).toMatch(/^info:srw\/diagnostic\/1\/63 /);
    const noDb = await adminHttp.post('/api/v1/catalog/sru-servers', { name: 'no such db', baseUrl: ztest.url, database: 'Nope' });
    const missingDb = await client(ctx.app, cataloguer).get(`/api/v1/catalog/sru-servers/${noDb.json<{ id: string }>().id}/search?title=war`);
    expect(missingDb.statusCode).toBe(502);
    expect(missingDb.json<{ code: string; title: string }>()).toMatchObject({ code: 'sru_http_error', title: `Сервер по адресу ${ztest.url}/Nope ответил ошибкой HTTP 404: проверьте адрес и базу данных.` });
    // Nothing listens there: the address and the reason in words, no field of the form named, no system codes.
    const downUrl = `http://127.0.0.1:${await closedPort()}`;
    const down = await adminHttp.post('/api/v1/catalog/sru-servers', { name: 'down', baseUrl: downUrl });
    const res = await client(ctx.app, cataloguer).get(`/api/v1/catalog/sru-servers/${down.json<{ id: string }>().id}/search?title=war`);
    expect(res.statusCode).toBe(502);
    const problem = res.json<{ code: string; title: string; detail: string; errors?: unknown }>();
    expect(problem).toMatchObject({ code: 'sru_unreachable', title: `Сервер не отвечает по адресу ${downUrl} (соединение отклонено).` });
    expect(problem.detail).toBe(problem.title);
    expect(problem.errors).toBeUndefined();
    // A web server that is not SRU answers: it did answer, only not as SRU.
    const web = createServer((_req, reply) => reply.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Библиотека</body></html>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
      const site = await adminHttp.post('/api/v1/catalog/sru-servers', { name: 'site', baseUrl: webUrl });
      const answer = await client(ctx.app, cataloguer).get(`/api/v1/catalog/sru-servers/${site.json<{ id: string }>().id}/search?title=war`);
      expect(answer.statusCode).toBe(502);
      expect(answer.json<{ code: string; title: string }>()).toMatchObject({ code: 'sru_not_sru', title: `По адресу ${webUrl} отвечает не SRU-сервер.` });
    } finally {
      web.close();
    }
  });

  it.skipIf(missing)('validates the server form and the search', async () => {
    const res = await client(ctx.app, admin).post('/api/v1/catalog/sru-servers', { name: '', baseUrl: 'ftp://x' });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field).sort()).toEqual(['baseUrl', 'name']);
    // An address typed without its scheme is told so at the address field.
    const bare = await client(ctx.app, admin).post('/api/v1/catalog/sru-servers', { name: 'bare', baseUrl: 'sru.example.org/sru' });
    expect(bare.json<{ errors: { field: string; message: string }[] }>().errors).toEqual([
      { field: 'baseUrl', code: 'http_url', message: 'Адрес должен начинаться с http:// или https://' },
    ]);
    expect((await client(ctx.app, cataloguer).get(`/api/v1/catalog/sru-servers/${serverId}/search`)).statusCode).toBe(422);
  });

  it.skipIf(missing)('authorization: only network admins configure; record editors search and import; a network admin only for their network', async () => {
    const db = ctx.database.db;
    const networkA = await buildNetwork(db);
    const networkB = await buildNetwork(db);
    const netAdmin = await login(ctx.app, (await buildStaff(db, 'network_admin', 'network', networkA.id)).login);
    const http = client(ctx.app, netAdmin);
    const body = { name: 'Regional', baseUrl: ztest.url, database: 'Default' };
    expect((await http.post('/api/v1/catalog/sru-servers', body)).statusCode).toBe(403);
    expect((await http.post('/api/v1/catalog/sru-servers', { ...body, networkId: networkB.id })).statusCode).toBe(403);
    const own = await http.post('/api/v1/catalog/sru-servers', { ...body, networkId: networkA.id });
    expect(own.statusCode).toBe(201);
    const ownId = own.json<{ id: string }>().id;
    expect((await http.put(`/api/v1/catalog/sru-servers/${serverId}`, body)).statusCode).toBe(403);
    expect((await http.delete(`/api/v1/catalog/sru-servers/${serverId}`)).statusCode).toBe(403);
    // A cataloguer of network B does not see network A's server.
    const otherCataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', networkB.id)).login);
    expect((await client(ctx.app, otherCataloguer).get(`/api/v1/catalog/sru-servers/${ownId}/search?title=1`)).statusCode).toBe(404);
    for (const role of ROLES) {
      const user = await login(ctx.app, (await buildStaff(db, role, 'network', networkA.id)).login);
      const c = client(ctx.app, user);
      const editor = ['network_admin', 'director', 'methodologist', 'cataloguer'].includes(role);
      expect((await c.get('/api/v1/catalog/sru-servers')).statusCode, role).toBe(editor ? 200 : 403);
      expect((await c.get(`/api/v1/catalog/sru-servers/${ownId}/search?title=1`)).statusCode, role).toBe(editor ? 200 : 403);
      expect((await c.post(`/api/v1/catalog/sru-servers/${ownId}/import`, { marc: { leader: '00000nam a2200000 a 4500', fields: [{ tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: `Книга ${role}` }] }] } })).statusCode, role).toBe(editor ? 201 : 403);
      const put = await c.put(`/api/v1/catalog/sru-servers/${ownId}`, { ...body, networkId: networkA.id });
      expect(put.statusCode, role).toBe(role === 'network_admin' ? 200 : 403);
    }
    expect((await client(ctx.app).get('/api/v1/catalog/sru-servers')).statusCode).toBe(401);
    expect((await http.delete(`/api/v1/catalog/sru-servers/${ownId}`)).statusCode).toBe(204);
  });
});
