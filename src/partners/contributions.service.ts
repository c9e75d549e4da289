/**
 * The ledger of contributions: money or things in kind a partner gave a library, with its value,
 * currency and purpose, optionally tied to an event, a seminar or a grant. Every change is audited.
 */
import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { AppError } from '../app/errors';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import { findLibrary, libraries } from '../network';
import type { TContributionInput, TContributionKind, TCurrency } from './partners.schemas';
import { contributions, grants, partners } from './partners.tables';

export type Contribution = typeof contributions.$inferSelect;

const otherNetwork = (field: string) =>
  new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'other_network', key: 'validation.other_network' }]);

export async function findContribution(db: Db, id: string): Promise<Contribution | null> {
  return (await db.select().from(contributions).where(eq(contributions.id, id)))[0] ?? null;
}

export interface ContributionListQuery {
  q?: string | undefined;
  libraryId?: string | undefined;
  partnerId?: string | undefined;
  seminarId?: string | undefined;
  eventId?: string | undefined;
  kind?: TContributionKind | undefined;
  currency?: TCurrency | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** `libraryIds` null = every library. */
function contributionFilter(query: Omit<ContributionListQuery, 'page' | 'pageSize'>, libraryIds: string[] | null) {
  const where: (SQL | undefined)[] = [];
  if (libraryIds) where.push(libraryIds.length ? inArray(contributions.libraryId, libraryIds) : sql`false`);
  if (query.libraryId) where.push(eq(contributions.libraryId, query.libraryId));
  if (query.partnerId) where.push(eq(contributions.partnerId, query.partnerId));
  if (query.seminarId) where.push(eq(contributions.seminarId, query.seminarId));
  if (query.eventId) where.push(eq(contributions.eventId, query.eventId));
  if (query.kind) where.push(eq(contributions.kind, query.kind));
  if (query.currency) where.push(eq(contributions.currency, query.currency));
  if (query.from) where.push(gte(contributions.receivedOn, query.from));
  if (query.to) where.push(lte(contributions.receivedOn, query.to));
  if (query.q) {
    where.push(
      or(
        foldedContains(contributions.purpose, query.q),
        foldedContains(contributions.description, query.q),
        foldedContains(partners.name, query.q),
        foldedContains(libraries.name, query.q),
      ),
    );
  }
  return and(...where);
}

export async function listContributions(db: Db, query: ContributionListQuery, libraryIds: string[] | null) {
  const condition = contributionFilter(query, libraryIds);
  const base = () =>
    db
      .select({
        id: contributions.id,
        libraryId: contributions.libraryId,
        libraryName: libraries.name,
        partnerId: contributions.partnerId,
        partnerName: partners.name,
        kind: contributions.kind,
        value: contributions.value,
        currency: contributions.currency,
        quantity: contributions.quantity,
        receivedOn: contributions.receivedOn,
        purpose: contributions.purpose,
        description: contributions.description,
        eventId: contributions.eventId,
        seminarId: contributions.seminarId,
        grantId: contributions.grantId,
      })
      .from(contributions)
      .innerJoin(libraries, eq(libraries.id, contributions.libraryId))
      .innerJoin(partners, eq(partners.id, contributions.partnerId));
  const [items, total] = await Promise.all([
    base()
      .where(condition)
      .orderBy(desc(contributions.receivedOn), asc(libraries.name), asc(contributions.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(contributions)
      .innerJoin(libraries, eq(libraries.id, contributions.libraryId))
      .innerJoin(partners, eq(partners.id, contributions.partnerId))
      .where(condition),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

/** The library, the partner and the grant must belong to one network; returns that network. */
async function checkLinks(db: Db, input: TContributionInput): Promise<string> {
  const library = await findLibrary(db, input.libraryId);
  if (!library) throw otherNetwork('libraryId');
  const partner = (await db.select().from(partners).where(eq(partners.id, input.partnerId)))[0];
  if (!partner || partner.networkId !== library.networkId) throw otherNetwork('partnerId');
  if (input.grantId) {
    const grant = (await db.select().from(grants).where(eq(grants.id, input.grantId)))[0];
    if (!grant || grant.networkId !== library.networkId) throw otherNetwork('grantId');
  }
  return library.networkId;
}

export async function createContribution(db: Db, actor: AuditActor, input: TContributionInput) {
  const networkId = await checkLinks(db, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(contributions).values({ ...input, networkId, createdBy: actor.id }).returning();
    await writeAudit(tx, actor, {
      action: 'contribution.create',
      objectType: 'contribution',
      objectId: row!.id,
      networkId,
      libraryId: row!.libraryId,
      summary: `${input.purpose}: ${input.value} ${input.currency}`,
      after: row,
    });
    return row!;
  });
}

export async function updateContribution(db: Db, actor: AuditActor, before: Contribution, input: TContributionInput) {
  const networkId = await checkLinks(db, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(contributions)
      .set({ ...input, networkId, updatedAt: new Date() })
      .where(eq(contributions.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'contribution.update',
      objectType: 'contribution',
      objectId: before.id,
      networkId,
      libraryId: row!.libraryId,
      summary: `${input.purpose}: ${input.value} ${input.currency}`,
      before,
      after: row,
    });
    return row!;
  });
}

export async function deleteContribution(db: Db, actor: AuditActor, before: Contribution) {
  await db.transaction(async (tx) => {
    await tx.delete(contributions).where(eq(contributions.id, before.id));
    await writeAudit(tx, actor, {
      action: 'contribution.delete',
      objectType: 'contribution',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.libraryId,
      summary: `${before.purpose}: ${before.value} ${before.currency}`,
      before,
    });
  });
}
