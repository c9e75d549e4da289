/**
 * Measures search latency over a generated catalogue (not a test): `npx tsx src/catalog/search.measure.ts
 * [--records 50000] [--runs 100] [--database-url postgres://…]`. Without a URL it measures PGlite in
 * memory; with one it creates a scratch database beside the given one and drops it afterwards.
 */
import { parseArgs } from 'node:util';
import { migrateDatabase, openDatabase, type Database } from '../app/db';
import { buildLibrary, buildNetwork } from '../test/factories';
import { generateRecord } from './catalog.generator';
import { ZSearchQuery } from './catalog.schemas';
import { bibRecords, items } from './catalog.tables';
import { writeFormToMarc } from './record-writer';
import { columnsFromMarc } from './records.service';
import { searchCatalog } from './search.service';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '100' },
    'database-url': { type: 'string' },
    /** Leave the PostgreSQL scratch database in place, to look at query plans. */
    keep: { type: 'boolean', default: false },
  },
});
const RECORDS = Number(values.records);
const RUNS = Number(values.runs);

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = values['database-url'];
  if (!url) return { database: await openDatabase({}), drop: async () => {} };
  const name = `kp_measure_${process.pid}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const server = await openDatabase({ databaseUrl: admin.toString() });
  await server.query(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: target.toString() }),
    drop: async () => {
      if (values.keep) console.log(`kept database ${name}`);
      else await server.query(`drop database if exists ${name} with (force)`);
      await server.close();
    },
  };
}

async function fill(database: Database) {
  const db = database.db;
  const network = await buildNetwork(db);
  const libs: { id: string }[] = [];
  for (let n = 1; n <= 10; n++) libs.push(await buildLibrary(db, network.id, { number: n }));
  const started = Date.now();
  for (let from = 0; from < RECORDS; from += 500) {
    const batch = Array.from({ length: Math.min(500, RECORDS - from) }, (_, i) => generateRecord(from + i));
    const rows = await db
      .insert(bibRecords)
      .values(batch.map((g) => columnsFromMarc(writeFormToMarc(g.form, g.format, null), g.format)))
      .returning({ id: bibRecords.id });
    const copies = rows.flatMap((row, i) =>
      Array.from({ length: batch[i]!.copies }, (_, c) => {
        const lib = libs[(from + i + c) % libs.length]!;
        const status = (from + i + c) % 3 === 0 ? ('on_loan' as const) : ('available' as const);
        return { recordId: row.id, libraryId: lib.id, networkId: network.id, inventoryNumber: `I${from + i}-${c}`, barcode: `B${from + i}-${c}`, currency: 'KGS' as const, status };
      }),
    );
    if (copies.length) await db.insert(items).values(copies);
  }
  await database.query('analyze');
  return { libraryId: libs[0]!.id, seconds: (Date.now() - started) / 1000 };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main() {
  const { database, drop } = await open();
  try {
    await migrateDatabase(database);
    const { libraryId, seconds } = await fill(database);
    console.log(`${database.kind}: ${RECORDS} records loaded in ${seconds.toFixed(1)} s`);
    const queries: Record<string, Record<string, string>> = {
      'one word, broad ("история")': { q: 'история' },
      'two words ("белый пароход")': { q: 'белый пароход' },
      'author surname ("айтматов")': { q: 'айтматов' },
      'Kyrgyz folded ("онор жана")': { q: 'онор жана' },
      'typo fallback ("истрия кыргызстна")': { q: 'истрия кыргызстна' },
      'ISBN with hyphens': { q: '978-5-00012345-?' },
      'advanced: author + years + ББК': { author: 'осмонов', yearFrom: '1990', yearTo: '2010', bbk: '84(2' },
      'available in one library + "сказки"': { q: 'сказки', libraryId, available: 'true' },
      'browse, no query (sorted by title)': {},
    };
    // An ISBN the catalogue holds, typed with hyphens.
    let index = Math.floor(RECORDS / 4);
    while (!generateRecord(index).form.isbns.length) index++;
    const isbn = generateRecord(index).form.isbns[0]!;
    queries['ISBN with hyphens'] = { q: `${isbn.slice(0, 3)}-${isbn.slice(3, 4)}-${isbn.slice(4, 12)}-${isbn.slice(12)}` };
    for (const [name, params] of Object.entries(queries)) {
      const query = ZSearchQuery.parse(params);
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS + 5; i++) {
        const t0 = performance.now();
        total = (await searchCatalog(database.db, query)).total;
        if (i >= 5) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(42)} hits ${String(total).padStart(6)}  p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms`);
    }
  } finally {
    await database.close();
    await drop();
  }
}

await main();
