// CPU per search on the benchmark's catalogue (loaded by `npm run bench -- catalog-search`): each query
// of the mix sent through the real route (app.inject: validation, service, serialisation) one at a time,
// measuring the Node process (process.cpuUsage) and the database backend serving it (/proc/PID/schedstat,
// nanoseconds on a CPU), so the figures do not depend on what else the machine runs.
// --profile FILE writes a CPU profile of the measured searches only (open it in Chrome DevTools).
// KITEPKANA_SEARCH_INDEX=memory: answered from the index in memory, loaded before measuring.
// Run: npx tsx bench/catalog-search.cpu.ts [--name DATABASE] [--runs 20] [--database-url URL] [--profile FILE]
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config';
import { openDatabase } from '../src/app/db';
import { buildApp } from '../src/app/http';
import { loadSearchIndex } from '../src/catalog/search-index/registry';
import { TEST_PASSWORD } from '../src/test/factories';
import { searchMix } from './catalog-search.mix';

const { values } = parseArgs({
  options: {
    name: { type: 'string', default: 'kitepkana_bench_search' },
    runs: { type: 'string', default: '20' },
    profile: { type: 'string' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const RUNS = Number(values.runs);
const url = new URL(values['database-url']);
url.pathname = `/${values.name}`;

/** Nanoseconds the process has spent on a CPU. */
const onCpu = (pid: number) => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);

const database = await openDatabase({ databaseUrl: url.toString() });
const config = loadConfig({ DATABASE_URL: url.toString(), KITEPKANA_DATA: mkdtempSync(join(tmpdir(), 'kp-bench-data-')), KITEPKANA_LOG_LEVEL: 'warn', KITEPKANA_DEMO: '0', KITEPKANA_LOGIN_LIMIT: '1000' });
const app = await buildApp({ database, config }, { logger: false, runJobs: false });
// KITEPKANA_SEARCH_INDEX=memory measures the searches answered from memory (the index loaded first).
if (await loadSearchIndex(database.db)) console.log('searches answered from the index in memory');
const monitor = await openDatabase({ databaseUrl: url.toString() });
try {
  const libs = (await monitor.query<{ id: string }>('select id from libraries order by number')).map((r) => r.id);
  const login = (await monitor.query<{ login: string }>('select login from staff_users limit 1'))[0]!.login;
  const isbn = (await monitor.query<{ isbn: string }>(`select isbns[1] as isbn from bib_records where cardinality(isbns) > 0 limit 1 offset 1234`))[0]!.isbn;
  const signIn = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { login, password: TEST_PASSWORD } });
  const cookie = String(signIn.headers['set-cookie']).match(/kp_session=[^;]+/)![0];
  const search = async (qs: string) => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/catalog/search?${qs}`, headers: { cookie } });
    if (res.statusCode !== 200) throw new Error(`${qs}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json<{ total: number; totalIsEstimate: boolean; isFuzzy: boolean }>();
  };
  const [{ me }] = (await monitor.query<{ me: number }>('select pg_backend_pid() as me')) as [{ me: number }];
  const backends = async () =>
    (await monitor.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> $1 and backend_type = $2', [me, 'client backend'])).map((r) => r.pid);
  const mix = searchMix(libs[0]!, isbn);
  for (const [, qs] of mix) for (let i = 0; i < 3; i++) await search(qs); // warm: connections, caches, prepared statements
  const rows = [];
  const profiler = values.profile ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  let dbSum = 0;
  let nodeSum = 0;
  for (const [name, qs] of mix) {
    // A connection that opened meanwhile counts from its start; the pool keeps one busy when used one at a time.
    const pids = await backends();
    const db0 = pids.reduce((n, pid) => n + onCpu(pid), 0);
    const node0 = process.cpuUsage();
    let body = await search(qs);
    for (let i = 1; i < RUNS; i++) body = await search(qs);
    const node = process.cpuUsage(node0);
    const after = await backends();
    if (after.some((pid) => !pids.includes(pid))) console.warn(`${name}: the pool opened a connection while measuring`);
    const db = (pids.filter((pid) => after.includes(pid)).reduce((n, pid) => n + onCpu(pid), 0) - db0) / 1e6 / RUNS;
    const js = (node.user + node.system) / 1000 / RUNS;
    dbSum += db;
    nodeSum += js;
    rows.push({ query: name, total: `${body.totalIsEstimate ? '~' : ''}${body.total}${body.isFuzzy ? ' fuzzy' : ''}`, 'database ms': db.toFixed(2), 'node ms': js.toFixed(2), 'of it system': (node.system / 1000 / RUNS).toFixed(2) });
  }
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(values.profile!, JSON.stringify(profile));
  }
  console.table(rows);
  console.log(`mean CPU per search: database ${(dbSum / mix.length).toFixed(2)} ms, Node ${(nodeSum / mix.length).toFixed(2)} ms (${RUNS} runs each, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
} finally {
  await app.close();
  await monitor.close();
  await database.close();
}
