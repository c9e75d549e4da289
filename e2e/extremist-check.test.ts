/**
 * A cataloguer uploads a version of the Federal list of extremist materials, starts a check of the
 * network's collection, watches the progress bar while the background job matches the list (the job is
 * interrupted after its first step and the restarted runner continues it), reviews the matches and
 * downloads the dated act.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../src/app/jobs';
import { jobs } from '../src/app/jobs.tables';
import { runExtremistCheckJob } from '../src/catalog/extremist/extremist.job';
import { extremistChecks } from '../src/catalog/extremist/extremist.tables';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 30_000 };
const ENTRIES = 150;

/** The list as published: numbered entries, two of them books the demo network holds. */
function listFile() {
  const lines = Array.from({ length: ENTRIES }, (_, i) => `${i + 1}. Брошюра «Материал без совпадений номер ${i + 1}» (решение районного суда от 01.02.2010);`);
  lines[2] = '3. Книга Айтматова Ч. «Белый пароход» (решение Энского районного суда от 05.05.2012);';
  lines[99] = '100. Книга «И дольше века длится день» (решение Заречного районного суда от 12.03.2011);';
  const file = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'exportfsm.txt');
  writeFileSync(file, `Федеральный список экстремистских материалов\n\n${lines.join('\n')}\n`);
  return file;
}

