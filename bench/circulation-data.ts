// The data of the loan desk benchmark (bench/circulation.bench.ts): a PostgreSQL database with 200,000
// readers and 1,000,000 copies, generated set-based with INSERT … SELECT generate_series once, then kept
// and reused (found by its comment); a later run only closes the loans an interrupted run left open.

import { migrateDatabase, openDatabase, type Database } from '../src/app/db';

export const DESKS = 50;
/** BENCH_SCALE=0.1 for a quick trial run on a tenth of the data. */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);
export const READERS = Math.round(200_000 * SCALE);
export const COPIES = Math.round(1_000_000 * SCALE);
export const RECORDS = Math.round(50_000 * SCALE);
export const HISTORY = Math.round(300_000 * SCALE);
export const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** BENCH_DB_NAME: keep the data in a database of that name instead (several checkouts sharing one server). */
export const DB_NAME = process.env.BENCH_DB_NAME ?? (SCALE === 1 ? 'kitepkana_bench_circ' : `kitepkana_bench_circ_${String(SCALE).replace(/\W/g, '_')}`);
/** Written on the database once its data is complete: a later run with the same marker reuses it. */
export const MARKER = `kitepkana circulation bench v1: ${READERS} readers, ${COPIES} copies, ${RECORDS} records, ${HISTORY} past loans`;

export const withDb = (name: string) => {
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return u.toString();
};

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const out = await fn();
  console.log(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return out;
}

/** Deterministic data: one network, one library per desk, readers spread over them, copies per library. */
async function generate(database: Database) {
  const q = (text: string) => database.query(text);
  await q(`insert into regions (id, name) values ('00000000-0000-4000-8000-000000000001', 'Bench region')`);
  await q(`insert into networks (id, region_id, name, short_name) values
    ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'Bench network', 'BN')`);
  await q(`insert into libraries (id, network_id, kind, number, name, code)
    select ('00000000-0000-4000-8001-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000002',
      'branch', g, 'Филиал № ' || g, 'B' || g from generate_series(1, ${DESKS}) g`);
  await q(`insert into reader_categories (id, network_id, code, name) values
    ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 'other', 'Другие')`);
  await timed(`${READERS} readers + registrations`, async () => {
    await q(`insert into readers (id, network_id, card_number, surname, first_name, birth_date, birth_year, category_id, home_library_id)
      select ('00000000-0000-4000-8002-' || lpad(g::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000002',
        'R' || lpad(g::text, 7, '0'), 'Читатель' || g, 'Имя', date '1980-01-01' + (g % 9000), 1980 + (g % 9000) / 365,
        '00000000-0000-4000-8000-000000000003', ('00000000-0000-4000-8001-' || lpad((1 + g % ${DESKS})::text, 12, '0'))::uuid
      from generate_series(1, ${READERS}) g`);
    await q(`insert into reader_registrations (reader_id, library_id, network_id, year, kind, registered_on, expires_on)
      select r.id, r.home_library_id, r.network_id, extract(year from current_date)::int, 'registration',
        date_trunc('year', current_date)::date, (date_trunc('year', current_date) + interval '1 year - 1 day')::date
      from readers r`);
  });
  await timed(`${RECORDS} records`, () =>
    q(`insert into bib_records (id, format, marc, title, search_title)
      select ('00000000-0000-4000-8003-' || lpad(g::text, 12, '0'))::uuid, 'rusmarc', '{"leader":"00000nam  2200000   450 ","fields":[]}',
        'Книга ' || g, 'книга ' || g from generate_series(1, ${RECORDS}) g`),
  );
  await timed(`${COPIES} copies`, () =>
    q(`insert into items (record_id, library_id, network_id, inventory_number, barcode, currency)
      select ('00000000-0000-4000-8003-' || lpad((1 + g % ${RECORDS})::text, 12, '0'))::uuid,
        ('00000000-0000-4000-8001-' || lpad((1 + g % ${DESKS})::text, 12, '0'))::uuid, '00000000-0000-4000-8000-000000000002',
        'I' || g, 'C' || lpad(g::text, 8, '0'), 'KGS' from generate_series(1, ${COPIES}) g`),
  );
  // A year of history, so that the planner sees loans and visits as the big tables they become.
  await timed(`${HISTORY} past loans and visits`, async () => {
    await q(`insert into loans (network_id, library_id, item_id, reader_id, loaned_at, due_on, returned_at)
      select i.network_id, i.library_id, i.id, ('00000000-0000-4000-8002-' || lpad((1 + g % ${READERS})::text, 12, '0'))::uuid,
        now() - make_interval(days => 30 + g % 300), (current_date - (16 + g % 300)), now() - make_interval(days => 20 + g % 300)
      from generate_series(1, ${HISTORY}) g join items i on i.barcode = 'C' || lpad((1 + (g * 7) % ${COPIES})::text, 8, '0')`);
    await q(`insert into reader_visits (reader_id, library_id, day)
      select reader_id, library_id, (loaned_at at time zone 'UTC')::date from loans on conflict do nothing`);
  });
  // Vacuumed as well as analysed: the first run then finds hint bits set and the visibility map
  // complete, as on a database in service, instead of paying for that on its first scans.
  await timed('vacuum analyze', () => q('vacuum (analyze)'));
}

