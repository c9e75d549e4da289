/**
 * A methodologist opens a held seminar from the staff app, writes into its protocol, adds a decision
 * with a responsible person and a due date, marks an overdue one done, and prints the protocol: the
 * PDF's pages, rendered with pdftoppm, carry the Russian protocol layout in Cyrillic text.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 20_000 };

describe.skipIf(!hasChromium)('seminar protocol in a browser', () => {
  const served = useDemo();

  it('writes the protocol, turns a decision into a task, closes an overdue one and prints the PDF', async () => {
    const page = await signInStaff(served, 'methodist');

    // The home page shows the overdue decisions of the demo seminars.
    const overdue = page.getByTestId('overdue-tasks');
    // The box appears before its list has loaded ("Загрузка…"): wait for the decision itself.
    await expect.poll(async () => ((await overdue.count()) > 0 ? overdue.innerText() : ''), WAIT).toContain(
      'Подключить библиотеку к Интернету',
    );

    await page.getByTestId('nav-seminars').click();
    await page.getByTestId('seminar-row').filter({ hasText: 'Библиотеки и социальное партнёрство' }).click();
    await page.getByTestId('protocol-edit').click();
    await page.getByRole('button', { name: 'Добавить доклад' }).click();
    await page.getByTestId('heard-speaker').last().fill('Курманалиева Д., библиограф');
    await page.getByTestId('heard-topic').last().fill('Об участии в конкурсе «Жизни и судьбы»');
    await page.getByTestId('protocol-save').click();
    await expect.poll(async () => page.getByTestId('protocol-view').innerText(), WAIT).toContain('Жизни и судьбы');

    await page.getByTestId('decision-add').click();
    await page.getByTestId('decision-text').fill('Подать заявку на конкурс «Жизни и судьбы».');
    await page.getByTestId('decision-responsible').fill('Курманалиева Д.');
    await page.getByTestId('decision-save').click();
    // A decision without a due date is refused with a clear message, in place.
    await expect.poll(async () => page.getByText('Дата в виде ДД.ММ.ГГГГ.').count(), WAIT).toBeGreaterThan(0);
    await page.getByTestId('decision-due').fill('01.03.2099');
    await page.getByTestId('decision-due').press('Tab');
    await page.getByTestId('decision-save').click();
    await expect.poll(async () => page.getByTestId('task-row').filter({ hasText: 'Жизни и судьбы' }).count(), WAIT).toBe(1);

    const overdueRow = page.getByTestId('task-row').filter({ hasText: 'Увеличить средства на подписку' });
    expect(await overdueRow.getByTestId('task-overdue').count()).toBe(1);
    await overdueRow.getByTestId('task-progress').click();
    await page.getByTestId('task-save').click();
    await expect.poll(async () => overdueRow.getByTestId('task-overdue').count(), WAIT).toBe(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/seminar-page.png', fullPage: true });

    const href = await page.getByTestId('protocol-pdf').getAttribute('href');
    const pdf = await page.request.get(`${served.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'kp-e2e-protocol-'));
    writeFileSync(join(dir, 'protocol.pdf'), await pdf.body());
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'protocol.pdf'), join(dir, 'page')]);
    } catch {
      console.warn('pdftoppm is not installed: the protocol PDF was not rendered');
      return;
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'protocol.pdf'), '-']).toString().replace(/\s+/g, ' ');
    for (const expected of ['ПРОТОКОЛ № 2', 'Присутствовали', 'Повестка дня', 'СЛУШАЛИ', 'ВЫСТУПИЛИ', 'РЕШИЛИ', 'Жизни и судьбы', 'Кеминская централизованная библиотечная система']) {
      expect(text).toContain(expected);
    }
    await page.close();
  });
});
