// Full import into the catalogue, search index and copies included: records/s into PostgreSQL (goal
// >= 5,000) and into PGlite (in memory, fewer records), and the peak RSS of `kitepkana import marc` on
// a 1 GB file (goal < 400 MB: the file is streamed). The files are real RUSMARC records (NLR, CP1251)
// repeated and varied, each with one copy in a 910 field; they are written to the temporary folder
// and deleted afterwards, and so are the scratch databases.
// Run: npm run bench -- catalog-import [records] [--pglite-records N] [--rss-mb 1024] [--database-url URL]

import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase, type Database } from '../src/app/db';
import { SYSTEM_ACTOR } from '../src/audit';
import { importMarc } from '../src/catalog/import/import.service';
import { buildLibrary, buildNetwork } from '../src/test/factories';
import { RUSMARC_CP1251, variedBatches } from './marc-data';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'pglite-records': { type: 'string', default: '20000' },
    'rss-mb': { type: 'string', default: '1024' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const RECORDS = Number(positionals[0] ?? 100_000);
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

const rows: Row[] = [];
try {
  // 1. PostgreSQL
  const file = join(dir, 'import.mrc');
  const { bytes } = await writeFile(file, RECORDS);
  console.log(`${RECORDS} records, ${(bytes / 1e6).toFixed(1)} MB`);
  const pg = await scratchPostgres('kp_bench_import');
  try {
    const { rate, seconds } = await timedImport(pg.database, file, RECORDS);
    console.log(`PostgreSQL: ${seconds.toFixed(1)} s`);
    rows.push({ metric: `import into PostgreSQL with search index and copies (RUSMARC CP1251, ${RECORDS} records)`, value: rate, unit: 'records/s', goal: '>= 5000 records/s' });
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
    rows.push({ metric: `import into PGlite (in memory) with search index and copies (${PGLITE_RECORDS} records)`, value: rate, unit: 'records/s', goal: 'reported (goal is for PostgreSQL)' });
  } finally {
    await lite.close();
  }
  rmSync(small, { force: true });

  // 3. Peak RSS of the CLI importing a 1 GB file into PostgreSQL.
  if (RSS_BYTES > 0) {
    const big = join(dir, 'import-1gb.mrc');
    const written = await writeFile(big, null, RSS_BYTES);
    console.log(`big file: ${written.records} records, ${(written.bytes / 1e6).toFixed(0)} MB`);
    rmSync(file, { force: true });
    const rss = await scratchPostgres('kp_bench_import_rss');
    try {
      const library = await prepare(rss.database);
      const started = process.hrtime.bigint();
      const run = spawnSync(
        '/usr/bin/time',
        ['-v', process.execPath, 'bin/kitepkana.js', 'import', 'marc', big, '--library', library.code, '--json'],
        { cwd: repo, env: { ...process.env, DATABASE_URL: rss.url, KITEPKANA_LOG_LEVEL: 'warn' }, encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1]);
      const summary = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { read?: number; created?: number };
      if (run.status !== 0 || !kb || summary.created !== written.records) {
        throw new Error(`import of the big file failed (${run.status}): ${run.stderr.slice(-2000)} ${run.stdout.slice(-500)}`);
      }
      console.log(`big file imported in ${seconds.toFixed(0)} s, peak RSS ${(kb / 1024).toFixed(0)} MB`);
      rows.push({ metric: `peak RSS of kitepkana import marc on a ${(written.bytes / 1e6).toFixed(0)} MB file (${written.records} records) into PostgreSQL`, value: Math.round(kb / 1024), unit: 'MB', goal: '< 400 MB' });
      rows.push({ metric: `import rate of that run (CLI, ${written.records} records)`, value: Math.round(written.records / seconds), unit: 'records/s', goal: '>= 5000 records/s' });
    } finally {
      await rss.drop();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, shared with other work while measured`;
console.log(machine);
console.table(rows.map((r) => ({ metric: r.metric, value: r.value, unit: r.unit, goal: r.goal })));
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'catalog-import.json'), JSON.stringify({ name: 'catalog-import', machine, results: rows }, null, 2));