/** The desk's read queries must use indexes on the big tables: prints any sequential scan on them. */
export async function checkPlans(database: Database, readerId: string, barcode: string) {
  const big = ['readers', 'reader_registrations', 'items', 'bib_records', 'loans', 'audit_log', 'reader_visits'];
  const queries = {
    checkout: `select r.id, exists (select 1 from reader_registrations g where g.reader_id = r.id and g.expires_on >= current_date),
        (select count(*) from loans l where l.reader_id = r.id and l.returned_at is null), i.id, b.age_label,
        exists (select 1 from loans l where l.item_id = i.id and l.returned_at is null)
      from readers r left join (items i join bib_records b on b.id = i.record_id) on i.barcode = '${barcode}' where r.id = '${readerId}'`,
    return: `select i.id, l.id from items i join bib_records b on b.id = i.record_id
      left join loans l on l.item_id = i.id and l.returned_at is null where i.barcode = '${barcode}'`,
    visit: `select 1 from reader_visits where reader_id = '${readerId}' and library_id = (select library_id from items where barcode = '${barcode}') and day = current_date`,
  };
  for (const [name, text] of Object.entries(queries)) {
    const plan = (await database.query<{ 'QUERY PLAN': string }>(`explain ${text}`)).map((r) => r['QUERY PLAN']).join('\n');
    const seq = big.filter((table) => new RegExp(`Seq Scan on ${table}\\b`).test(plan));
    console.log(`plan of ${name}: ${seq.length ? `SEQUENTIAL SCAN on ${seq.join(', ')}` : 'index scans only on the big tables'}`);
  }
}

/**
 * The bench database: reused when a complete earlier generation is there (its comment is the marker),
 * otherwise created and filled. Migrations are applied either way.
 */
export async function prepareDatabase(admin: Database): Promise<{ url: string; generated: boolean }> {
  const url = withDb(DB_NAME);
  const [existing] = await admin.query<{ marker: string | null }>(
    `select shobj_description(oid, 'pg_database') as marker from pg_database where datname = $1`,
    [DB_NAME],
  );
  const reuse = existing?.marker === MARKER && process.env.BENCH_FRESH !== '1';
  if (!reuse) {
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
  }
  const database = await openDatabase({ databaseUrl: url });
  try {
    await timed('migrations', () => migrateDatabase(database));
    if (reuse) {
      console.log(`reusing ${DB_NAME} (${MARKER}); BENCH_FRESH=1 generates it anew`);
      // Copies an interrupted run left on loan go back on the shelf.
      await database.query(`update loans set returned_at = now() where returned_at is null`);
      await database.query(`update items set status = 'available' where status <> 'available'`);
    } else {
      await timed('data generated', () => generate(database));
      await admin.query(`comment on database ${DB_NAME} is '${MARKER}'`);
    }
  } finally {
    await database.close();
  }
  return { url, generated: !reuse };
}

