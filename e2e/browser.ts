/**
 * Browser test support: Debian's Chromium driven by playwright-core against the app served on a
 * random local port, on a fresh PGlite with the demo region loaded. Tests skip, saying why, when
 * Chromium is not installed.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { WEB_DIST, type App } from '../src/app/http';
import { buildApp } from '../src/app/http';
import type { Database } from '../src/app/db';
import { buildWebApp } from '../src/cli/build-web';
import { createDemoDatabase } from '../src/test/demo-database';
import { testConfig } from '../src/test/harness';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium).`);

export interface Served {
  app: App;
  database: Database;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

export async function serveDemo(): Promise<Served> {
  if (!existsSync(`${WEB_DIST}/index.html`)) await buildWebApp();
  // The demo is loaded once per run and each file starts from a copy of it (src/test/demo-database.ts).
  const database = await createDemoDatabase();
  const app = await buildApp({ database, config: testConfig() }, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    app,
    database,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/**
 * The demo served for the whole describe block it is called in: started before its first test and
 * closed after its last. The returned object is filled in when the server is up.
 */
export function useDemo(): Served {
  const served = {} as Served;
  beforeAll(async () => {
    Object.assign(served, await serveDemo());
  });
  afterAll(async () => {
    await served.close?.();
  });
  return served;
}

/** The demo's password of every account. */
export const DEMO_PASSWORD = 'demo12345';

/**
 * Signs in to the staff app in a page of its own (own cookies, Russian browser) and waits for the app
 * shell; `page.context().close()` ends it.
 */
export async function signInStaff(
  served: Served,
  login: string,
  options: { password?: string; width?: number } = {},
): Promise<Page> {
  const context = await served.browser.newContext({
    locale: 'ru-RU',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${served.baseUrl}/staff/`);
  await page.getByTestId('login-login').fill(login);
  await page.getByTestId('login-password').fill(options.password ?? DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-home').waitFor();
  return page;
}
