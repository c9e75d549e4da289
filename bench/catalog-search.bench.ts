// Search over HTTP on a catalogue of 1,000,000 records in PostgreSQL: the real app listening on a port
// (in its own process), 20 clients with keep-alive sending a fixed mix of Russian and Kyrgyz queries
// (facets included, as the staff app asks): p50, p95, p99 and QPS (goal: p95 <= 50 ms).
// The catalogue: a few thousand generated records (catalog.generator.ts) plus well-known Kyrgyz and
// Russian books, multiplied in SQL with varied titles and years, with copies in ten libraries. The
// copies share their base record's MARC; titles, years and the search index are varied.
// The loaded catalogue is kept in the database kitepkana_bench_search and reused by the next run with
// the same number of records (migrations added since are applied to it); --fresh loads it again,
// --drop removes it afterwards.
// Run: npm run bench -- catalog-search [records] [--requests N] [--fresh] [--drop] [--database-url URL] [--name DATABASE]

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
import { generateRecord } from '../src/catalog/catalog.generator';
import { bibRecords } from '../src/catalog/catalog.tables';
import { writeFormToMarc } from '../src/catalog/record-writer';
import { columnsFromMarc } from '../src/catalog/records.service';
import { buildLibrary, buildNetwork, buildStaff, TEST_PASSWORD } from '../src/test/factories';
import { searchMix } from './catalog-search.mix';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    requests: { type: 'string', default: '4000' },
    fresh: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    serve: { type: 'string' },
    'database-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** The database holding the loaded catalogue. */
    name: { type: 'string', default: 'kitepkana_bench_search' },
  },
});
const RECORDS = Number(positionals[0] ?? 1_000_000);
const BASE = 5_000;
const CLIENTS = 20;
const NAME = values.name;

function urlFor(name: string) {
  const u = new URL(values['database-url']);
  u.pathname = `/${name}`;
  return u.toString();
}

