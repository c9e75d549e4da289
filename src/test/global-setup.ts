/**
 * Runs once before all test files: migrates one PGlite and dumps its data folder (each test file then
 * starts from that dump in ~0.3 s instead of a 2-5 s initdb), and, when TEST_DATABASE_URL is set,
 * migrates a template database on that PostgreSQL server that test files clone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase } from '../app/db';
import { adminUrl, templateName } from './pg-urls';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kp-test-'));
  const dumpPath = join(dir, 'pglite-template.tar');
  const pglite = await openDatabase({});
  await migrateDatabase(pglite);
  const dump = await dumpPglite(pglite);
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', dumpPath);

  const url = process.env.TEST_DATABASE_URL;
  let template: string | null = null;
  if (url) {
    template = templateName();
    const admin = await openDatabase({ databaseUrl: adminUrl(url) });
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.close();
    const db = await openDatabase({ databaseUrl: withDatabase(url, template) });
    await migrateDatabase(db);
    await db.close();
  }
  project.provide('pgTemplate', template ?? '');

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = await openDatabase({ databaseUrl: adminUrl(url) });
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${template}%`],
      );
      for (const { datname } of leftovers) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.close();
    }
  };
}

async function dumpPglite(database: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!database.dumpDataDir) throw new Error('not a PGlite database');
  return database.dumpDataDir();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
