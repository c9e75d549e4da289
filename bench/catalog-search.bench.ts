// Search over HTTP on a catalogue of 1,000,000 records in PostgreSQL: the real app listening on a port
// (in its own process), 20 clients with keep-alive sending a fixed mix of Russian and Kyrgyz queries
// (facets included, as the staff app asks): p50, p95, p99 and QPS (goal: p95 <= 50 ms).
// The catalogue (catalog-search.data.ts): `--data realistic` (the default) has Zipf-distributed title
// words and the famous books in 50–400 records each; `--data stress` has 56 % of its records made of 14
// famous books, so that every query matches tens or hundreds of thousands. How many records each query
// matches is printed and kept in the results.
// The loaded catalogue is kept in its own database (kitepkana_bench_search_realistic, or
// kitepkana_bench_search for the stress set) and reused by the next run with the same number of records
// (migrations added since are applied to it); --fresh loads it again, --drop removes it afterwards.
// `--only TEXT` sends only the queries of the mix whose name contains TEXT (e.g. `--only ISBN`, the
// cheapest: what the stack costs around a search that reads one record); its results are printed, not kept.
// `--floor` also sends the same queries to a route that knows each one's hits, ranking and facets and only
// reads its page by key (catalog-search.floor.ts): what a search costs apart from finding its hits.
// BENCH_SERVER_NODE_ARGS adds options to the app process's node (e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it).
// Run: npm run bench -- catalog-search [records] [--data realistic|stress] [--requests N] [--only TEXT] [--floor] [--fresh] [--drop] [--database-url URL] [--name DATABASE]

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config';
import { migrateDatabase, openDatabase, type Database } from '../src/app/db';
import { buildApp } from '../src/app/http';
import { ZSearchQuery } from '../src/catalog/catalog.schemas';
import { loadSearchIndex } from '../src/catalog/search-index/registry';
import { searchCatalog } from '../src/catalog/search.service';
import { TEST_PASSWORD } from '../src/test/factories';
import { loadCatalogue, type DataKind } from './catalog-search.data';
import { FLOOR_PATH, registerFloorRoute } from './catalog-search.floor';
import { searchMix } from './catalog-search.mix';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string', default: '4000' },
    fresh: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    serve: { type: 'string' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    data: { type: 'string', default: 'realistic' },
    only: { type: 'string' },
    floor: { type: 'boolean', default: false },
    /** Which search answers: the index in memory, the database's statements, or both, one after the other (the default). */
    engine: { type: 'string', default: 'both' },
    /** The database holding the loaded catalogue (one per data set unless told). */
    name: { type: 'string' },
  },
});
const RECORDS = Number(positionals[0] ?? 1_000_000);
const CLIENTS = 20;
if (values.data !== 'realistic' && values.data !== 'stress')
  throw new Error(`--data realistic or stress, not ${values.data}`);
const DATA: DataKind = values.data;
const ENGINES =
  values.engine === 'both' ? (['database', 'memory'] as const) : ([values.engine] as ('database' | 'memory')[]);
if (!ENGINES.every((e) => e === 'database' || e === 'memory'))
  throw new Error(`--engine memory, database or both, not ${values.engine}`);
const NAME = values.name ?? (DATA === 'stress' ? 'kitepkana_bench_search' : 'kitepkana_bench_search_realistic');

function urlFor(name: string) {
  const u = new URL(values['database-url']);
  u.pathname = `/${name}`;
  return u.toString();
}

