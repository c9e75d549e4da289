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

    await page.getByRole('link', { name: /Филиал № 21/ }).first().click();
    const libraryPage = await page.locator('main').innerText();
    expect(libraryPage).toContain('Часы работы');
    expect(libraryPage).toContain('с. Подгорное');

    await page.getByRole('link', { name: 'Версия для слабовидящих' }).first().click();
    await expect.poll(async () => (await context.cookies()).find((c) => c.name === 'a11y')?.value).toBe('1');
    expect(await page.getByRole('link', { name: 'Обычная версия' }).count()).toBeGreaterThan(0);
    await context.close();
  });
});
