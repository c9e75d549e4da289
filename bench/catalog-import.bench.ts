// Full import into the catalogue, search index and copies included: records/s into PostgreSQL (goal
// >= 5,000) and into PGlite (in memory, fewer records), and the peak RSS of `kitepkana import marc` on
// a 1 GB file (goal < 400 MB: the file is streamed). The files are real RUSMARC records (NLR, CP1251)
// repeated and varied, each with one copy in a 910 field; they are written to the temporary folder
// and deleted afterwards, and so are the scratch databases.
// Run: npm run bench -- catalog-import [records] [--pglite-records N] [--rss-mb 1024] [--rss-minutes 20] [--database-url URL]
//      npm run bench -- catalog-import 1gb     only the big file (its rows replace those of an earlier run)
//      npm run bench -- catalog-import [records] --floor   the least each part of an import costs (catalog-import.floor.ts; printed, not kept)
// The big file's import is stopped after --rss-minutes: the peak RSS and the rate are then those of the
// records imported so far (the table says how many).

import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase, type Database } from '../src/app/db';
import { SYSTEM_ACTOR } from '../src/audit';
import { importMarc } from '../src/catalog/import/import.service';
import { buildLibrary, buildNetwork } from '../src/test/factories';
import { importFloor } from './catalog-import.floor';
import { RUSMARC_CP1251, variedBatches } from './marc-data';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'pglite-records': { type: 'string', default: '20000' },
    'rss-mb': { type: 'string', default: '1024' },
    'rss-minutes': { type: 'string', default: '20' },
    floor: { type: 'boolean', default: false },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const ONLY_BIG = positionals[0] === '1gb';
const RECORDS = ONLY_BIG ? 0 : Number(positionals[0] ?? 100_000);
const RSS_LIMIT_MS = Number(values['rss-minutes']) * 60_000;
const PGLITE_RECORDS = Number(values['pglite-records']);
const RSS_BYTES = Number(values['rss-mb']) * 1024 * 1024;
const serverUrl = values['database-url'];
const dir = mkdtempSync(join(tmpdir(), 'kp-import-bench-'));
const repo = fileURLToPath(new URL('..', import.meta.url));

interface Row {
  metric: string;
  value: number;
  unit: string;
  goal: string;
}

async function writeFile(path: string, count: number | null, maxBytes = Infinity) {
  const out = createWriteStream(path);
  let records = 0;
  let bytes = 0;
  for (const chunk of variedBatches(RUSMARC_CP1251, count ?? Number.MAX_SAFE_INTEGER, { copies: 1, batch: 1000 })) {
    if (!out.write(chunk)) await once(out, 'drain');
    bytes += chunk.length;
    records += 1000;
    if (bytes >= maxBytes) break;
  }
  out.end();
  await once(out, 'finish');
  return { records: count ?? records, bytes: statSync(path).size };
}

