import { and, eq, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, rowsOf, type Database, type Db } from '../app/db';
import { auditLog } from '../audit';
import {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  monitoringChecks,
  municipalities,
  networks,
  servicePoints,
} from '../network/network.tables';
import { bibRecords, searchCatalog, ZSearchQuery } from '../catalog';
import { ZPassportData } from '../network/network.schemas';
import { DEMO_RECORD_COUNT } from './demo.catalog';
import { events } from '../events';
import { isOverdue, isoDay, municipalRequests, sdiSubscriptions } from '../municipal';
import { partners, sumContributionsByPurpose } from '../partners';
import { listOpenSeminarTasks, seminarDecisions, seminars } from '../seminars';
import { verifyLogin } from '../staff/staff.service';
import { staffUsers } from '../staff/staff.tables';
import { listOpenLoans, listReaderHolds } from '../circulation';
import { verifyReaderLogin } from '../readers/account/account.service';
import { DEMO_READER_CARD } from './demo.reader';
import { buildDemoIfEmpty, DEMO_ACCOUNTS, DEMO_PASSWORD, resetDemo } from './index';

const count = async (db: Db, table: PgTable) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;

/** A fingerprint of the loaded demo that does not depend on the generated ids. */
async function snapshot(db: Db) {
  return {
    networks: await count(db, networks),
    libraries: await count(db, libraries),
    municipalities: await count(db, municipalities),
    links: await count(db, libraryMunicipalities),
    passports: await count(db, libraryPassports),
    servicePoints: await count(db, servicePoints),
    checks: await count(db, monitoringChecks),
    staff: await count(db, staffUsers),
    audit: await count(db, auditLog),
  };
}

