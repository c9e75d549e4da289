/** Read-only queries the public pages need beyond the network domain's own functions. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  municipalities,
  networks,
  regions,
  type Library,
  type TPassportData,
} from '../network';

export type LibraryKind = Library['kind'];
export type PortalNetwork = Awaited<ReturnType<typeof listPortalNetworks>>[number];

/** Every network of the installation with its region and the number of its active branches. */
export async function listPortalNetworks(db: Db) {
  return db
    .select({
      id: networks.id,
      name: networks.name,
      shortName: networks.shortName,
      country: networks.country,
      regionName: regions.name,
      branchCount: sql<number>`(select count(*)::int from ${libraries} l where l.network_id = ${networks.id} and l.kind = 'branch' and l.is_active)`,
    })
    .from(networks)
    .innerJoin(regions, eq(regions.id, networks.regionId))
    .orderBy(asc(regions.name), asc(networks.name));
}

/** The active central and children's libraries of some networks: what the home page introduces. */
export async function listMainLibraries(db: Db, networkIds: string[]): Promise<Library[]> {
  if (!networkIds.length) return [];
  return db
    .select()
    .from(libraries)
    .where(
      and(
        inArray(libraries.networkId, networkIds),
        inArray(libraries.kind, ['central', 'children']),
        eq(libraries.isActive, true),
      ),
    )
    .orderBy(sql`case ${libraries.kind} when 'central' then 0 else 1 end`, asc(libraries.number), asc(libraries.name));
}

/** The latest passport of each library, in one query rather than one per library. */
export async function latestPassports(db: Db, libraryIds: string[]): Promise<Map<string, TPassportData>> {
  if (!libraryIds.length) return new Map();
  const rows = await db
    .selectDistinctOn([libraryPassports.libraryId], {
      libraryId: libraryPassports.libraryId,
      data: libraryPassports.data,
    })
    .from(libraryPassports)
    .where(inArray(libraryPassports.libraryId, libraryIds))
    .orderBy(libraryPassports.libraryId, desc(libraryPassports.year));
  return new Map(rows.map((r) => [r.libraryId, r.data]));
}

/** Active libraries by kind, for the tabs of the list (one network, or all of them). */
export async function countActiveLibrariesByKind(
  db: Db,
  networkId?: string,
): Promise<Partial<Record<LibraryKind, number>>> {
  const rows = await db
    .select({ kind: libraries.kind, n: sql<number>`count(*)::int` })
    .from(libraries)
    .where(and(eq(libraries.isActive, true), networkId ? eq(libraries.networkId, networkId) : undefined))
    .groupBy(libraries.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/** The municipalities (айыл окмоту, МО) a library serves. */
export async function listLibraryMunicipalities(db: Db, libraryId: string) {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(libraryMunicipalities)
    .innerJoin(municipalities, eq(municipalities.id, libraryMunicipalities.municipalityId))
    .where(eq(libraryMunicipalities.libraryId, libraryId))
    .orderBy(asc(municipalities.name));
}
