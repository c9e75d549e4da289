/** Partners of a network: list, read, create, change. Every change writes the audit log. */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { municipalities } from '../network';
import type { TPartnerInput, TPartnerKind } from './partners.schemas';
import { contributions, partners } from './partners.tables';

export type Partner = typeof partners.$inferSelect;

export async function findPartner(db: Db, id: string): Promise<Partner | null> {
  return (await db.select().from(partners).where(eq(partners.id, id)))[0] ?? null;
}

export interface PartnerListQuery {
  q?: string | undefined;
  kind?: TPartnerKind | undefined;
  networkId?: string | undefined;
  page: number;
  pageSize: number;
}

/** `networkIds` null = every network. */
export async function listPartners(db: Db, query: PartnerListQuery, networkIds: string[] | null) {
  const where: (SQL | undefined)[] = [];
  if (networkIds) where.push(networkIds.length ? inArray(partners.networkId, networkIds) : sql`false`);
  if (query.networkId) where.push(eq(partners.networkId, query.networkId));
  if (query.kind) where.push(eq(partners.kind, query.kind));
  if (query.q) {
    where.push(
      or(
        foldedContains(partners.name, query.q),
        foldedContains(partners.note, query.q),
        foldedContains(sql`${partners.contacts}::text`, query.q),
      ),
    );
  }
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: partners.id,
        networkId: partners.networkId,
        kind: partners.kind,
        name: partners.name,
        municipalityId: partners.municipalityId,
        address: partners.address,
        phone: partners.phone,
        email: partners.email,
        website: partners.website,
        contacts: partners.contacts,
        isActive: partners.isActive,
      })
      .from(partners)
      .where(condition)
      .orderBy(asc(partners.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(partners).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

/** A municipal body must point at a municipality of the same network. */
async function checkMunicipality(db: Db, networkId: string, municipalityId: string | null) {
  if (!municipalityId) return;
  const m = (await db.select().from(municipalities).where(eq(municipalities.id, municipalityId)))[0];
  if (!m || m.networkId !== networkId) {
    throw new AppError(422, 'validation_failed', 'error.validation', [
      { field: 'municipalityId', code: 'other_network', key: 'validation.other_network' },
    ]);
  }
}

export async function createPartner(db: Db, actor: AuditActor, networkId: string, input: TPartnerInput) {
  await checkMunicipality(db, networkId, input.municipalityId);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(partners).values({ ...input, networkId }).returning();
    await writeAudit(tx, actor, { action: 'partner.create', objectType: 'partner', objectId: row!.id, networkId, summary: input.name, after: row });
    return row!;
  });
}

export async function updatePartner(db: Db, actor: AuditActor, before: Partner, input: TPartnerInput) {
  await checkMunicipality(db, before.networkId, input.municipalityId);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(partners).set({ ...input, updatedAt: new Date() }).where(eq(partners.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'partner.update',
      objectType: 'partner',
      objectId: before.id,
      networkId: before.networkId,
      summary: input.name,
      before,
      after: row,
    });
    return row!;
  });
}

/** Partners of one network as options for forms (id, name, kind), active first. */
export async function partnerOptions(db: Db, networkIds: string[] | null) {
  return db
    .select({ id: partners.id, name: partners.name, kind: partners.kind, networkId: partners.networkId })
    .from(partners)
    .where(networkIds ? (networkIds.length ? inArray(partners.networkId, networkIds) : sql`false`) : undefined)
    .orderBy(sql`${partners.isActive} desc`, asc(partners.name));
}

/** How many contributions a partner has: a partner with some can be deactivated, not deleted. */
export async function countPartnerContributions(db: Db, partnerId: string) {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(contributions).where(eq(contributions.partnerId, partnerId));
  return r?.n ?? 0;
}
