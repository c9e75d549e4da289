/** Municipalities (айыл окмоту, МО, district): their records and the libraries that serve them. */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { foldedContains } from '../app/text-fold';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import type { TMunicipalityInput } from './network.schemas';
import { libraries, libraryMunicipalities, municipalities, networks } from './network.tables';

export type Municipality = typeof municipalities.$inferSelect;

export async function findMunicipality(db: Db, id: string): Promise<Municipality | null> {
  return (await db.select().from(municipalities).where(eq(municipalities.id, id)))[0] ?? null;
}

export interface MunicipalityListQuery {
  q?: string | undefined;
  networkId?: string | undefined;
  page: number;
  pageSize: number;
}

/** `visible`: null = all; otherwise networks whose municipalities are visible and single municipalities. */
export async function listMunicipalities(
  db: Db,
  query: MunicipalityListQuery,
  visible: { networkIds: string[]; municipalityIds: string[] } | null,
) {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.networkIds.length) parts.push(inArray(municipalities.networkId, visible.networkIds));
    if (visible.municipalityIds.length) parts.push(inArray(municipalities.id, visible.municipalityIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.networkId) where.push(eq(municipalities.networkId, query.networkId));
  if (query.q) {
    where.push(or(foldedContains(municipalities.name, query.q), foldedContains(municipalities.headName, query.q)));
  }
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: municipalities.id,
        networkId: municipalities.networkId,
        networkName: networks.shortName,
        kind: municipalities.kind,
        name: municipalities.name,
        headName: municipalities.headName,
        headTitle: municipalities.headTitle,
        phone: municipalities.phone,
        email: municipalities.email,
        population: municipalities.population,
        populationYear: municipalities.populationYear,
        libraryCount: sql<number>`(select count(*)::int from ${libraryMunicipalities} lm where lm.municipality_id = ${municipalities.id})`,
      })
      .from(municipalities)
      .innerJoin(networks, eq(networks.id, municipalities.networkId))
      .where(condition)
      .orderBy(asc(municipalities.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(municipalities).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

export async function librariesServing(db: Db, municipalityId: string) {
  return db
    .select({ id: libraries.id, name: libraries.name, kind: libraries.kind, number: libraries.number, settlement: libraries.settlement })
    .from(libraryMunicipalities)
    .innerJoin(libraries, eq(libraries.id, libraryMunicipalities.libraryId))
    .where(eq(libraryMunicipalities.municipalityId, municipalityId))
    .orderBy(asc(libraries.number));
}

export async function createMunicipality(db: Db, actor: AuditActor, networkId: string, input: TMunicipalityInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(municipalities).values({ ...input, networkId }).returning();
    await writeAudit(tx, actor, {
      action: 'municipality.create',
      objectType: 'municipality',
      objectId: row!.id,
      networkId,
      summary: input.name,
      after: row,
    });
    return row!;
  });
}

export async function updateMunicipality(db: Db, actor: AuditActor, before: Municipality, input: TMunicipalityInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(municipalities)
      .set({ ...input, updatedAt: new Date() })
      .where(and(eq(municipalities.id, before.id)))
      .returning();
    await writeAudit(tx, actor, {
      action: 'municipality.update',
      objectType: 'municipality',
      objectId: before.id,
      networkId: before.networkId,
      summary: input.name,
      before,
      after: row,
    });
    return row!;
  });
}
