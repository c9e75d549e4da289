/**
 * The floor of an import (`npm run bench -- catalog-import --floor`): each part of the work an import
 * must do for its records, measured alone with nothing else running, in its cheapest form — the app
 * reading the file and making each record's columns and its COPY text; PostgreSQL taking all the records
 * in one COPY, deriving all their search rows in one statement (with the table's indexes kept up to date,
 * and with them built afterwards), and all their copies in one INSERT. An import cannot cost less than
 * the sum of these, whatever its batches; the goal of 5,000 records/s on the machine's cores allows
 * cores / 5,000 s of CPU per record in all. Then the import itself of the same file, with the CPU its
 * process and its database backends used (from /proc), to set beside the floor.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrateDatabase, openDatabase } from '../src/app/db';
import { copyField } from '../src/app/copy-rows';
import { SYSTEM_ACTOR } from '../src/audit';
import { importMarc } from '../src/catalog/import/import.service';
import { bibRecords } from '../src/catalog/catalog.tables';
import { readRecords } from '../src/catalog/import/sources';
import type { MarcFormat } from '../src/catalog/marc';
import { columnsFromMarc } from '../src/catalog/records.service';
import { buildLibrary, buildNetwork } from '../src/test/factories';

const recordColumns = Object.entries(getTableColumns(bibRecords)).map(([key, column]) => [key, column.name] as const);

/** Reads the file as an import does and makes the COPY text of its records: the app's part, CPU per record. */
async function appPart(file: string) {
  let schema: MarcFormat = 'rusmarc';
  let names: string[] | null = null;
  const lines: string[] = [];
  const before = process.cpuUsage();
  const source = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const item of readRecords(
    source,
    { container: 'auto', schema: 'auto', encoding: 'auto' },
    (s) => (schema = s),
  )) {
    if (!item.record) continue;
    const row: Record<string, unknown> = { id: randomUUID(), ...columnsFromMarc(item.record, schema) };
    const present = recordColumns.filter(([key]) => key in row);
    names ??= present.map(([, name]) => name);
    lines.push(present.map(([key]) => copyField(row[key])).join('\t'));
  }
  const used = process.cpuUsage(before);
  return { lines, names: names ?? [], ms: (used.user + used.system) / 1000 };
}

/** A new empty database on the server, migrated, with a network and a library for the copies. */
async function scratch(admin: pg.Client, serverUrl: string, name: string) {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  await migrateDatabase(database);
  const library = await buildLibrary(database.db, (await buildNetwork(database.db)).id);
  return {
    database,
    library,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
    },
  };
}

