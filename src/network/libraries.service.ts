/** Regions, networks, libraries and service points: reading and changing them (audited). */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { foldedContains } from '../app/text-fold';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import type { TLibraryInput, TServicePointInput } from './network.schemas';
import type { ResolvedScope } from './network.scope';
import {
  libraries,
  libraryMunicipalities,
  libraryPassports,
  municipalities,
  networks,
  regions,
  servicePoints,
} from './network.tables';

export type Library = typeof libraries.$inferSelect;

export async function listRegions(db: Db) {
  return db.select().from(regions).orderBy(asc(regions.name));
}

export async function listNetworks(db: Db, visibleIds: Set<string> | null) {
  const rows = await db
    .select({
      id: networks.id,
      regionId: networks.regionId,
      regionName: regions.name,
      name: networks.name,
      shortName: networks.shortName,
      country: networks.country,
      libraryCount: sql<number>`(select count(*)::int from ${libraries} where ${libraries.networkId} = ${networks.id})`,
    })
    .from(networks)
    .innerJoin(regions, eq(regions.id, networks.regionId))
    .orderBy(asc(regions.name), asc(networks.name));
  return visibleIds ? rows.filter((r) => visibleIds.has(r.id)) : rows;
}

export async function findNetwork(db: Db, id: string) {
  return (await db.select().from(networks).where(eq(networks.id, id)))[0] ?? null;
}

export async function findLibrary(db: Db, id: string): Promise<Library | null> {
  return (await db.select().from(libraries).where(eq(libraries.id, id)))[0] ?? null;
}

export async function findLibraryByCode(db: Db, code: string): Promise<Library | null> {
  return (await db.select().from(libraries).where(eq(libraries.code, code)))[0] ?? null;
}

export interface LibraryListQuery {
  q?: string | undefined;
  kind?: Library['kind'] | undefined;
  municipalityId?: string | undefined;
  networkId?: string | undefined;
  isActive?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** Which libraries a list may show: all, or those of some networks plus some single libraries. */
export interface LibraryVisibility {
  isAll: boolean;
  networkIds: string[];
  libraryIds: string[];
}

export function visibilityFromScope(scope: ResolvedScope, role: string): LibraryVisibility {
  if (scope.isAll) return { isAll: true, networkIds: [], libraryIds: [] };
  const networkIds = role === 'municipal_official' ? [] : [...scope.readNetworkIds];
  return { isAll: false, networkIds, libraryIds: [...scope.libraryIds] };
}

function visibilityCondition(v: LibraryVisibility): SQL | undefined {
  if (v.isAll) return undefined;
  const parts: SQL[] = [];
  if (v.networkIds.length) parts.push(inArray(libraries.networkId, v.networkIds));
  if (v.libraryIds.length) parts.push(inArray(libraries.id, v.libraryIds));
  return parts.length ? or(...parts) : sql`false`;
}

const currentPassport = sql`(select p.data from ${libraryPassports} p where p.library_id = ${libraries.id} order by p.year desc limit 1)`;

/**
 * A network's libraries in its own order: the central library, the children's library, the branches by
 * number (№ 3 before № 11), then by name. Search results follow the same order (library_labels).
 */
export const libraryOrder = () => [
  sql`case ${libraries.kind} when 'central' then 0 when 'children' then 1 else 2 end`,
  asc(libraries.number),
  asc(libraries.name),
];

export async function listLibraries(db: Db, query: LibraryListQuery, visibility: LibraryVisibility) {
  const where: (SQL | undefined)[] = [visibilityCondition(visibility)];
  if (query.kind) where.push(eq(libraries.kind, query.kind));
  if (query.networkId) where.push(eq(libraries.networkId, query.networkId));
  if (query.isActive !== undefined) where.push(eq(libraries.isActive, query.isActive));
  if (query.municipalityId) {
    where.push(
      sql`exists (select 1 from ${libraryMunicipalities} lm where lm.library_id = ${libraries.id} and lm.municipality_id = ${query.municipalityId})`,
    );
  }
  if (query.q) {
    // "21", "№ 21" or "филиал 21" look for a branch number; anything else is a text search.
    const numberMatch = /^\s*(?:№|n|no\.?|филиал\s*№?)?\s*(\d{1,4})\s*$/i.exec(query.q);
    where.push(
      numberMatch
        ? eq(libraries.number, Number(numberMatch[1]))
        : or(
            foldedContains(libraries.name, query.q),
            foldedContains(libraries.settlement, query.q),
            foldedContains(libraries.code, query.q),
            foldedContains(sql`(${currentPassport})->>'address'`, query.q),
          ),
    );
  }
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: libraries.id,
        networkId: libraries.networkId,
        networkName: networks.shortName,
        kind: libraries.kind,
        number: libraries.number,
        name: libraries.name,
        settlement: libraries.settlement,
        code: libraries.code,
        isActive: libraries.isActive,
        address: sql<string>`coalesce((${currentPassport})->>'address', '')`,
        phone: sql<string>`coalesce((${currentPassport})->>'phone', '')`,
        municipalities: sql<string>`coalesce((select string_agg(m.name, ', ' order by m.name) from ${libraryMunicipalities} lm join ${municipalities} m on m.id = lm.municipality_id where lm.library_id = ${libraries.id}), '')`,
      })
      .from(libraries)
      .innerJoin(networks, eq(networks.id, libraries.networkId))
      .where(condition)
      .orderBy(asc(networks.shortName), ...libraryOrder())
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(libraries).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function libraryMunicipalityIds(db: Db, libraryId: string): Promise<string[]> {
  const rows = await db
    .select({ id: libraryMunicipalities.municipalityId })
    .from(libraryMunicipalities)
    .where(eq(libraryMunicipalities.libraryId, libraryId));
  return rows.map((r) => r.id);
}