function request(
  agent: http.Agent,
  base: URL,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether an earlier run finished loading the same number of records into the bench database. */
async function loadedBefore(server: Database): Promise<boolean> {
  const [exists] = await server.query<{ n: number }>('select count(*)::int as n from pg_database where datname = $1', [
    NAME,
  ]);
  if (!exists?.n) return false;
  const probe = await openDatabase({ databaseUrl: urlFor(NAME) });
  try {
    const rows = await probe
      .query<{ records: number; kind: string | null }>(
        `select records, to_jsonb(l) ->> 'kind' as kind from bench_loaded l where to_regclass('bench_loaded') is not null`,
      )
      .catch(() => []);
    return rows[0]?.records === RECORDS && (rows[0]?.kind ?? 'stress') === DATA;
  } finally {
    await probe.close();
  }
}

type Engine = 'database' | 'memory';
interface Row {
  metric: string;
  value: number;
  unit: string;
  goal: string;
}
interface Measured {
  engine: Engine;
  /** How long the index took to load in the app process, and the process's memory after (memory only). */
  index: string | null;
  rows: Row[];
  perQueryRows: Record<string, unknown>[];
}

/** The app in its own process, searches answered by `engine` (the index loaded before it listens). */
async function startServer(engine: Engine) {
  const args = [
    ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
    '--import',
    'tsx',
    fileURLToPath(import.meta.url),
    '--serve',
    urlFor(NAME),
  ];
  return spawn(process.execPath, [...args, ...(values.floor ? ['--floor'] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KITEPKANA_SEARCH_INDEX: engine },
  });
}

async function measure(
  engine: Engine,
  child: ReturnType<typeof spawn>,
  login: string,
  mix: [string, string][],
  matches: Map<string, number>,
  what: string,
): Promise<Measured> {
  const loading = { index: null as string | null };
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const loaded = /INDEX (.+)/.exec(d.toString());
      if (loaded) loading.index = loaded[1]!;
      const m = /LISTENING (\S+)/.exec(d.toString());
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const { index } = loading;
  if (index) console.log(`${engine}: index ${index}`);
  const base = new URL(address);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const signIn = await request(
    agent,
    base,
    '/api/v1/session',
    { 'content-type': 'application/json' },
    'POST',
    JSON.stringify({ login, password: TEST_PASSWORD }),
  );
  const cookie = String(signIn.headers['set-cookie']?.find((c) => c.startsWith('kp_session='))?.split(';')[0]);
  const perQuery = new Map<string, number[]>();
  const totals = new Map<string, string>();
  for (const [name, qs] of mix) {
    const res = await request(agent, base, `/api/v1/catalog/search?${qs}`, { cookie });
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body.slice(0, 300)}`);
    const body = JSON.parse(res.body) as {
      total: number;
      totalIsEstimate: boolean;
      isFuzzy: boolean;
      items: { title: string }[];
    };
    totals.set(
      name,
      `${body.totalIsEstimate ? '~' : ''}${body.total}${body.isFuzzy ? ' fuzzy' : ''} | ${body.items[0]?.title ?? '-'}`,
    );
    perQuery.set(name, []);
  }
  const REQUESTS = Number(values.requests);
  const latencies: number[] = [];
  let next = 0;
  const run = async (measured: boolean, count: number, path = '/api/v1/catalog/search', into = latencies) => {
    next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < count; i = next++) {
          const [name, qs] = mix[i % mix.length]!;
          const t = performance.now();
          const res = await request(agent, base, `${path}?${qs}`, { cookie });
          const ms = performance.now() - t;
          if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
          if (measured) into.push(ms);
          if (measured && into === latencies) perQuery.get(name)!.push(ms);
        }
      }),
    );
    return (performance.now() - started) / 1000;
  };
  await run(false, Math.min(400, REQUESTS));
  const seconds = await run(true, REQUESTS);
  // The floor: the same requests, each query's hits, ranking and facets known (catalog-search.floor.ts).
  const floor: number[] = [];
  const floorSeconds = values.floor
    ? (await run(false, Math.min(400, REQUESTS), FLOOR_PATH, floor), await run(true, REQUESTS, FLOOR_PATH, floor))
    : 0;
  agent.destroy();
  const pct = (list: number[], p: number) => {
    const sorted = [...list].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
  };
  const perQueryRows = mix.map(([name]) => ({
    query: name,
    matches: matches.get(name)!,
    'total shown | first hit': totals.get(name),
    p50: pct(perQuery.get(name)!, 50),
    p95: pct(perQuery.get(name)!, 95),
  }));
  console.log(`answered by ${engine === 'memory' ? 'the index in memory' : "the database's statements"}:`);
  console.table(perQueryRows);
  const by = engine === 'memory' ? 'from memory' : 'by the database';
  const rows: Row[] = [
    { metric: `search ${by} p50 over HTTP (${what})`, value: pct(latencies, 50), unit: 'ms', goal: '' },
    { metric: `search ${by} p95 over HTTP (${what})`, value: pct(latencies, 95), unit: 'ms', goal: '<= 50 ms' },
    { metric: `search ${by} p99 over HTTP (${what})`, value: pct(latencies, 99), unit: 'ms', goal: '' },
    {
      metric: `search ${by} throughput (${what})`,
      value: Math.round(REQUESTS / seconds),
      unit: 'requests/s',
      goal: '',
    },
    ...(values.floor
      ? [
          {
            metric: `floor p50 (the same requests, hits, ranking and facets known, the page read by key)`,
            value: pct(floor, 50),
            unit: 'ms',
            goal: '',
          },
          { metric: `floor p95 (the same)`, value: pct(floor, 95), unit: 'ms', goal: '' },
          { metric: `floor p99 (the same)`, value: pct(floor, 99), unit: 'ms', goal: '' },
          {
            metric: `floor throughput (the same)`,
            value: Math.round(REQUESTS / floorSeconds),
            unit: 'requests/s',
            goal: '',
          },
        ]
      : []),
  ];
  return { engine, index, rows, perQueryRows };
}

async function main() {
  const server = await openDatabase({ databaseUrl: values['database-url'] });
  const reuse = !values.fresh && (await loadedBefore(server));
  if (!reuse) {
    await server.query(`drop database if exists ${NAME} with (force)`);
    await server.query(`create database ${NAME}`);
  } else console.log(`reusing database ${NAME} (${RECORDS} records loaded by an earlier run; --fresh loads it again)`);
  const database = await openDatabase({ databaseUrl: urlFor(NAME) });
  let child: ReturnType<typeof spawn> | null = null;
  try {
    await migrateDatabase(database);
    let libs: string[];
    let login: string;
    if (reuse) {
      await database.query('analyze');
      libs = (await database.query<{ id: string }>('select id from libraries order by number')).map((r) => r.id);
      login = (await database.query<{ login: string }>('select login from staff_users limit 1'))[0]!.login;
    } else {
      ({ libs, login } = await loadCatalogue(database, DATA, RECORDS));
    }
    const [{ n }] = (await database.query<{ n: number }>('select count(*)::int as n from bib_search')) as [
      { n: number },
    ];
    const isbn = (
      await database.query<{ isbn: string }>(
        `select isbns[1] as isbn from bib_records where cardinality(isbns) > 0 limit 1 offset 1234`,
      )
    )[0]!.isbn;

    const mix = searchMix(libs[0]!, isbn).filter(([name]) => !values.only || name.includes(values.only));
    if (!mix.length) throw new Error(`no query of the mix is named like "${values.only}"`);
    // How many records each query matches: every hit counted, as an export counts them.
    const matches = new Map<string, number>();
    for (const [name, qs] of mix) {
      const query = ZSearchQuery.parse(Object.fromEntries(new URLSearchParams(qs)));
      matches.set(name, (await searchCatalog(database.db, query, { exact: true, withFacets: false })).total);
    }
    const what = `${n} records (${DATA} data), ${CLIENTS} clients, ${values.requests} requests, ${values.only ? `only "${mix.map(([name]) => name).join('", "')}"` : `${mix.length}-query mix`} with facets`;
    const busy = loadavg()[0]!;
    const runs: Measured[] = [];
    for (const engine of ENGINES) {
      child = await startServer(engine);
      runs.push(await measure(engine, child, login, mix, matches, what));
      child.kill('SIGTERM');
      child = null;
    }
    const rows = runs.flatMap((r) => r.rows);
    const [before, after] = runs;
    if (before && after) {
      const p95 = (r: Measured) => r.rows.find((x) => x.metric.includes(' p95 over HTTP'))!.value;
      rows.push({
        metric: "p95, the database's statements / the index in memory",
        value: Math.round((p95(before) / p95(after)) * 10) / 10,
        unit: '×',
        goal: '',
      });
    }
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, PostgreSQL on the same machine, shared with other work while measured (load average ${busy.toFixed(1)})`;
    console.log(machine);
    console.table(rows);
    if (!values.only && !values.floor && ENGINES.length === 2) {
      const results = fileURLToPath(new URL('./results/', import.meta.url));
      mkdirSync(results, { recursive: true });
      const file = DATA === 'stress' ? 'catalog-search-stress.json' : 'catalog-search.json';
      const queries = runs.map((r) => ({ engine: r.engine, index: r.index, queries: r.perQueryRows }));
      writeFileSync(
        join(results, file),
        JSON.stringify({ name: 'catalog-search', data: DATA, machine, results: rows, queries }, null, 2),
      );
    }
  } finally {
    child?.kill('SIGTERM');
    await database.close();
    if (values.drop) await server.query(`drop database if exists ${NAME} with (force)`);
    else console.log(`kept database ${NAME} for the next run`);
    await server.close();
  }
}

// --serve URL: the app process, started by the benchmark below.
if (values.serve) {
  const database = await openDatabase({ databaseUrl: values.serve });
  const config = loadConfig({
    DATABASE_URL: values.serve,
    KITEPKANA_DATA: mkdtempSync(join(tmpdir(), 'kp-bench-data-')),
    KITEPKANA_LOG_LEVEL: 'warn',
    KITEPKANA_DEMO: '0',
    KITEPKANA_LOGIN_LIMIT: '1000',
  });
  const app = await buildApp({ database, config }, { logger: false, runJobs: false });
  if (process.env.KITEPKANA_SEARCH_INDEX === 'memory') {
    const started = performance.now();
    await loadSearchIndex(database.db);
    console.log(
      `INDEX loaded in ${((performance.now() - started) / 1000).toFixed(1)} s, app process RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
    );
  }
  if (values.floor) registerFloorRoute(app, database);
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`LISTENING ${address}`);
  process.on(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => database.close())
        .then(() => process.exit(0)),
  );
} else {
  await main();
}