function urlFor(name: string) {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function scratchPostgres(name: string) {
  const server = await openDatabase({ databaseUrl: serverUrl });
  await server.query(`drop database if exists ${name} with (force)`);
  await server.query(`create database ${name}`);
  const database = await openDatabase({ databaseUrl: urlFor(name) });
  return {
    database,
    url: urlFor(name),
    drop: async () => {
      await database.close();
      await server.query(`drop database if exists ${name} with (force)`);
      await server.close();
    },
  };
}

async function prepare(database: Database) {
  await migrateDatabase(database);
  const network = await buildNetwork(database.db);
  return buildLibrary(database.db, network.id);
}

/** Imports `file` in this process; returns records/s. */
async function timedImport(database: Database, file: string, expected: number) {
  const library = await prepare(database);
  const started = process.hrtime.bigint();
  const summary = await importMarc(database.db, SYSTEM_ACTOR, createReadStream(file, { highWaterMark: 1 << 20 }), {
    container: 'auto',
    schema: 'auto',
    encoding: 'auto',
    match: 'isbn',
    library,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (summary.created !== expected || summary.items.created !== expected) {
    throw new Error(`expected ${expected} records and copies, got ${JSON.stringify({ ...summary, errors: summary.errors.slice(0, 3) })}`);
  }
  const [indexed] = await database.query<{ n: number }>('select count(*)::int as n from bib_search');
  if (indexed!.n !== expected) throw new Error(`search index has ${indexed!.n} of ${expected}`);
  return { rate: Math.round(expected / seconds), seconds };
}

/** Records/s into PostgreSQL and into PGlite, in this process. */
async function rates(): Promise<Row[]> {
  const out: Row[] = [];
  const file = join(dir, 'import.mrc');
  const { bytes } = await writeFile(file, RECORDS);
  console.log(`${RECORDS} records, ${(bytes / 1e6).toFixed(1)} MB`);
  const pg = await scratchPostgres('kp_bench_import');
  try {
    const { rate, seconds } = await timedImport(pg.database, file, RECORDS);
    console.log(`PostgreSQL: ${seconds.toFixed(1)} s`);
    out.push({ metric: `import into PostgreSQL with search index and copies (RUSMARC CP1251, ${RECORDS} records)`, value: rate, unit: 'records/s', goal: '>= 5000 records/s' });
  } finally {
    await pg.drop();
  }

  // 2. PGlite, in memory, fewer records (one WASM process).
  const small = join(dir, 'import-small.mrc');
  await writeFile(small, PGLITE_RECORDS);
  const lite = await openDatabase({});
  try {
    const { rate, seconds } = await timedImport(lite, small, PGLITE_RECORDS);
    console.log(`PGlite: ${seconds.toFixed(1)} s`);
    out.push({ metric: `import into PGlite (in memory) with search index and copies (${PGLITE_RECORDS} records)`, value: rate, unit: 'records/s', goal: 'reported (goal is for PostgreSQL)' });
  } finally {
    await lite.close();
  }
  rmSync(small, { force: true });
  rmSync(file, { force: true });
  return out;
}

/** Reads the peak and current resident set of a process (kB), or null when it has exited. */
function memoryOf(pid: number): { hwm: number; rss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return null;
  }
}

/**
 * `kitepkana import marc` on a ~1 GB file, as a child process: its resident set is read from /proc
 * every 200 ms (VmHWM is the kernel's own peak); after RSS_LIMIT_MS the import is stopped.
 */
async function bigFile(): Promise<Row[]> {
  const big = join(dir, 'import-1gb.mrc');
  const written = await writeFile(big, null, RSS_BYTES);
  console.log(`big file: ${written.records} records, ${(written.bytes / 1e6).toFixed(0)} MB`);
  const rss = await scratchPostgres('kp_bench_import_rss');
  try {
    const library = await prepare(rss.database);
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['bin/kitepkana.js', 'import', 'marc', big, '--library', library.code, '--json'], {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: rss.url, KITEPKANA_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-100_000)));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-10_000)));
    let peakKb = 0;
    let stopped = false;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const poll = setInterval(() => {
      const memory = memoryOf(child.pid!);
      if (memory) peakKb = Math.max(peakKb, memory.hwm, memory.rss);
      if (!stopped && Number(process.hrtime.bigint() - started) / 1e6 > RSS_LIMIT_MS) {
        stopped = true;
        child.kill('SIGTERM');
      }
    }, 200);
    const code = await exited;
    clearInterval(poll);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const [imported] = await rss.database.query<{ n: number }>('select count(*)::int as n from bib_records');
    const records = imported!.n;
    if (!stopped) {
      const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { created?: number };
      if (code !== 0 || summary.created !== written.records) throw new Error(`import of the big file failed (${code}): ${stderr.slice(-2000)} ${stdout.slice(-500)}`);
    }
    const part = stopped ? `, stopped after ${Math.round(seconds)} s with ${records} of ${written.records} records imported` : '';
    console.log(`big file: ${records} records imported in ${seconds.toFixed(0)} s${part}, peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
    const file = `${(written.bytes / 1e6).toFixed(0)} MB file (${written.records} records${part})`;
    return [
      { metric: `peak RSS of kitepkana import marc on a ${file} into PostgreSQL`, value: Math.round(peakKb / 1024), unit: 'MB', goal: '< 400 MB' },
      { metric: `import rate of that run (CLI, ${records} records)`, value: Math.round(records / seconds), unit: 'records/s', goal: '>= 5000 records/s' },
    ];
  } finally {
    await rss.drop();
    rmSync(big, { force: true });
  }
}

if (values.floor) {
  try {
    const file = join(dir, 'import.mrc');
    await writeFile(file, RECORDS || 100_000);
    await importFloor(file, serverUrl);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const rows: Row[] = [];
try {
  // 1. PostgreSQL
  if (!ONLY_BIG) rows.push(...(await rates()));


  // 3. Peak RSS of the CLI importing a 1 GB file into PostgreSQL.
  if (RSS_BYTES > 0) rows.push(...(await bigFile()));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, shared with other work while measured`;
console.log(machine);
console.table(rows.map((r) => ({ metric: r.metric, value: r.value, unit: r.unit, goal: r.goal })));
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
const resultFile = join(results, 'catalog-import.json');
// A run of one part keeps the other part's figures from the last run.
const kept = existsSync(resultFile)
  ? (JSON.parse(readFileSync(resultFile, 'utf8')) as { results: Row[] }).results.filter((r) => ONLY_BIG !== /RSS|that run/.test(r.metric) && !rows.some((n) => n.metric === r.metric))
  : [];
writeFileSync(resultFile, JSON.stringify({ name: 'catalog-import', machine, results: [...(ONLY_BIG ? kept : []), ...rows, ...(ONLY_BIG ? [] : kept)] }, null, 2));
