/** A visitor without JavaScript finds the network's rural libraries with address, hours and phone. */
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo } from './browser';

describe.skipIf(!hasChromium)('public portal in a browser with JavaScript disabled', () => {
  const served = useDemo();

  it('lists the rural libraries and opens one, then switches to the version for the visually impaired', async () => {
    const context = await served.browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/`);
    await page.getByRole('link', { name: 'Сельские библиотеки' }).first().click();
    await expect.poll(() => page.url()).toContain('/libraries');
    const body = await page.locator('main').innerText();
    expect(body).toContain('Филиал № 21');
    expect(body).toMatch(/\+996/);
    expect(body).toMatch(/\d{1,2}:\d{2}/);

    await page
      .getByRole('link', { name: /Филиал № 21/ })
      .first()
      .click();
    const libraryPage = await page.locator('main').innerText();
    expect(libraryPage).toContain('Часы работы');
    expect(libraryPage).toContain('с. Подгорное');

    await page.getByRole('link', { name: 'Версия для слабовидящих' }).first().click();
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'a11y')?.value).toBe('1');
    expect(await page.getByRole('link', { name: 'Обычная версия' }).count()).toBeGreaterThan(0);
    await context.close();
  });

  it("shows a record's copies on a phone one line each, no word cut: library, then call number and status", async () => {
    const context = await served.browser.newContext({
      javaScriptEnabled: false,
      locale: 'ru-RU',
      viewport: { width: 390, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/catalog?q=${encodeURIComponent('Джамиля')}`);
    await page.getByRole('link', { name: 'Джамиля' }).first().click();
    const table = page.locator('.copies-table');
    await table.waitFor();
    // The page does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // Lines of a cell's first text: one when no word is cut and nothing wraps.
    const lines = (selector: string) =>
      table.locator(selector).evaluateAll((cells) =>
        cells.map((td) => {
          const range = document.createRange();
          range.selectNodeContents(td.firstChild!);
          return {
            text: td.firstChild!.textContent!.trim(),
            lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
          };
        }),
      );
    const statuses = await lines('td:last-child');
    expect(statuses.length).toBeGreaterThan(1);
    for (const status of statuses) expect(status).toEqual({ text: 'на полке', lines: 1 });
    for (const callNumber of await lines('td:first-of-type')) expect(callNumber.lines, callNumber.text).toBe(1);
    await context.close();
  });
});
