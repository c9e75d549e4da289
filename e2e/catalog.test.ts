/**
 * A cataloguer imports a MARC file from the staff app and watches it finish; a reader without
 * JavaScript then finds a book in the public catalogue and sees where its copies are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { controlField, dataField, writeIso2709 } from '../src/catalog/marc';
import { hasChromium, serveDemo, type Served } from './browser';

describe.skipIf(!hasChromium)('catalogue in a browser', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveDemo();
  });
  afterAll(async () => {
    await served?.close();
  });

  it('imports a file from the staff app and shows the result', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kp-e2e-')), 'branch.iso');
    writeFileSync(
      file,
      writeIso2709(
        ['Сынган кылыч', 'Кылым карыткан бир күн'].map((title, i) => ({
          leader: '00000nam0 2200000   450 ',
          fields: [
            controlField('001', `E2E-${i}`),
            dataField('200', '1', ' ', [['a', title]]),
            dataField('210', ' ', ' ', [['a', 'Бишкек'], ['d', '2019']]),
          ],
        })),
      ),
    );
    const page = await served.browser.newPage({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.goto(`${served.baseUrl}/staff/`);
    await page.getByTestId('login-login').fill('cataloguer');
    await page.getByTestId('login-password').fill('demo12345');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-catalog').click();
    await page.goto(`${served.baseUrl}/staff/catalog/import`);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('import-start').click();
    const result = page.getByTestId('import-result');
    await expect.poll(async () => (await result.count()) > 0 && (await result.innerText()), { timeout: 30_000 }).toMatch(/2/);
    await page.screenshot({ path: 'test-results/staff-import.png', fullPage: true });
    await page.close();
  });

  it('finds a book in the public catalogue without JavaScript and shows its copies', async () => {
    const context = await served.browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/catalog?q=${encodeURIComponent('айтматов джамиля')}`);
    await page.getByRole('link', { name: 'Джамиля' }).first().click();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Айтматов');
    expect(text).toMatch(/на полке|выдан/);
    await context.close();
  });
});
