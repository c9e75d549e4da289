/**
 * Test harness: each test file gets its own database (a PGlite started from the migrated template,
 * or a fresh PostgreSQL database cloned from the migrated template) and an in-process app.
 * `describeOnEachDatabase` runs a suite on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { loadConfig } from '../app/config';
import { openDatabase, type Database, type DbKind } from '../app/db';
import { buildApp } from '../app/http';
import type { App } from '../app/http';
import { adminUrl } from './pg-urls';

export function databaseKinds(): DbKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
}

export async function createTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    const dump = readFileSync(inject('pgliteTemplate'));
    return openDatabase({ loadDataDir: new Blob([dump]) });
  }
  const url = process.env.TEST_DATABASE_URL;
  const template = inject('pgTemplate');
  if (!url || !template) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${template}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(url) });
  await admin.query(`create database ${name} template ${template}`);
  await admin.close();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    const again = await openDatabase({ databaseUrl: adminUrl(url) });
    await again.query(`drop database if exists ${name} with (force)`);
    await again.close();
  };
  return database;
}

/** Configuration for a test app; its data folder (for stored files) is a fresh temporary folder. */
export const testConfig = (overrides: Record<string, string> = {}) =>
  loadConfig({
    KITEPKANA_DATA: mkdtempSync(join(tmpdir(), 'kp-data-')),
    KITEPKANA_LOG_LEVEL: 'silent',
    KITEPKANA_LOGIN_LIMIT: '1000',
    ...overrides,
  });

export interface TestContext {
  kind: DbKind;
  database: Database;
  app: App;
}

/**
 * Declares a suite per database kind. The context is filled in beforeAll; read it inside tests.
 */
export function describeOnEachDatabase(
  name: string,
  body: (ctx: TestContext) => void,
  options: {
    config?: Record<string, string>;
    /** Opens the suite's database (default: createTestDatabase, an empty migrated one). */
    database?: (kind: DbKind) => Promise<Database>;
  } = {},
) {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => {
      const ctx = { kind } as TestContext;
      beforeAll(async () => {
        ctx.database = await (options.database ?? createTestDatabase)(kind);
        // Tests run jobs explicitly (app.jobs.runPending()) so they never race a background poller.
        ctx.app = await buildApp({ database: ctx.database, config: testConfig(options.config) }, { logger: false, runJobs: false });
        await ctx.app.ready();
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.database?.close();
      });
      body(ctx);
    });
  }
}
