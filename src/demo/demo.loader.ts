/**
 * Loads the demo region (Чуйская область: Кеминская and Аламудунская ЦБС) on first start and on
 * `kitepkana demo --reset`. Everything happens in one transaction: a half-loaded demo would stop the
 * first-start check from ever loading it again.
 */
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../app/db';
import * as schema from '../app/schema';
import { SYSTEM_ACTOR, writeAudit } from '../audit';
import {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  monitoringChecklists,
  monitoringChecks,
  municipalities,
  networks,
  regions,
  servicePoints,
} from '../network/network.tables';
import { hashPassword } from '../staff/staff.service';
import { staffUsers } from '../staff/staff.tables';
import { DEMO_PASSWORD } from './demo.accounts';
import { buildDemoRows, DEMO_REGION_NAME } from './demo.rows';
import { insertDemoCatalogue } from './demo.catalog';
import { insertDemoEvents } from './demo.events';
import { insertDemoMunicipal } from './demo.municipal';
import { insertDemoCommunity } from './demo.partners';
import { insertDemoReader } from './demo.reader';
import { insertDemoReaders } from './demo.readers';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.accounts';

/** The demo loader's own advisory lock key ("KPDEMO" in ASCII), distinct from any other lock the application takes. */
const DEMO_LOCK = 0x4b5044454d4f;

async function isEmpty(db: Db): Promise<boolean> {
  const [staff] = await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers);
  const [nets] = await db.select({ n: sql<number>`count(*)::int` }).from(networks);
  return staff?.n === 0 && nets?.n === 0;
}

async function insertDemo(tx: Db, passwordHash: string): Promise<void> {
  const rows = buildDemoRows(passwordHash);
  // Parents before children, because of the foreign keys.
  await tx.insert(regions).values(rows.region);
  await tx.insert(networks).values(rows.networks);
  await tx.insert(municipalities).values(rows.municipalities);
  await tx.insert(libraries).values(rows.libraries);
  await tx.insert(libraryMunicipalities).values(rows.libraryMunicipalities);
  await tx.insert(libraryPassports).values(rows.passports);
  await tx.insert(servicePoints).values(rows.servicePoints);
  await tx.insert(monitoringChecklists).values(rows.checklists);
  await tx.insert(monitoringChecks).values(rows.checks);
  await tx.insert(staffUsers).values(rows.staff);
  const catalogue = await insertDemoCatalogue(tx, rows.libraries.map((l) => ({ ...l, id: l.id!, networkId: l.networkId, code: l.code })));
  const community = await insertDemoCommunity(tx);
  const demoReaders = await insertDemoReaders(tx, rows.libraries.map((l) => ({ id: l.id!, networkId: l.networkId, code: l.code, settlement: l.settlement ?? '', kind: l.kind })));
  const [kemin, alamudun] = rows.networks;
  const eventCount = kemin && alamudun ? await insertDemoEvents(tx, { kemin: kemin.id!, alamudun: alamudun.id! }) : 0;
  const requestCount = kemin ? await insertDemoMunicipal(tx, kemin.id!) : 0;
  await insertDemoReader(tx, passwordHash);
  await writeAudit(tx, SYSTEM_ACTOR, {
    action: 'demo.load',
    objectType: 'region',
    objectId: rows.region.id,
    summary: `Загружен демонстрационный регион «${DEMO_REGION_NAME}»: ЦБС — ${rows.networks.length}, библиотек — ${rows.libraries.length}`,
    after: {
      networks: rows.networks.length,
      municipalities: rows.municipalities.length,
      libraries: rows.libraries.length,
      passports: rows.passports.length,
      servicePoints: rows.servicePoints.length,
      monitoringChecks: rows.checks.length,
      catalogueRecords: catalogue.records,
      partners: community.partners,
      contributions: community.contributions,
      seminars: community.seminars,
      events: eventCount,
      readers: demoReaders.readers,
      loans: demoReaders.loans,
      municipalRequests: requestCount,
      staff: rows.staff.map((s) => s.login),
    },
  });
}

/** Loads the demo when the database has neither a staff account nor a network; says whether it did. */
export async function buildDemoIfEmpty(db: Db): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  // Hashed outside the transaction: argon2 takes a noticeable moment and need not hold the lock.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const loaded = await db.transaction(async (tx) => {
    // Several processes may start at once against one PostgreSQL: only the first loads the demo.
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_LOCK}::bigint)`);
    if (!(await isEmpty(tx))) return false;
    await insertDemo(tx, passwordHash);
    return true;
  });
  if (loaded) await gatherStatistics(db);
  return loaded;
}

/**
 * The planner's statistics of the freshly loaded tables: they give the "about N" of a broad catalogue
 * search, and the plans. PGlite has no autovacuum to gather them (the server also does at each start
 * there). A loaded demo does not fail for them: they only guide estimates.
 */
const gatherStatistics = async (db: Db) => {
  await db.execute(sql`analyze`).catch(() => undefined);
};

/** Every table of the application, as `"name"` for a TRUNCATE. */
function applicationTables(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => `"${getTableName(table)}"`);
}

/** Erases all application data — accounts, sessions, settings, the audit log included — and loads the demo. */
export async function resetDemo(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`truncate table ${applicationTables().join(', ')} restart identity cascade`));
    await insertDemo(tx, passwordHash);
  });
  await gatherStatistics(db);
}
