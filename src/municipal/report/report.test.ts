/** The report to the municipality: its figures equal the records behind them; the PDF renders Cyrillic text. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildPassport, passportData } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { buildMunicipalNetwork } from '../municipal.test-support';

describeOnEachDatabase('report to the municipality', (ctx) => {
  it('counts the municipality’s requests and the libraries’ needs, and renders a PDF with Cyrillic text', async () => {
    const db = ctx.database.db;
    const net = await buildMunicipalNetwork(db, ctx.app);
    await buildPassport(db, net.branch.id, 2026, passportData({ building: { totalArea: 60, condition: 'needs_repair' }, internet: { has: false }, computers: { forUsers: 1, withInternet: 0 } }));
    const ask = async (topic: string) => (await net.http.official.post('/api/v1/municipal/requests/ask', { type: 'thematic', topic })).json<{ id: string }>().id;
    const answered = await ask('Закон о пастбищах');
    await ask('Бюджет айыл окмоту');
    await net.http.otherOfficial.post('/api/v1/municipal/requests/ask', { type: 'factual', topic: 'Чужой запрос' });
    await net.http.bibliographer.post(`/api/v1/municipal/requests/${answered}/answers`, { body: 'Ответ.' });
    const year = new Date().getUTCFullYear();
    const q = `municipalityId=${net.muni.id}&from=${year}-01-01&to=${year}-12-31`;

    const figures = (await net.http.official.get(`/api/v1/municipal/report?${q}`)).json<{
      requests: { total: number; answered: number; byType: Record<string, number> };
      needs: { name: string; condition: string; hasInternet: boolean; computers: number }[];
      libraries: { id: string }[];
    }>();
    expect(figures.requests).toMatchObject({ total: 2, answered: 1, byType: { thematic: 2 } });
    expect(figures.libraries.map((l) => l.id)).toEqual([net.branch.id]);
    expect(figures.needs).toEqual([expect.objectContaining({ name: net.branch.name, condition: 'needs_repair', hasInternet: false, computers: 1 })]);

    expect((await net.http.otherOfficial.get(`/api/v1/municipal/report?${q}`)).statusCode).toBe(403);
    expect((await net.http.bibliographer.get(`/api/v1/municipal/report?${q}`)).statusCode).toBe(403);
    const noScope = await net.http.director.get(`/api/v1/municipal/report?from=${year}-01-01&to=${year}-12-31`);
    expect(noScope.statusCode).toBe(422);
    const backwards = await net.http.director.get(`/api/v1/municipal/report?municipalityId=${net.muni.id}&from=${year}-12-31&to=${year}-01-01`);
    expect(backwards.json()).toMatchObject({ errors: [{ field: 'to', code: 'period_order' }] });

    for (const lang of ['ru', 'ky'] as const) {
      const pdf = await net.http.director.get(`/api/v1/municipal/report.pdf?${q}&lang=${lang}`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const dir = mkdtempSync(join(tmpdir(), 'kp-report-'));
      const file = join(dir, 'report.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
      expect(text).toContain(lang === 'ru' ? 'Отчёт библиотек' : 'Китепканалардын');
      expect(text).toContain(net.muni.name);
      expect(text).toContain('Закон о пастбищах');
      execFileSync('pdftoppm', ['-png', '-r', '40', file, join(dir, 'page')]);
      expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(1);
    }
    const xlsx = await net.http.official.get(`/api/v1/municipal/report.xlsx?${q}&lang=ky`);
    expect(xlsx.statusCode).toBe(200);
  });
});