async function setLibraryMunicipalities(tx: Db, libraryId: string, networkId: string, ids: string[]) {
  await tx.delete(libraryMunicipalities).where(eq(libraryMunicipalities.libraryId, libraryId));
  if (!ids.length) return;
  const found = await tx
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(and(inArray(municipalities.id, ids), eq(municipalities.networkId, networkId)));
  if (found.length !== new Set(ids).size) throw new RangeError('municipalityIds');
  await tx.insert(libraryMunicipalities).values([...new Set(ids)].map((municipalityId) => ({ libraryId, municipalityId })));
}

export async function createLibrary(db: Db, actor: AuditActor, networkId: string, input: TLibraryInput) {
  return db.transaction(async (tx) => {
    const { municipalityIds, ...fields } = input;
    const [lib] = await tx.insert(libraries).values({ ...fields, networkId }).returning();
    if (!lib) throw new Error('insert returned nothing');
    await setLibraryMunicipalities(tx, lib.id, networkId, municipalityIds);
    await writeAudit(tx, actor, {
      action: 'library.create',
      objectType: 'library',
      objectId: lib.id,
      networkId,
      libraryId: lib.id,
      summary: lib.name,
      after: { ...lib, municipalityIds },
    });
    return lib;
  });
}

export async function updateLibrary(db: Db, actor: AuditActor, before: Library, input: TLibraryInput) {
  return db.transaction(async (tx) => {
    const { municipalityIds, ...fields } = input;
    const beforeMunicipalities = await libraryMunicipalityIds(tx, before.id);
    const [lib] = await tx
      .update(libraries)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(libraries.id, before.id))
      .returning();
    await setLibraryMunicipalities(tx, before.id, before.networkId, municipalityIds);
    await writeAudit(tx, actor, {
      action: 'library.update',
      objectType: 'library',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.id,
      summary: fields.name,
      before: { ...before, municipalityIds: beforeMunicipalities },
      after: { ...lib, municipalityIds },
    });
    return lib!;
  });
}

export async function listServicePoints(db: Db, libraryId: string) {
  return db.select().from(servicePoints).where(eq(servicePoints.libraryId, libraryId)).orderBy(asc(servicePoints.name));
}

export async function findServicePoint(db: Db, id: string) {
  return (await db.select().from(servicePoints).where(eq(servicePoints.id, id)))[0] ?? null;
}

export async function saveServicePoint(
  db: Db,
  actor: AuditActor,
  lib: Library,
  input: TServicePointInput,
  existingId?: string,
) {
  return db.transaction(async (tx) => {
    const before = existingId ? await findServicePoint(tx, existingId) : null;
    const [point] = before
      ? await tx.update(servicePoints).set(input).where(eq(servicePoints.id, before.id)).returning()
      : await tx.insert(servicePoints).values({ ...input, libraryId: lib.id }).returning();
    await writeAudit(tx, actor, {
      action: before ? 'service_point.update' : 'service_point.create',
      objectType: 'service_point',
      objectId: point!.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: input.name,
      before,
      after: point,
    });
    return point!;
  });
}

/** Counts for the home page: libraries by kind, service points, municipalities and their population. */
export async function networkOverview(db: Db, visibility: LibraryVisibility) {
  const condition = visibilityCondition(visibility);
  const byKind = await db
    .select({ kind: libraries.kind, n: sql<number>`count(*)::int` })
    .from(libraries)
    .where(and(condition, eq(libraries.isActive, true)))
    .groupBy(libraries.kind);
  const [points] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(servicePoints)
    .innerJoin(libraries, eq(libraries.id, servicePoints.libraryId))
    .where(and(condition, eq(servicePoints.isActive, true)));
  const conditions = await db
    .select({
      condition: sql<string>`(${currentPassport})->'building'->>'condition'`,
      hasInternet: sql<boolean>`coalesce(((${currentPassport})->'internet'->>'has')::boolean, false)`,
      computers: sql<number>`coalesce(((${currentPassport})->'computers'->>'forUsers')::int, 0)`,
    })
    .from(libraries)
    .where(and(condition, eq(libraries.isActive, true)));
  return {
    librariesByKind: Object.fromEntries(byKind.map((r) => [r.kind, r.n])) as Partial<Record<Library['kind'], number>>,
    servicePoints: points?.n ?? 0,
    needsRepair: conditions.filter((c) => c.condition === 'needs_repair').length,
    emergency: conditions.filter((c) => c.condition === 'emergency').length,
    withInternet: conditions.filter((c) => c.hasInternet).length,
    computersForUsers: conditions.reduce((s, c) => s + c.computers, 0),
  };
}
