/**
 * A visitor on a phone (375 px, JavaScript off) filters the public calendar without the page growing
 * wider than the screen, and signs up for an event: a mistake brings them back to the form with its
 * errors in sight, and a second sign-up with the same phone number is refused in their language.
 */
import { eq } from 'drizzle-orm';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { events } from '../src/events';
import { hasChromium, useDemo } from './browser';

const PHONE = { width: 375, height: 740 };

describe.skipIf(!hasChromium)('events on the portal on a phone', () => {
  const served = useDemo();

  async function phonePage() {
    const context = await served.browser.newContext({ javaScriptEnabled: false, locale: 'ru-RU', viewport: PHONE });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    return page;
  }

  it('the calendar filter fits the screen: no sideways scrolling, the month field one line high', async () => {
    const page = await phonePage();
    mkdirSync('test-results', { recursive: true });
    for (const path of ['/events', '/events?when=past']) {
      await page.goto(`${served.baseUrl}${path}`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const controls = page.locator('.event-filters select, .event-filters input:not([type=hidden]), .event-filters button');
      expect(await controls.count()).toBe(3);
      for (const box of await controls.evaluateAll((list) => list.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
        expect(box.right).toBeLessThanOrEqual(PHONE.width);
      }
      const month = await page.locator('.event-filters input[name=month]').boundingBox();
      expect(month!.height).toBeLessThan(60);
    }
    await page.screenshot({ path: 'test-results/portal-events-phone.png' });
    await page.context().close();
  });

  it('signing up: errors shown where the form is, then registered once (the same name on the same phone)', async () => {
    const db = served.database.db;
    const [demo] = await db.select({ id: events.id }).from(events).where(eq(events.title, 'Айтматовские чтения: «Джамиля»')).limit(1);
    const inAMonth = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
    await db.update(events).set({ plannedOn: inAMonth, status: 'planned', isPublic: true, isRegistrationOpen: true, capacity: 50 }).where(eq(events.id, demo!.id));

    const page = await phonePage();
    const inSight = async (selector: string) => {
      const box = await page.locator(selector).boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height;
    };
    const send = async (name: string, phone: string) => {
      await page.locator('#register-name').fill(name);
      await page.locator('#register-phone').fill(phone);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Записаться' }).click()]);
    };

    await page.goto(`${served.baseUrl}/events/${demo!.id}`);
    await send('Айжан', 'abc');
    expect(page.url()).toMatch(/#register$/);
    expect(await page.locator('.error-summary').innerText()).toContain('Проверьте введённые данные.');
    expect(await inSight('.error-summary')).toBe(true);
    expect(await page.locator('#register-phone').inputValue()).toBe('abc');
    expect(await page.locator('#register-name').inputValue()).toBe('Айжан');
    await page.screenshot({ path: 'test-results/portal-event-register-error.png' });

    await page.locator('#register-phone').fill('+996 700 123 456');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Записаться' }).click()]);
    expect(await page.locator('#register').innerText()).toContain('Вы записаны');
    expect(await inSight('#register')).toBe(true);

    await page.goto(`${served.baseUrl}/events/${demo!.id}`);
    await send('Айжан', '996700123456');
    expect(await page.locator('.error-summary').innerText()).toContain('Вы уже записаны на это мероприятие');
    expect(await inSight('.error-summary')).toBe(true);
    await page.screenshot({ path: 'test-results/portal-event-register-twice.png' });
    await page.context().close();
  });
});
