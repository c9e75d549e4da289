/**
 * A methodologist logs in, opens a branch, edits its passport, switches the interface to Kyrgyz and
 * finds her change in the audit log.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo, signInStaff } from './browser';

describe.skipIf(!hasChromium)('staff app in a browser', () => {
  const served = useDemo();

  it('edits a branch passport, switches to Kyrgyz and sees the change in the audit log', async () => {
    const page = await signInStaff(served, 'methodist');

    await page.getByTestId('nav-libraries').click();
    await page.getByPlaceholder(/Поиск/).fill('Подгорное');
    await page.getByTestId('library-row').filter({ hasText: 'Филиал № 21' }).first().click();
    await page.getByTestId('passport-edit').click();

    const newPhone = `+996 3535 ${Math.floor(100000 + Math.random() * 899999)}`;
    await page.getByTestId('passport-phone').fill(newPhone);
    await page.getByTestId('passport-save').click();
    await expect.poll(async () => (await page.locator('body').innerText()).includes(newPhone)).toBe(true);

    await page.getByTestId('language-switcher').click();
    await page.getByRole('option', { name: /Кыргыз/ }).click();
    await expect.poll(async () => (await page.locator('nav').first().innerText()).includes('Китепканалар')).toBe(true);

    await page.getByTestId('nav-audit').click();
    const row = page.getByTestId('audit-row').filter({ hasText: 'Филиал № 21' }).first();
    await expect.poll(async () => row.count()).toBeGreaterThan(0);
    await row.click();
    await expect.poll(async () => (await page.locator('body').innerText()).includes(newPhone)).toBe(true);
    await page.screenshot({ path: 'test-results/staff-audit-ky.png', fullPage: true });
    await page.context().close();
  });
});
