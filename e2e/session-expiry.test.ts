/**
 * A cataloguer's session ends while they are typing a new record (it expired, or was ended elsewhere):
 * the form stays as it was, the password is asked for again over it, and the record is then saved
 * with everything typed before.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, hasChromium, signInStaff, useDemo } from './browser';

describe.skipIf(!hasChromium)('a session that ends under an open form', () => {
  const served = useDemo();

  it('asks for the password over the form and keeps what was typed', async () => {
    const page = await signInStaff(served, 'cataloguer');
    await page.goto(`${served.baseUrl}/staff/catalog/records/new`);
    const title = `Тоо арасында ${Date.now() % 1_000_000}`;
    await page.getByTestId('record-field-title').fill(title);
    await page.getByTestId('record-field-summary').fill('Повесть о чабанах Ала-Тоо, записанная в селе Кочкор.');
    // The browser loses the session cookie, as when the session expires.
    await page.context().clearCookies();
    await page.getByTestId('record-save').click();
    const dialog = page.getByTestId('session-expired');
    await dialog.waitFor();
    expect(page.url()).toMatch(/\/catalog\/records\/new$/);
    // A wrong password is said so in the dialog; the right one closes it.
    await page.getByTestId('session-expired-password').fill('не тот пароль');
    await page.getByTestId('session-expired-submit').click();
    await dialog.getByRole('alert').waitFor();
    await page.getByTestId('session-expired-password').fill(DEMO_PASSWORD);
    await page.getByTestId('session-expired-submit').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByTestId('record-field-title').inputValue()).toBe(title);
    await page.getByTestId('record-save').click();
    await page.waitForURL(/\/staff\/catalog\/records\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('main').innerText()).toContain('записанная в селе Кочкор');
    const [saved] = await served.database.query<{ n: number }>('select count(*)::int as n from bib_records where title = $1', [title]);
    expect(saved?.n).toBe(1);
    await page.context().close();
  });
});
