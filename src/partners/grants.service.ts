/** Grants and contests the network or a library applied to: status, amounts and the report's due date. */
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { findLibrary, libraries } from '../network';
import type { TGrantInput, TGrantStatus } from './partners.schemas';
import { grants, partners } from './partners.tables';

export type Grant = typeof grants.$inferSelect;

export async function findGrant(db: Db, id: string): Promise<Grant | null> {
  return (await db.select().from(grants).where(eq(grants.id, id)))[0] ?? null;
}

export interface GrantListQuery {
  q?: string | undefined;
  status?: TGrantStatus | undefined;
  libraryId?: string | undefined;
  page: number;
  pageSize: number;
}

/** What a person may list: null = all; otherwise network-level grants of `networkIds` and grants of `libraryIds`. */
export interface GrantVisibility {
  networkIds: string[];
  libraryIds: string[];
}

export async function listGrants(db: Db, query: GrantListQuery, visible: GrantVisibility | null) {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.networkIds.length) parts.push(and(isNull(grants.libraryId), inArray(grants.networkId, visible.networkIds))!);
    if (visible.libraryIds.length) parts.push(inArray(grants.libraryId, visible.libraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.status) where.push(eq(grants.status, query.status));
  if (query.libraryId) where.push(eq(grants.libraryId, query.libraryId));
  if (query.q) where.push(or(foldedContains(grants.title, query.q), foldedContains(grants.programme, query.q), foldedContains(sql`coalesce(${partners.name}, '')`, query.q)));
  const condition = and(...where);
  const [items, total] = await Promise.all([
    db
      .select({
        id: grants.id,
        networkId: grants.networkId,
        libraryId: grants.libraryId,
        libraryName: libraries.name,
        partnerId: grants.partnerId,
        partnerName: partners.name,
        title: grants.title,
        programme: grants.programme,
        status: grants.status,
        requestedAmount: grants.requestedAmount,
        awardedAmount: grants.awardedAmount,
        currency: grants.currency,
        submittedOn: grants.submittedOn,
        decidedOn: grants.decidedOn,
        reportDue: grants.reportDue,
        reportedOn: grants.reportedOn,
        note: grants.note,
        isReportOverdue: sql<boolean>`coalesce(${grants.status} = 'won' and ${grants.reportDue} < current_date, false)`,
      })
      .from(grants)
      .leftJoin(libraries, eq(libraries.id, grants.libraryId))
      .leftJoin(partners, eq(partners.id, grants.partnerId))
      .where(condition)
      .orderBy(desc(sql`coalesce(${grants.submittedOn}, ${grants.reportDue}, ${grants.createdAt}::date)`), asc(grants.title))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(grants).leftJoin(partners, eq(partners.id, grants.partnerId)).where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

const otherNetwork = (field: string) =>
  new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'other_network', key: 'validation.other_network' }]);

async function checkLinks(db: Db, networkId: string, input: TGrantInput) {
  if (input.libraryId) {
    const library = await findLibrary(db, input.libraryId);
    if (!library || library.networkId !== networkId) throw otherNetwork('libraryId');
  }
  if (input.partnerId) {
    const partner = (await db.select().from(partners).where(eq(partners.id, input.partnerId)))[0];
    if (!partner || partner.networkId !== networkId) throw otherNetwork('partnerId');
  }
}

export async function createGrant(db: Db, actor: AuditActor, networkId: string, input: TGrantInput) {
  await checkLinks(db, networkId, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(grants).values({ ...input, networkId }).returning();
    await writeAudit(tx, actor, { action: 'grant.create', objectType: 'grant', objectId: row!.id, networkId, libraryId: input.libraryId, summary: input.title, after: row });
    return row!;
  });
}

export async function updateGrant(db: Db, actor: AuditActor, before: Grant, input: TGrantInput) {
  await checkLinks(db, before.networkId, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.update(grants).set({ ...input, updatedAt: new Date() }).where(eq(grants.id, before.id)).returning();
    await writeAudit(tx, actor, {
      action: 'grant.update',
      objectType: 'grant',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: input.libraryId,
      summary: `${input.title}: ${before.status} → ${input.status}`,
      before,
      after: row,
    });
    return row!;
  });
}