describe.skipIf(!hasChromium)('check against the Federal list in a browser', () => {
  const served = useDemo();
  beforeAll(() => {
    mkdirSync('test-results', { recursive: true });
  });

  /** Runs the check's job until its first step is saved, then leaves it as a process that died would. */
  async function interruptAfterFirstStep() {
    const db = served.database.db;
    const [check] = await db.select().from(extremistChecks).orderBy(desc(extremistChecks.createdAt)).limit(1);
    const job = (await findJob(db, check!.jobId!))!;
    await db.update(jobs).set({ status: 'running', attempts: 1, startedAt: new Date() }).where(eq(jobs.id, job.id));
    await new Promise<void>((stepSaved) => {
      void runExtremistCheckJob({
        db,
        job,
        reportProgress: async () => {},
        saveCheckpoint: async (checkpoint) => {
          await db
            .update(jobs)
            .set({ checkpoint, progress: { done: Number(checkpoint.done), total: ENTRIES }, heartbeatAt: sql`now() - interval '10 minutes'` })
            .where(eq(jobs.id, job.id));
          stepSaved();
          await new Promise(() => {});
        },
      });
    });
  }

  it('uploads the list, runs the check with a progress bar, reviews the matches and downloads the act', async () => {
    const page = await signInStaff(served, 'cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog/extremist`);
    await page.locator('input[type="file"]').setInputFiles(listFile());
    // Dates are typed as everywhere in the app: DD.MM.YYYY.
    const edition = page.getByTestId('extremist-published-on');
    await edition.fill('30.11.2026');
    await edition.blur();
    await page.getByTestId('extremist-upload').click();
    await page.getByText(`30.11.2026 (${ENTRIES})`).first().waitFor(WAIT);
    // What of the file was not an entry is named by line: its heading.
    const read = page.getByTestId('extremist-list-read');
    await expect.poll(() => read.innerText(), WAIT).toContain(`Прочитано записей списка: ${ENTRIES}.`);
    expect(await read.innerText()).toContain('строка 1: «Федеральный список экстремистских материалов»');
    await page.screenshot({ path: 'test-results/extremist-list-read.png' });

    // The server's runner is stopped, so the check waits and then is interrupted after one step.
    await served.app.jobs.stop();
    const commission = page.getByRole('textbox', { name: 'Комиссия' });
    await commission.fill('Директор — Смирнова А. А.\nБиблиограф — Кузнецова Е. В.\nКаталогизатор — Сыдыкова Н. М.');
    await page.getByTestId('extremist-start').click();
    await page.getByText('Сверка ждёт своей очереди').waitFor(WAIT);
    await page.screenshot({ path: 'test-results/extremist-queued.png', fullPage: true });

    await interruptAfterFirstStep();
    await page.getByText(`Просмотрено записей списка: 50 из ${ENTRIES}`).waitFor(WAIT);
    const bar = page.getByTestId('extremist-matching').getByRole('progressbar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeCloseTo((50 / ENTRIES) * 100, 0);
    await expect.poll(() => page.getByTestId('extremist-checks').getByText('идёт поиск').count(), WAIT).toBe(1);
    await page.screenshot({ path: 'test-results/extremist-matching.png', fullPage: true });

    // The restarted runner takes the job over from its checkpoint; the review table replaces the bar.
    served.app.jobs.start(200);
    const matches = page.getByTestId('extremist-matches');
    await matches.waitFor(WAIT);
    const rows = matches.locator('tbody tr');
    await expect.poll(() => rows.filter({ hasText: '№ 3.' }).count(), WAIT).toBeGreaterThan(0);
    await expect.poll(() => rows.filter({ hasText: '№ 100.' }).count(), WAIT).toBeGreaterThan(0);
    const db = served.database.db;
    const [check] = await db.select().from(extremistChecks).orderBy(desc(extremistChecks.createdAt)).limit(1);
    expect(await findJob(db, check!.jobId!)).toMatchObject({ status: 'done', attempts: 2, progress: { done: ENTRIES, total: ENTRIES } });
    await page.screenshot({ path: 'test-results/extremist-review.png', fullPage: true });
    // The list entry's number finds its matches alone.
    const search = page.getByTestId('extremist-match-search');
    await search.fill('100');
    await expect.poll(() => rows.filter({ hasNotText: '№ 100.' }).count(), WAIT).toBe(0);
    await search.fill('');
    await expect.poll(() => rows.filter({ hasText: '№ 3.' }).count(), WAIT).toBeGreaterThan(0);

    // Confirm one match, dismiss every other.
    // Its copies are withheld from readers: the librarian confirms in a dialog that names them.
    await rows.filter({ hasText: '№ 3.' }).first().getByRole('button', { name: 'Снять с выдачи' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Снять с выдачи' }).click();
    await expect.poll(() => rows.filter({ hasText: 'подтверждено · снято с выдачи' }).count(), WAIT).toBe(1);
    for (;;) {
      const pending = rows.filter({ hasText: 'не рассмотрено' });
      if ((await pending.count()) === 0) break;
      const before = await pending.count();
      // A dismissal may give its reason; later checks show it.
      await pending.first().getByRole('button', { name: 'Не совпадает' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Не совпадает' }).click();
      await expect.poll(() => rows.filter({ hasText: 'не рассмотрено' }).count(), WAIT).toBe(before - 1);
    }
    // Only the confirmed one under its filter; the export holds what the filter keeps.
    await page.getByTestId('extremist-decision-filter').getByText('Подтверждены').click();
    await expect.poll(() => rows.count(), WAIT).toBe(1);
    const exportHref = await page.getByTestId('extremist-matches-export').getAttribute('href');
    expect(exportHref).toContain('decision=confirmed');
    const exported = await page.request.get(`${served.baseUrl}${exportHref}`);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');
    await page.getByRole('button', { name: 'Закрыть сверку' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Закрыть сверку' }).click();
    await expect.poll(() => page.getByTestId('extremist-checks').getByText('закрыта').count(), WAIT).toBe(1);
    await page.screenshot({ path: 'test-results/extremist-closed.png', fullPage: true });

    const href = await page.getByTestId('extremist-act').getAttribute('href');
    const act = await page.request.get(`${served.baseUrl}${href}`);
    expect(act.status()).toBe(200);
    expect(act.headers()['content-type']).toBe('application/pdf');
    const pdf = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'act.pdf');
    writeFileSync(pdf, await act.body());
    writeFileSync('test-results/extremist-act.pdf', await act.body());
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    if (text.error) {
      console.warn('pdftotext is absent (apt-get install poppler-utils): the act text is not checked');
    } else {
      const flat = text.stdout.replace(/\s+/g, ' ');
      expect(flat).toContain('в редакции от 30.11.2026');
      expect(flat).toContain('Смирнова А. А.');
      expect(flat).toContain('Белый пароход');
      expect(flat).toContain('Подтверждено совпадений: 1');
      expect(flat).toContain('сняты с выдачи');
      expect(flat).toContain('Не рассмотрено: 0');
    }
    await page.context().close();
  });
});
