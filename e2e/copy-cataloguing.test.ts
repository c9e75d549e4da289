/**
 * The network admin adds an SRU server in the staff app; a cataloguer searches it, looks at a record
 * and imports it, landing on the new record's page. The server is Debian's yaz-ztest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZtest, ztestUnavailable, type ZtestServer } from '../src/catalog/copy/ztest.test-support';
import { hasChromium, useDemo, signInStaff } from './browser';

const missing = ztestUnavailable();
if (missing) console.warn(`Browser copy cataloguing SKIPPED: ${missing}`);

describe.skipIf(!hasChromium || missing)('copy cataloguing in a browser', () => {
  let ztest: ZtestServer;
  beforeAll(async () => {
    ztest = await startZtest();
  });
  afterAll(() => {
    ztest?.stop();
  });
  const served = useDemo();

  async function signIn(login: string) {
    const page = await signInStaff(served, login);
    await page.getByTestId('nav-catalog').waitFor();
    return page;
  }

  it('the admin adds a server, a cataloguer finds and imports a record from it', async () => {
    const admin = await signIn('admin');
    await admin.goto(`${served.baseUrl}/staff/catalog/sru-servers`);
    await admin.getByTestId('sru-add').click();
    await admin.getByTestId('sru-name').fill('Тестовый сервер yaz');
    await admin.getByTestId('sru-url').fill(ztest.url);
    await admin.getByTestId('sru-database').fill('Default');
    await admin.getByTestId('sru-save').click();
    await expect.poll(() => admin.getByTestId('sru-servers').innerText()).toContain('Тестовый сервер yaz');
    await admin.close();

    const page = await signIn('cataloguer');
    await page.getByTestId('nav-catalog').click();
    await page.getByTestId('catalog-copy').click();
    // Search with nothing to look for says so at the title field.
    await page.getByTestId('copy-search').click();
    await page.getByText('Укажите заглавие, автора или ISBN.').waitFor();
    await page.getByTestId('copy-title').fill('computer');
    await page.getByTestId('copy-search').click();
    await expect.poll(() => page.getByTestId('copy-row').count()).toBeGreaterThan(0);
    await page.getByTestId('copy-preview').first().click();
    await expect.poll(() => page.getByTestId('marc-table').innerText()).toContain('245');
    await page.screenshot({ path: 'test-results/staff-copy-preview.png', fullPage: true });
    await page.getByTestId('copy-import').click();
    await expect.poll(() => page.getByTestId('record-title').innerText(), { timeout: 20_000 }).toBe('How to program a computer');
    expect(page.url()).toMatch(/\/staff\/catalog\/records\/[0-9a-f-]{36}$/);
    await page.close();
  });
});
