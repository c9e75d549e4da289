/**
 * A methodologist plans an event in the staff app, taking its theme from the memorable dates offered
 * for the month, and it appears on the portal's public calendar; attendance by age above the total is
 * refused with a message in Russian.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 20_000 };

describe.skipIf(!hasChromium)('planning an event in a browser', () => {
  const served = useDemo();

  it('plans an event that the public calendar then shows', async () => {
    const page = await signInStaff(served, 'methodist', { width: 1366 });

    await page.getByTestId('nav-events').click();
    await expect.poll(async () => page.getByTestId('event-calendar').count(), WAIT).toBe(1);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/events-month.png', fullPage: true });

    const year = new Date().getFullYear() + 1;
    await page.getByTestId('event-add').click();
    await page.getByTestId('event-library').click();
    await page.getByRole('option', { name: 'Филиал № 21' }).click();
    await page.getByTestId('event-form').click();
    await page.getByRole('option', { name: 'Викторина' }).click();
    await page.getByTestId('event-date').fill(`21.03.${year}`);
    await page.getByTestId('event-date').press('Tab');
    // The memorable dates of March are offered; Нооруз becomes the theme and the title.
    await page.getByTestId('event-suggestions').getByText('Нооруз').click();
    await expect.poll(async () => page.getByTestId('event-title').inputValue(), WAIT).toBe('Нооруз');
    await page.getByTestId('event-title').fill('Нооруз: викторина «Обычаи и традиции»');
    await page.getByTestId('event-start').fill('14');
    await page.getByTestId('event-start').press('Tab');
    // The network's book exhibition on Нооруз accompanies the quiz.
    await page.getByTestId('event-exhibitions').click();
    await page.getByRole('option', { name: /Нооруз — праздник весны/ }).first().click();
    await page.keyboard.press('Escape');
    await page.screenshot({ path: 'test-results/event-form.png', fullPage: true });
    await page.getByTestId('event-save').click();
    await expect.poll(async () => page.getByTestId('event-heading').count(), WAIT).toBe(1);
    await expect.poll(async () => page.getByTestId('event-heading').innerText(), WAIT).toContain('Обычаи и традиции');
    await expect.poll(async () => page.locator('main').innerText(), WAIT).toContain('Книжная выставка «Нооруз — праздник весны»');

    // Attendance by age group above the total is refused before it reaches the server.
    await page.getByTestId('event-outcome').click();
    await page.getByTestId('outcome-total').fill('10');
    await page.getByTestId('outcome-children').fill('12');
    await page.getByTestId('outcome-save').click();
    await expect.poll(async () => page.getByText('Детей, молодёжи и взрослых вместе больше, чем всего присутствовало.').count(), WAIT).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/event-outcome.png', fullPage: true });
    await page.keyboard.press('Escape');

    await page.goto(`${served.baseUrl}/staff/events?view=list&year=${year}`);
    await expect.poll(async () => page.getByTestId('event-row').count(), WAIT).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/events-list.png', fullPage: true });

    const portal = await served.browser.newPage({ locale: 'ru-RU' });
    await portal.goto(`${served.baseUrl}/events?month=${year}-03`);
    expect(await portal.locator('main').innerText()).toContain('Нооруз: викторина «Обычаи и традиции»');
    await portal.getByRole('link', { name: 'Нооруз: викторина «Обычаи и традиции»' }).first().click();
    expect(await portal.locator('main').innerText()).toContain('Книжная выставка «Нооруз — праздник весны»');
    await portal.screenshot({ path: 'test-results/portal-events.png', fullPage: true });
  });
});