describe('demo region', { timeout: 60_000 }, () => {
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    database = await openDatabase({});
    await migrateDatabase(database);
    db = database.db;
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  it('loads into an empty database', async () => {
    expect(await buildDemoIfEmpty(db)).toBe(true);
  });

  it('has the two networks of the region, Kemin as its report describes it', async () => {
    const nets = await db.select().from(networks);
    expect(nets.map((n) => n.shortName).sort()).toEqual(['Аламудунская ЦБС', 'Кеминская ЦБС']);
    expect(new Set(nets.map((n) => n.regionId)).size).toBe(1);
    const kemin = nets.find((n) => n.shortName === 'Кеминская ЦБС')!;
    const libs = await db.select().from(libraries).where(eq(libraries.networkId, kemin.id));
    const byKind = (k: string) => libs.filter((l) => l.kind === k).length;
    expect([byKind('central'), byKind('children'), byKind('branch')]).toEqual([1, 1, 28]);
    const branch21 = libs.find((l) => l.number === 21);
    expect(branch21?.name).toBe('Филиал № 21');
    expect(branch21?.settlement).toBe('с. Подгорное');
    const aos = await db
      .select()
      .from(municipalities)
      .where(and(eq(municipalities.networkId, kemin.id), eq(municipalities.kind, 'aiyl_okmotu')));
    expect(aos).toHaveLength(12);
    for (const ao of aos) {
      expect(ao.headName).not.toBe('');
      expect(ao.population).toBeGreaterThanOrEqual(2_000);
      expect(ao.population).toBeLessThanOrEqual(12_000);
    }
  });

  it('links every library to a municipality of its own network', async () => {
    const rows = await db
      .select({ lib: libraries.networkId, muni: municipalities.networkId, id: libraries.id })
      .from(libraryMunicipalities)
      .innerJoin(libraries, eq(libraries.id, libraryMunicipalities.libraryId))
      .innerJoin(municipalities, eq(municipalities.id, libraryMunicipalities.municipalityId));
    expect(rows.every((r) => r.lib === r.muni)).toBe(true);
    expect(new Set(rows.map((r) => r.id)).size).toBe(await count(db, libraries));
  });

  it('gives every library a valid passport for last year and this year', async () => {
    const year = new Date().getFullYear();
    const libs = await db.select({ id: libraries.id }).from(libraries);
    const passports = await db.select().from(libraryPassports);
    for (const lib of libs) {
      const years = passports.filter((p) => p.libraryId === lib.id).map((p) => p.year).sort();
      expect(years).toEqual([year - 1, year]);
    }
    for (const p of passports) expect(() => ZPassportData.parse(p.data)).not.toThrow();
    const current = passports.filter((p) => p.year === year).map((p) => p.data.building.condition);
    expect(current.filter((c) => c === 'emergency')).toHaveLength(1);
    expect(current.filter((c) => c === 'needs_repair').length).toBeGreaterThanOrEqual(3);
  });

  it('has outreach points and monitoring with open and closed follow-ups', async () => {
    const kinds = new Set((await db.select().from(servicePoints)).map((p) => p.kind));
    for (const k of ['deposit_camp', 'deposit_school', 'deposit_farm', 'mobile_stop', 'home_delivery'] as const)
      expect(kinds.has(k)).toBe(true);
    const checks = await db.select().from(monitoringChecks);
    expect(checks.some((c) => c.isFollowUpDone)).toBe(true);
    expect(checks.some((c) => c.followUp !== '' && !c.isFollowUpDone)).toBe(true);
    const today = new Date().toISOString().slice(0, 10);
    expect(checks.every((c) => c.checkedOn <= today)).toBe(true);
  });

  it('has a searchable catalogue with copies in the demo libraries', async () => {
    expect(await count(db, bibRecords)).toBe(DEMO_RECORD_COUNT);
    const found = await searchCatalog(db, ZSearchQuery.parse({ q: 'айтматов джамиля' }), { withFacets: false });
    expect(found.items[0]?.title).toBe('Джамиля');
    expect(found.items[0]?.availability.length).toBeGreaterThan(0);
    const kyrgyz = await searchCatalog(db, ZSearchQuery.parse({ q: 'онор' }), { withFacets: false });
    expect(kyrgyz.items.map((i) => i.title)).toContain('Өнөр жана турмуш');
  });

  it('says "about N" of a broad search close to the true count (statistics gathered after loading)', async () => {
    const books = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from bib_records where material_type = 'book'`))[0]!.n;
    for (const [query, truth] of [[{}, DEMO_RECORD_COUNT], [{ materialType: 'book' }, books]] as const) {
      const found = await searchCatalog(db, ZSearchQuery.parse(query), { withFacets: false });
      expect(found.totalIsEstimate).toBe(true);
      expect(Math.abs(found.total - truth) / truth).toBeLessThan(0.1);
    }
  });

  it('has partners and contributions from the reports, and two seminars with decisions done and overdue', async () => {
    const kemin = (await db.select().from(networks)).find((n) => n.shortName === 'Кеминская ЦБС')!;
    const libs = await db.select().from(libraries).where(eq(libraries.networkId, kemin.id));
    const byPurpose = await sumContributionsByPurpose(db, { libraryIds: libs.map((l) => l.id), from: '2000-01-01', to: '2100-12-31' });
    expect(byPurpose.map((r) => r.purpose)).toContain('Текущий ремонт: побелка, покраска');
    expect(await count(db, partners)).toBeGreaterThanOrEqual(10);
    const held = (await db.select().from(seminars)).filter((s) => s.status === 'held');
    expect(held).toHaveLength(2);
    const open = await listOpenSeminarTasks(db, { libraryIds: libs.map((l) => l.id) });
    expect(open.some((t) => t.isOverdue)).toBe(true);
    expect(open.some((t) => !t.isOverdue)).toBe(true);
    const done = await db.select().from(seminarDecisions).where(eq(seminarDecisions.status, 'done'));
    expect(done.length).toBeGreaterThan(0);
  });

  it('has a year of events around today, held ones with attendance, planned ones on the public calendar', async () => {
    const all = await db.select().from(events);
    const today = isoDay(new Date());
    const held = all.filter((e) => e.status === 'held');
    const planned = all.filter((e) => e.status === 'planned');
    expect(held.length).toBeGreaterThan(10);
    expect(planned.filter((e) => e.isPublic && e.plannedOn >= today).length).toBeGreaterThan(10);
    for (const e of held) {
      expect(e.heldOn! < today).toBe(true);
      expect(e.attendanceChildren + e.attendanceYouth + e.attendanceAdults).toBeLessThanOrEqual(e.attendanceTotal!);
    }
    expect(all.map((e) => e.title).some((t) => t.includes('Нооруз'))).toBe(true);
  });

  it('has requests of the demo official: answered, in work and overdue, and the official\'s subscriptions', async () => {
    const [official] = await db.select().from(staffUsers).where(eq(staffUsers.login, 'official'));
    const own = await db.select().from(municipalRequests).where(eq(municipalRequests.requesterId, official!.id));
    const today = isoDay(new Date());
    expect(own.map((r) => r.status)).toEqual(expect.arrayContaining(['answered', 'in_progress', 'new', 'closed']));
    expect(own.some((r) => isOverdue(r, today))).toBe(true);
    const subscriptions = await db.select().from(sdiSubscriptions).where(eq(sdiSubscriptions.ownerId, official!.id));
    expect(subscriptions.map((s) => s.topic)).toContain('Местное самоуправление');
  });

  it('has readers of every age group with registrations, children with a guardian, loans some of them overdue', async () => {
    const year = new Date().getUTCFullYear();
    const [figures] = rowsOf<{ readers: number; children: number; youth: number; adults: number; unguarded: number }>(
      await db.execute(sql`select count(*)::int as readers,
        count(*) filter (where ${year} - birth_year <= 14)::int as children,
        count(*) filter (where ${year} - birth_year between 15 and 30)::int as youth,
        count(*) filter (where ${year} - birth_year > 30)::int as adults,
        count(*) filter (where birth_date > current_date - interval '14 years' and guardian_name = '')::int as unguarded
        from readers`),
    );
    expect(figures!.readers).toBeGreaterThanOrEqual(300);
    expect(Math.min(figures!.children, figures!.youth, figures!.adults)).toBeGreaterThan(30);
    expect(figures!.unguarded).toBe(0);
    const [loans] = rowsOf<{ open: number; overdue: number; returned: number; unregistered: number }>(
      await db.execute(sql`select count(*) filter (where returned_at is null)::int as open,
        count(*) filter (where returned_at is null and due_on < current_date)::int as overdue,
        count(*) filter (where returned_at is not null)::int as returned,
        (select count(*)::int from readers r where not exists (select 1 from reader_registrations g where g.reader_id = r.id and g.year = ${year})) as unregistered
        from loans`),
    );
    expect(loans!.open).toBeGreaterThan(100);
    expect(loans!.overdue).toBeGreaterThan(10);
    expect(loans!.returned).toBeGreaterThan(100);
    expect(loans!.unregistered).toBe(0);
    const [onLoanWithoutLoan] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from items i join readers r on r.home_library_id = i.library_id
        where i.status = 'on_loan' and not exists (select 1 from loans l where l.item_id = i.id and l.returned_at is null)`),
    );
    expect(onLoanWithoutLoan!.n).toBe(0);
  });

  it('lets every demo account log in with the demo password', async () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role)).toEqual(
      expect.arrayContaining([
        'network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian',
        'municipal_official', 'reader',
      ]),
    );
    for (const account of DEMO_ACCOUNTS) {
      const user = await verifyLogin(db, account.login, DEMO_PASSWORD);
      expect(user?.role, account.login).toBe(account.role);
    }
    expect(await verifyLogin(db, 'director', 'wrong-password')).toBeNull();
  });

  it('gives the demo reader a portal account with two loans (one overdue) and a hold', async () => {
    const reader = await verifyReaderLogin(db, DEMO_READER_CARD, DEMO_PASSWORD);
    expect(reader?.surname).toBe('Токтосунов');
    const loans = await listOpenLoans(db, reader!.id);
    expect(loans).toHaveLength(2);
    expect(loans.filter((l) => l.isOverdue)).toHaveLength(1);
    expect(await listReaderHolds(db, reader!.id)).toHaveLength(1);
  });

  it('does nothing the second time', async () => {
    const before = await snapshot(db);
    expect(await buildDemoIfEmpty(db)).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('resetDemo erases additions and loads the demo again', async () => {
    const before = await snapshot(db);
    const [kemin] = await db.select().from(networks).where(eq(networks.shortName, 'Кеминская ЦБС'));
    await db.insert(libraries).values({ networkId: kemin!.id, kind: 'branch', number: 99, name: 'Филиал № 99', code: 'EXTRA' });
    expect(await count(db, libraries)).toBe(before.libraries + 1);
    await resetDemo(db);
    // The audit log is erased too: only the new load's entries remain (the load, the demo reader's desk actions).
    expect(await snapshot(db)).toEqual(before);
    const actions = (await db.select({ action: auditLog.action }).from(auditLog)).map((e) => e.action);
    expect(actions.filter((a) => a === 'demo.load')).toHaveLength(1);
    expect(await verifyLogin(db, 'methodist', DEMO_PASSWORD)).not.toBeNull();
  });
});
