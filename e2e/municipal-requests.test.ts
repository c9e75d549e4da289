/**
 * The municipal information centre in a browser: an official sends a request from the portal, a
 * librarian answers it in the staff app with a web source, the official reads the answer; a manager
 * downloads the report to the municipality and its PDF pages carry Russian text (pdftotext).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 20_000 };

describe.skipIf(!hasChromium)('municipal requests and the report in a browser', () => {
  const served = useDemo();
  beforeAll(() => {
    mkdirSync('test-results', { recursive: true });
  });

  it('an official asks, a librarian answers with a source, the official reads the answer', async () => {
    const official = await served.browser.newPage({ locale: 'ru-RU' });
    official.setDefaultTimeout(20_000);
    await official.goto(`${served.baseUrl}/msu`);
    await official.locator('#login').fill('official');
    await official.locator('#password').fill('demo12345');
    await official.getByRole('button', { name: 'Войти' }).click();
    await official.goto(`${served.baseUrl}/msu/requests/new`);
    // A request without a topic is refused with a message, and what was typed stays.
    await official.locator('#text').fill('Для сессии айылного кенеша.');
    await official.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(async () => official.locator('#topic').getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await official.locator('#text').inputValue()).toBe('Для сессии айылного кенеша.');
    await official.locator('#topic').fill('Порядок сдачи в аренду земель сельхозназначения');
    await official.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(() => official.url(), WAIT).toMatch(/\/msu\/requests\/[0-9a-f-]{36}$/);
    const requestUrl = official.url();

    const staff = await signInStaff(served, 'librarian', { width: 1366 });
    await staff.getByTestId('nav-municipal').click();
    // The demo's overdue request is highlighted in the inbox.
    await expect.poll(async () => staff.getByTestId('request-overdue').count(), WAIT).toBeGreaterThan(0);
    await staff.screenshot({ path: 'test-results/municipal-inbox.png', fullPage: true });
    await staff.getByTestId('request-row').filter({ hasText: 'Порядок сдачи в аренду' }).click();
    await expect.poll(async () => staff.getByTestId('answer-body').count(), WAIT).toBe(1);
    await staff.getByTestId('answer-body').fill('Порядок установлен Земельным кодексом КР; подборка документов — по ссылке.');
    await staff.getByTestId('answer-add-link').click();
    await staff.getByTestId('answer-url').fill('https://cbd.minjust.gov.kg/');
    await staff.getByTestId('answer-send').click();
    await expect.poll(async () => staff.getByTestId('message-answer').count(), WAIT).toBe(1);
    await staff.screenshot({ path: 'test-results/municipal-request.png', fullPage: true });

    await official.goto(requestUrl);
    const thread = await official.locator('main').innerText();
    expect(thread).toContain('Земельным кодексом');
    expect(thread).toContain('cbd.minjust.gov.kg');
    await official.screenshot({ path: 'test-results/msu-answer.png', fullPage: true });

    await staff.goto(`${served.baseUrl}/staff/municipal?tab=statistics`);
    await expect.poll(async () => staff.locator('.recharts-surface').count(), WAIT).toBeGreaterThan(0);
    await staff.screenshot({ path: 'test-results/municipal-statistics.png', fullPage: true });
  });

  it('on a phone an official finds the pages from the footer, returns to the page asked for after logging in, and reads the list without scrolling sideways', async () => {
    const phone = await served.browser.newPage({ locale: 'ru-RU', viewport: { width: 375, height: 800 } });
    phone.setDefaultTimeout(20_000);
    await phone.goto(`${served.baseUrl}/`);
    await phone.locator('footer').getByRole('link', { name: 'Для органов местного самоуправления' }).click();
    await expect.poll(() => new URL(phone.url()).pathname, WAIT).toBe('/msu');

    await phone.goto(`${served.baseUrl}/msu/requests/new`);
    await phone.locator('#login').fill('official');
    await phone.locator('#password').fill('demo12345');
    await phone.getByRole('button', { name: 'Войти' }).click();
    await expect.poll(() => new URL(phone.url()).pathname, WAIT).toBe('/msu/requests/new');

    // A needed-by date in the past is refused at the field; what was typed stays.
    await phone.locator('#topic').fill('Срок в прошлом');
    await phone.locator('#wantedBy').fill('2020-01-01');
    await phone.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(async () => phone.locator('#wantedBy-error').count(), WAIT).toBe(1);
    expect(await phone.locator('#wantedBy-error').innerText()).toContain('Эта дата уже прошла');
    expect(await phone.locator('#topic').inputValue()).toBe('Срок в прошлом');

    await phone.goto(`${served.baseUrl}/msu`);
    expect(await phone.locator('.msu-requests tbody tr').count()).toBeGreaterThan(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: 'test-results/msu-phone.png', fullPage: true });
  });

  it('a due date moved into the past is refused at its field before sending, while an overdue request keeps its date', async () => {
    const page = await signInStaff(served, 'methodist', { width: 1366 });
    await page.getByTestId('nav-municipal').click();
    await page.getByTestId('request-row').filter({ hasText: 'Нормы санитарных требований' }).click();
    const dueOn = page.getByTestId('request-due-on');
    await expect.poll(async () => dueOn.count(), WAIT).toBe(1);
    // The demo request is overdue: its date is past, and it can still be handed over as it is.
    expect(await page.getByTestId('request-assign').isDisabled()).toBe(false);
    await dueOn.fill('01.01.2020');
    await dueOn.blur();
    await expect.poll(async () => page.getByText('Эта дата уже прошла').count(), WAIT).toBe(1);
    expect(await page.getByTestId('request-assign').isDisabled()).toBe(true);
  });

  it('a methodologist downloads the report to the municipality; its PDF shows Russian text', async () => {
    const page = await signInStaff(served, 'methodist', { width: 1366 });
    await page.getByTestId('nav-municipal').click();
    await page.getByTestId('tab-report').click();
    await page.getByTestId('report-municipality').click();
    await page.getByRole('option', { name: 'Шабданский айыл окмоту' }).click();
    await page.screenshot({ path: 'test-results/municipal-report.png', fullPage: true });
    const href = await page.getByTestId('report-pdf').getAttribute('href');
    expect(href).toContain('/api/v1/municipal/report.pdf');
    const pdf = await page.request.get(`${served.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'kp-e2e-report-'));
    writeFileSync(join(dir, 'report.pdf'), await pdf.body());
    try {
      execFileSync('pdftoppm', ['-png', '-r', '60', join(dir, 'report.pdf'), join(dir, 'page')]);
    } catch {
      console.warn('pdftoppm is not installed: the report PDF was not rendered');
      return;
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'report.pdf'), '-']).toString().replace(/\s+/g, ' ');
    expect(text).toMatch(/[А-Яа-яЁё]{4,}/);
    expect(text).toContain('Шабданский айыл окмоту');
    expect(text).toContain('Мероприятия');
  });
});