/** CPU time of a process so far (user + system), in ms, from /proc; 0 once it has exited. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The import of the file into a new database: CPU of this process and of the database's backends, per record. */
async function importCpu(admin: pg.Client, serverUrl: string, file: string) {
  const target = await scratch(admin, serverUrl, 'kp_bench_import_cpu');
  const backends = async () =>
    (
      await admin.query<{ pid: number }>(`select pid from pg_stat_activity where datname = 'kp_bench_import_cpu'`)
    ).rows.map((r) => r.pid);
  try {
    const before = new Map((await backends()).map((pid) => [pid, cpuMs(pid)]));
    const seen = new Set(before.keys());
    // Backends the import opens are found while it runs (they stay open until the database is closed).
    const watch = setInterval(() => void backends().then((pids) => pids.forEach((pid) => seen.add(pid))), 250);
    const app = process.cpuUsage();
    const started = performance.now();
    const summary = await importMarc(
      target.database.db,
      SYSTEM_ACTOR,
      createReadStream(file, { highWaterMark: 1 << 20 }),
      {
        container: 'auto',
        schema: 'auto',
        encoding: 'auto',
        match: 'isbn',
        library: target.library,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(watch);
    for (const pid of await backends()) seen.add(pid);
    const used = process.cpuUsage(app);
    let database = 0;
    for (const pid of seen) database += cpuMs(pid) - (before.get(pid) ?? 0);
    return {
      records: summary.created,
      rate: Math.round(summary.created / seconds),
      app: (used.user + used.system) / 1000 / summary.created,
      database: database / summary.created,
    };
  } finally {
    await target.drop();
  }
}

export async function importFloor(file: string, serverUrl: string) {
  const { lines, names, ms } = await appPart(file);
  const records = lines.length;
  const parts: { part: string; msPerRecord: number }[] = [];
  parts.push({ part: 'app: read, decode, parse, columns, COPY text', msPerRecord: ms / records });

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const target = await scratch(admin, serverUrl, 'kp_bench_import_floor');
  const library = target.library;
  const client = new pg.Client({ connectionString: target.url });
  try {
    await client.connect();
    // One statement at a time, alone, measured as the CPU its backend used (as the import's are below).
    const backend = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    const timed = async (part: string, run: () => Promise<unknown>) => {
      await client.query('checkpoint');
      const before = cpuMs(backend);
      await run();
      parts.push({ part, msPerRecord: (cpuMs(backend) - before) / records });
    };
    const chunks = function* () {
      for (let i = 0; i < lines.length; i += 500) yield `${lines.slice(i, i + 500).join('\n')}\n`;
    };
    await timed('database: the records, one COPY (search rows deferred as in an import)', async () => {
      await client.query('begin');
      await client.query(`select set_config('kitepkana.search_deferred', 'on', true)`);
      const into = `copy bib_records (${names.map((n) => `"${n}"`).join(', ')}) from stdin`;
      await pipeline(Readable.from(chunks()), client.query(copyFrom(into)));
      await client.query('commit');
    });
    const all = 'array(select id from bib_records)';
    await timed('database: the copies, one INSERT', () =>
      client.query(
        `insert into items (id, record_id, library_id, network_id, inventory_number, barcode, call_number, location, currency)
         select gen_random_uuid(), id, $1, $2, 'F' || n, 'F-' || n, '', '', 'KGS'
         from (select id, row_number() over () as n from bib_records) r`,
        [library.id, library.networkId],
      ),
    );
    await timed('database: search rows, one statement, indexes kept up to date', () =>
      client.query(`select kp_search_write(${all})`),
    );
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `select indexname as name, indexdef as definition from pg_indexes where tablename = 'bib_search' and indexname <> 'bib_search_pkey'`,
    );
    await client.query('truncate bib_search');
    for (const index of indexes) await client.query(`drop index ${index.name}`);
    await timed('database: search rows, one statement, then their indexes built', async () => {
      await client.query(`select kp_search_write(${all})`);
      for (const index of indexes) await client.query(index.definition);
    });
  } finally {
    await client.end().catch(() => undefined);
    await target.drop();
  }
  let real: Awaited<ReturnType<typeof importCpu>>;
  try {
    real = await importCpu(admin, serverUrl, file);
  } finally {
    await admin.end();
  }
  const cheapest = (prefix: string) =>
    Math.min(...parts.filter((p) => p.part.startsWith(prefix)).map((p) => p.msPerRecord));
  const floor =
    parts[0]!.msPerRecord + parts[1]!.msPerRecord + parts[2]!.msPerRecord + cheapest('database: search rows');
  const budget = (cpus().length / 5000) * 1000;
  console.log(
    `floor of an import, ${records} records (CPU per record, of the app's process or of the database's backend):`,
  );
  console.table(parts.map((p) => ({ part: p.part, 'ms per record': Number(p.msPerRecord.toFixed(3)) })));
  console.log(
    `sum of the cheapest forms: ${floor.toFixed(3)} ms per record; 5,000 records/s on ${cpus().length} cores allows ${budget.toFixed(3)} ms ` +
      `(at most ${Math.round((cpus().length / floor) * 1000)} records/s with every core busy)`,
  );
  const sum = real.app + real.database;
  console.log(
    `the import itself, ${real.records} records: ${real.rate} records/s; CPU per record: app ${real.app.toFixed(3)} ms, ` +
      `database ${real.database.toFixed(3)} ms, sum ${sum.toFixed(3)} ms (${Math.round((real.rate / ((cpus().length / sum) * 1000)) * 100)} % of what that CPU allows on ${cpus().length} cores)`,
  );
}
