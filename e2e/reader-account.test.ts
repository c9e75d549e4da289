/** A reader logs in to the portal account with the card number, sees the books on loan and renews one — without JavaScript. */
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo } from './browser';

describe.skipIf(!hasChromium)('the reader account on the portal in a browser', () => {
  const served = useDemo();

  it('logs in with card number and password and renews a loan, the new due date shows', async () => {
    const context = await served.browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}/`);
    await page.getByRole('link', { name: 'Мой формуляр' }).first().click();
    await page.getByLabel('Номер читательского билета').fill('KEM-000001');
    await page.getByLabel('Пароль').fill('wrong-password');
    await page.getByRole('button', { name: 'Войти' }).click();
    expect(await page.locator('main').innerText()).toContain('Неверный номер билета или пароль.');

    await page.getByLabel('Номер читательского билета').fill('KEM-000001');
    await page.getByLabel('Пароль').fill('demo12345');
    await page.getByRole('button', { name: 'Войти' }).click();
    const loans = page.getByTestId('account-loans');
    await expect.poll(() => loans.locator('tbody tr').count()).toBeGreaterThan(0);

    const row = loans.locator('tbody tr').filter({ hasNotText: 'просрочено' }).first();
    const title = (await row.locator('td').first().innerText()).trim();
    const dueBefore = (await row.locator('td.due').innerText()).trim();
    await row.getByRole('button', { name: 'Продлить' }).click();

    const notice = await page.locator('main').innerText();
    expect(notice).toContain(`«${title}» продлено до`);
    const renewed = page.getByTestId('account-loans').locator('tbody tr').filter({ hasText: title }).first();
    const dueAfter = (await renewed.locator('td.due').innerText()).trim();
    expect(dueAfter).not.toBe(dueBefore);
    expect(notice).toContain(dueAfter);
    await context.close();
  });
});
