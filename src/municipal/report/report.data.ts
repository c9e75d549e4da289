/**
 * The figures of the report to a municipality (or one library) for a period, gathered from each domain
 * through its index.ts: events and attendance, requests answered, contributions received, open needs
 * from the passports and open seminar decisions, readers, visits and loans by age group.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { summarizeCirculation, type CirculationSummary } from '../../circulation';
import { summarizeEvents, type EventSummary } from '../../events';
import { findPassport, libraries, libraryMunicipalities, municipalities, networks } from '../../network';
import { sumContributionsByPurpose, type PurposeSumRow } from '../../partners';
import { listOpenSeminarTasks, type OpenSeminarTask } from '../../seminars';
import { requestsForReport } from '../requests.queries';

export interface LibraryNeeds {
  libraryId: string;
  name: string;
  condition: string | null;
  hasInternet: boolean | null;
  computers: number | null;
  computersWithInternet: number | null;
}

export interface ReportData {
  title: string;
  municipality: { id: string; name: string; headName: string; headTitle: string; population: number | null } | null;
  networkName: string;
  country: string;
  libraries: { id: string; name: string; settlement: string }[];
  period: { from: string; to: string };
  circulation: CirculationSummary;
  events: EventSummary;
  requests: { total: number; answered: number; onTime: number; byType: Record<string, number>; list: Awaited<ReturnType<typeof requestsForReport>> };
  contributions: PurposeSumRow[];
  needs: LibraryNeeds[];
  openDecisions: OpenSeminarTask[];
}

export async function gatherReport(
  db: Db,
  scope: { municipalityId?: string | undefined; libraryId?: string | undefined },
  period: { from: string; to: string },
): Promise<ReportData | null> {
  let municipality: ReportData['municipality'] = null;
  let libs: { id: string; name: string; settlement: string; networkId: string }[];
  let municipalityIds: string[];
  if (scope.municipalityId) {
    const [m] = await db.select().from(municipalities).where(eq(municipalities.id, scope.municipalityId));
    if (!m) return null;
    municipality = { id: m.id, name: m.name, headName: m.headName, headTitle: m.headTitle, population: m.population };
    municipalityIds = [m.id];
    libs = await db
      .select({ id: libraries.id, name: libraries.name, settlement: libraries.settlement, networkId: libraries.networkId })
      .from(libraryMunicipalities)
      .innerJoin(libraries, eq(libraries.id, libraryMunicipalities.libraryId))
      .where(eq(libraryMunicipalities.municipalityId, m.id))
      .orderBy(libraries.number);
  } else if (scope.libraryId) {
    libs = await db
      .select({ id: libraries.id, name: libraries.name, settlement: libraries.settlement, networkId: libraries.networkId })
      .from(libraries)
      .where(eq(libraries.id, scope.libraryId));
    if (!libs.length) return null;
    municipalityIds = (
      await db.select({ id: libraryMunicipalities.municipalityId }).from(libraryMunicipalities).where(eq(libraryMunicipalities.libraryId, scope.libraryId))
    ).map((r) => r.id);
  } else return null;
  const libraryIds = libs.map((l) => l.id);
  const networkId = libs[0]?.networkId ?? (scope.municipalityId ? (await db.select().from(municipalities).where(eq(municipalities.id, scope.municipalityId)))[0]?.networkId : undefined);
  const [network] = networkId ? await db.select().from(networks).where(eq(networks.id, networkId)) : [];

  const [circulation, eventSummary, requestRows, contributionRows, decisions, passports] = await Promise.all([
    summarizeCirculation(db, { libraryIds, from: period.from, to: period.to }),
    summarizeEvents(db, { libraryIds, from: period.from, to: period.to }),
    requestsForReport(db, municipalityIds, period.from, period.to),
    sumContributionsByPurpose(db, { libraryIds, from: period.from, to: period.to }),
    listOpenSeminarTasks(db, { libraryIds, asOf: period.to }),
    Promise.all(libs.map(async (l) => ({ library: l, passport: await findPassport(db, l.id) }))),
  ]);
  const answered = requestRows.filter((r) => r.firstAnsweredAt);
  const byType: Record<string, number> = {};
  for (const r of requestRows) byType[r.type] = (byType[r.type] ?? 0) + 1;
  const needs: LibraryNeeds[] = passports.map(({ library, passport }) => {
    const data = passport.isSaved ? passport.data : null;
    return {
      libraryId: library.id,
      name: library.name,
      condition: data?.building?.condition ?? null,
      hasInternet: data ? !!data.internet?.has : null,
      computers: data?.computers?.forUsers ?? null,
      computersWithInternet: data?.computers?.withInternet ?? null,
    };
  });
  return {
    title: municipality?.name ?? libs[0]!.name,
    municipality,
    networkName: network?.name ?? '',
    country: network?.country ?? 'KG',
    libraries: libs.map(({ id, name, settlement }) => ({ id, name, settlement })),
    period,
    circulation,
    events: eventSummary,
    requests: {
      total: requestRows.length,
      answered: answered.length,
      onTime: answered.filter((r) => r.firstAnsweredAt!.toISOString().slice(0, 10) <= r.dueOn).length,
      byType,
      list: requestRows,
    },
    contributions: contributionRows,
    needs,
    openDecisions: decisions,
  };
}

