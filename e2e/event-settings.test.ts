/**
 * A methodologist opens the events' settings from the plan, adds a form of events and a memorable date
 * (a date without a day is refused with a message in Russian) and then finds the new form offered when planning.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasChromium, useDemo, signInStaff } from './browser';

const WAIT = { timeout: 20_000 };

describe.skipIf(!hasChromium)('event settings in a browser', () => {
  const served = useDemo();

  it('adds a form of events and a memorable date', async () => {
    const page = await signInStaff(served, 'methodist', { width: 1366 });

    await page.getByTestId('nav-events').click();
    await page.getByTestId('event-settings').click();
    await expect.poll(async () => page.getByTestId('event-form-row').count(), WAIT).toBeGreaterThan(0);

    const formName = `Квест ${Date.now()}`;
    await page.getByTestId('form-add').click();
    await page.getByTestId('form-name-ru').fill(formName);
    await page.getByTestId('form-save').click();
    await expect.poll(async () => page.getByTestId('event-forms').getByText(formName).count(), WAIT).toBe(1);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/event-settings-forms.png', fullPage: true });

    await page.getByTestId('tab-dates').click();
    await page.getByTestId('date-add').click();
    await page.getByTestId('date-title').fill('День библиотек района');
    await page.getByTestId('date-month').fill('5');
    await page.getByTestId('date-save').click();
    await expect.poll(async () => page.getByRole('dialog').getByText('Обязательное поле.').count(), WAIT).toBeGreaterThan(0);
    await page.screenshot({ path: 'test-results/event-settings-date-error.png', fullPage: true });
    await page.getByTestId('date-day').fill('27');
    await page.getByTestId('date-save').click();
    await expect.poll(async () => page.getByTestId('memorable-dates').getByText('День библиотек района').count(), WAIT).toBe(1);
    await page.screenshot({ path: 'test-results/event-settings-dates.png', fullPage: true });

    await page.goto(`${served.baseUrl}/staff/events`);
    await page.getByTestId('event-add').click();
    await page.getByTestId('event-form').click();
    await expect.poll(async () => page.getByRole('option', { name: formName }).count(), WAIT).toBe(1);
  });
});