const FAMOUS: [string, string[], string, string][] = [
  ['Джамиля', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература'],
  ['Белый пароход', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература'],
  ['Ак кеме', ['Айтматов, Ч.'], 'kir', 'Кыргызская литература'],
  ['Первый учитель', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература'],
  ['Материнское поле', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература'],
  ['Плаха', ['Айтматов, Ч.'], 'rus', 'Кыргызская литература'],
  ['Манас', [], 'kir', 'Кыргызский эпос'],
  ['Манас', ['Каралаев, С.'], 'kir', 'Кыргызский эпос'],
  ['Семетей', [], 'kir', 'Кыргызский эпос'],
  ['История Кыргызстана', ['Осмонов, О. Дж.'], 'rus', 'История Кыргызстана'],
  ['Кыргызстандын тарыхы', ['Осмонов, О. Дж.'], 'kir', 'История Кыргызстана'],
  ['Война и мир', ['Толстой, Л. Н.'], 'rus', 'Русская литература'],
  ['Тихий Дон', ['Шолохов, М. А.'], 'rus', 'Русская литература'],
  ['Өнөр жана турмуш', ['Абдыкадыров, Т.'], 'kir', 'Кыргызская литература'],
];
const SUFFIXES = ['', 'Избранное', 'Повести', 'Тандалмалар', 'Сборник', 'Рассказы', 'Жомоктор', 'Кн. 2', 'Очерки', 'Поэма'];

async function load(database: Database) {
  const db = database.db;
  const network = await buildNetwork(db);
  const libs: string[] = [];
  for (let n = 1; n <= 10; n++) libs.push((await buildLibrary(db, network.id, { number: n })).id);
  const staff = await buildStaff(db, 'cataloguer', 'network', network.id);
  const t0 = Date.now();
  // Base records through the application's own column derivation.
  for (let from = 0; from < BASE; from += 500) {
    const batch = Array.from({ length: Math.min(500, BASE - from) }, (_, i) => {
      const g = generateRecord(from + i);
      const famous = FAMOUS[(from + i) % 25];
      const form = famous ? { ...g.form, title: famous[0], otherTitle: '', authors: famous[1], language: famous[2], subjects: [famous[3]], isbns: g.form.isbns } : g.form;
      return columnsFromMarc(writeFormToMarc(form, g.format, null), g.format);
    });
    await db.insert(bibRecords).values(batch);
  }
  // Bulk load without the secondary indexes, then build them once.
  const indexes = await database.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes where tablename in ('bib_records', 'bib_search', 'items') and indexname not like '%pkey'`,
  );
  for (const i of indexes) await database.query(`drop index ${i.name}`);
  // The search rows are written once, after the records and copies (their triggers are off meanwhile).
  for (const table of ['bib_records', 'items']) await database.query(`alter table ${table} disable trigger user`);
  await database.query('create table bench_base as select * from bib_records');
  const copies = Math.ceil(RECORDS / BASE) - 1;
  const suffixes = `array[${SUFFIXES.map((s) => `'${s}'`).join(',')}]`;
  for (let k = 1; k <= copies; k += 20) {
    await database.query(`
      insert into bib_records (format, marc, control_number, control_source, title, other_title, responsibility, authors, first_author,
        publisher, place, year, edition, isbns, issn, language, subjects, bbk, udc, series, extent, notes, summary, material_type,
        age_label, description, sort_title, search_title, search_authors, search_subjects, search_other)
      select format, marc, null, null, v.title, other_title, responsibility, authors, first_author, publisher, place,
        1950 + (coalesce(year, 1990) + k) % 76, edition, '{}', issn, language, subjects, bbk, udc, series, extent, notes, summary,
        material_type, age_label, description, lower(v.title), v.title || ' ' || other_title, search_authors, search_subjects, search_other
      from bench_base b
        cross join generate_series(${k}, ${Math.min(k + 19, copies)}) as k
        cross join lateral (select trim(b.title || ' ' || (${suffixes})[1 + abs(k + hashtext(b.id::text)) % ${SUFFIXES.length}]) as title) v`);
    process.stdout.write(`\r${BASE * (Math.min(k + 19, copies) + 1)} records`);
  }
  // Copies: none for some records, one to three for the rest, in ten libraries, a third on loan.
  await database.query(`
    insert into items (record_id, library_id, network_id, inventory_number, barcode, currency, status)
    select b.id, (array[${libs.map((l) => `'${l}'::uuid`).join(',')}])[1 + (h + c) % 10], '${network.id}',
      'I' || n || '-' || c, 'B' || n || '-' || c, 'KGS', case when (h + c) % 3 = 0 then 'on_loan' else 'available' end
    from (select id, abs(hashtext(id::text)) as h, row_number() over () as n from bib_records) b
      cross join lateral generate_series(1, (b.h % 4)::int) as c`);
  console.log(`\nrecords and copies in ${((Date.now() - t0) / 1000).toFixed(0)} s; building the search rows and indexes`);
  await database.query('drop table bench_base');
  const isSearchIndex = (i: { def: string }) => / ON public\.bib_search /.test(i.def);
  for (const i of indexes.filter((x) => !isSearchIndex(x))) await database.query(i.def);
  // The base records' rows (written by the triggers before) are written again, now with their copies.
  await database.query('truncate bib_search');
  for (const table of ['bib_records', 'items']) await database.query(`alter table ${table} enable trigger user`);
  await database.query(`select kp_search_write(array(select id from bib_records))`);
  for (const i of indexes.filter(isSearchIndex)) await database.query(i.def);
  await database.query('vacuum analyze');
  await database.query(`create table bench_loaded as select ${RECORDS}::int as records`);
  console.log(`loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { libs, login: staff.login };
}

function request(agent: http.Agent, base: URL, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ agent, host: base.hostname, port: base.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Whether an earlier run finished loading the same number of records into the bench database. */
async function loadedBefore(server: Database): Promise<boolean> {
  const [exists] = await server.query<{ n: number }>('select count(*)::int as n from pg_database where datname = $1', [NAME]);
  if (!exists?.n) return false;
  const probe = await openDatabase({ databaseUrl: urlFor(NAME) });
  try {
    const rows = await probe.query<{ records: number }>(
      `select records from bench_loaded where to_regclass('bench_loaded') is not null`,
    ).catch(() => []);
    return rows[0]?.records === RECORDS;
  } finally {
    await probe.close();
  }
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
      ({ libs, login } = await load(database));
    }
    const [{ n }] = (await database.query<{ n: number }>('select count(*)::int as n from bib_search')) as [{ n: number }];
    const isbn = (await database.query<{ isbn: string }>(`select isbns[1] as isbn from bib_records where cardinality(isbns) > 0 limit 1 offset 1234`))[0]!.isbn;

    child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', urlFor(NAME)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const address = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => {
        const m = /LISTENING (\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child!.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const base = new URL(address);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const signIn = await request(agent, base, '/api/v1/session', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ login, password: TEST_PASSWORD }));
    const cookie = String(signIn.headers['set-cookie']?.find((c) => c.startsWith('kp_session='))?.split(';')[0]);
    const mix = searchMix(libs[0]!, isbn);
    const perQuery = new Map<string, number[]>();
    const totals = new Map<string, string>();
    for (const [name, qs] of mix) {
      const res = await request(agent, base, `/api/v1/catalog/search?${qs}`, { cookie });
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.body.slice(0, 300)}`);
      const body = JSON.parse(res.body) as { total: number; totalIsEstimate: boolean; isFuzzy: boolean; items: { title: string }[] };
      totals.set(name, `${body.totalIsEstimate ? '~' : ''}${body.total}${body.isFuzzy ? ' fuzzy' : ''} | ${body.items[0]?.title ?? '-'}`);
      perQuery.set(name, []);
    }
    const REQUESTS = Number(values.requests);
    const latencies: number[] = [];
    let next = 0;
    const run = async (measure: boolean, count: number) => {
      next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          for (let i = next++; i < count; i = next++) {
            const [name, qs] = mix[i % mix.length]!;
            const t = performance.now();
            const res = await request(agent, base, `/api/v1/catalog/search?${qs}`, { cookie });
            const ms = performance.now() - t;
            if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
            if (measure) {
              latencies.push(ms);
              perQuery.get(name)!.push(ms);
            }
          }
        }),
      );
      return (performance.now() - started) / 1000;
    };
    await run(false, Math.min(400, REQUESTS));
    const busy = loadavg()[0]!;
    const seconds = await run(true, REQUESTS);
    const pct = (list: number[], p: number) => {
      const sorted = [...list].sort((a, b) => a - b);
      return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
    };
    console.table(mix.map(([name]) => ({ query: name, 'total | first hit': totals.get(name), p50: pct(perQuery.get(name)!, 50), p95: pct(perQuery.get(name)!, 95) })));
    const what = `${n} records, ${CLIENTS} clients, ${REQUESTS} requests, ${mix.length}-query mix with facets`;
    const rows = [
      { metric: `search p50 over HTTP (${what})`, value: pct(latencies, 50), unit: 'ms', goal: '' },
      { metric: `search p95 over HTTP (${what})`, value: pct(latencies, 95), unit: 'ms', goal: '<= 50 ms' },
      { metric: `search p99 over HTTP (${what})`, value: pct(latencies, 99), unit: 'ms', goal: '' },
      { metric: `search throughput (${what})`, value: Math.round(REQUESTS / seconds), unit: 'requests/s', goal: '' },
    ];
    const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, PostgreSQL on the same machine, shared with other work while measured (load average ${busy.toFixed(1)})`;
    console.log(machine);
    console.table(rows);
    const results = fileURLToPath(new URL('./results/', import.meta.url));
    mkdirSync(results, { recursive: true });
    writeFileSync(join(results, 'catalog-search.json'), JSON.stringify({ name: 'catalog-search', machine, results: rows }, null, 2));
    agent.destroy();
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
  const config = loadConfig({ DATABASE_URL: values.serve, KITEPKANA_DATA: mkdtempSync(join(tmpdir(), 'kp-bench-data-')), KITEPKANA_LOG_LEVEL: 'warn', KITEPKANA_DEMO: '0', KITEPKANA_LOGIN_LIMIT: '1000' });
  const app = await buildApp({ database, config }, { logger: false, runJobs: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(`LISTENING ${address}`);
  process.on('SIGTERM', () => void app.close().then(() => database.close()).then(() => process.exit(0)));
} else {
  await main();
}
