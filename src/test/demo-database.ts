/**
 * A test PGlite with the demo region loaded. Loading the demo takes about 15 s on PGlite, and every
 * browser test file wants it: the first file of a run that asks loads it and leaves a dump of the
 * loaded database beside the migrated template; the others start from that dump in about a second.
 * Each file still gets a database of its own. The demo's dates count from the day it is loaded, so a
 * dump is only used on the day it was made.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../app/db';
import { buildDemoIfEmpty } from '../demo';
import { createTestDatabase } from './harness';

/** How long a file waits for another file's demo before it loads one itself. */
const WAIT_FOR_OTHER_MS = 120_000;

export async function createDemoDatabase(): Promise<Database> {
  const now = new Date();
  const day = `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
  const dump = join(dirname(inject('pgliteTemplate')), `pglite-demo-${day}.tar`);
  let loader = false;
  try {
    mkdirSync(`${dump}.lock`); // atomic: exactly one file of the run loads the demo for the others
    loader = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (let waited = 0; waited < WAIT_FOR_OTHER_MS && !existsSync(dump); waited += 200) await sleep(200);
    if (existsSync(dump)) return openDatabase({ loadDataDir: new Blob([readFileSync(dump)]) });
  }
  const database = await createTestDatabase('pglite');
  await buildDemoIfEmpty(database.db);
  if (loader && database.dumpDataDir) {
    await database.query('checkpoint');
    const data = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
    writeFileSync(`${dump}.partial`, data);
    renameSync(`${dump}.partial`, dump); // others never read a half-written dump
  }
  return database;
}
