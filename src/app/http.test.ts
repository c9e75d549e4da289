/** The platform itself: health, OpenAPI, security headers, problem+json for unknown routes. */
import { brotliDecompressSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';

describeOnEachDatabase('platform', (ctx) => {
  it('reports health with the database kind and version', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: ctx.kind, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('publishes OpenAPI 3.1 with every API route, its summary saying who may call it', async () => {
    const spec = (await ctx.app.inject({ url: '/api/openapi.json' })).json() as {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string; responses?: Record<string, unknown> }>>;
    };
    expect(spec.openapi).toBe('3.1.0');
    const operations = Object.entries(spec.paths).filter(([path]) => path.startsWith('/api/')).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      expect(op.summary, `${method} ${path}`).toMatch(/\(.+\)/);
    }
    expect(spec.paths['/api/v1/libraries/{id}/passports/{year}']).toBeDefined();
    const docs = await ctx.app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('compresses larger answers for slow connections', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.rawPayload.length).toBeLessThan(JSON.stringify(JSON.parse(brotliDecompressSync(res.rawPayload).toString())).length / 3);
  });

  it('sends helmet headers and a strict CSP', async () => {
    const res = await ctx.app.inject({ url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers unknown API routes with problem+json 404', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Not found.' });
  });
});

describeOnEachDatabase('not found outside the API', (ctx) => {
  it('answers a mistyped portal address with the portal page, status 404', async () => {
    const res = await ctx.app.inject({ url: '/librarie', headers: { 'accept-language': 'ru' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Страница не найдена');
  });
});
