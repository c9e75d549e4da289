/**
 * ИРИ (selective dissemination of information): a person subscribes to topics — saved searches over
 * the catalogue — and gets the new material on them. Digest selection reads records catalogued since
 * the subscription's watermark and leaves out every record the subscription has already delivered;
 * the primary key of sdi_deliveries makes sending one record twice impossible.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { findNewRecords, ZSearchQuery } from '../catalog';
import type { TSubscriptionInput, TSubscriptionQuery } from './municipal.schemas';
import { sdiDeliveries, sdiDigests, sdiSubscriptions, type DigestItem } from './municipal.tables';

export type Subscription = typeof sdiSubscriptions.$inferSelect;
export type Digest = typeof sdiDigests.$inferSelect;

/** At most this many records go into one digest; the rest wait for the next one. */
export const DIGEST_LIMIT = 50;
const FREQUENCY_DAYS = { daily: 1, weekly: 7, monthly: 30 } as const;

export async function listSubscriptions(db: Db, ownerId: string) {
  return db.select().from(sdiSubscriptions).where(eq(sdiSubscriptions.ownerId, ownerId)).orderBy(sdiSubscriptions.topic);
}

export async function findSubscription(db: Db, id: string): Promise<Subscription | null> {
  return (await db.select().from(sdiSubscriptions).where(eq(sdiSubscriptions.id, id)))[0] ?? null;
}

export async function createSubscription(
  db: Db,
  actor: AuditActor & { id: string },
  owner: { networkId: string | null; municipalityId: string | null },
  input: TSubscriptionInput,
  since = new Date(),
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sdiSubscriptions)
      .values({ ...input, ownerId: actor.id, networkId: owner.networkId, municipalityId: owner.municipalityId, since })
      .returning();
    await writeAudit(tx, actor, { action: 'sdi_subscription.create', objectType: 'sdi_subscription', objectId: row!.id, networkId: owner.networkId, summary: input.topic, after: row });
    return row!;
  });
}

export async function updateSubscription(db: Db, actor: AuditActor, before: Subscription, input: TSubscriptionInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(sdiSubscriptions).set({ ...input, updatedAt: new Date() }).where(eq(sdiSubscriptions.id, before.id)).returning();
    await writeAudit(tx, actor, { action: 'sdi_subscription.update', objectType: 'sdi_subscription', objectId: before.id, networkId: before.networkId, summary: input.topic, before, after: row });
    return row!;
  });
}

export async function deleteSubscription(db: Db, actor: AuditActor, before: Subscription) {
  await db.transaction(async (tx) => {
    await tx.delete(sdiSubscriptions).where(eq(sdiSubscriptions.id, before.id));
    await writeAudit(tx, actor, { action: 'sdi_subscription.delete', objectType: 'sdi_subscription', objectId: before.id, networkId: before.networkId, summary: before.topic, before });
  });
}

function searchQueryOf(query: TSubscriptionQuery) {
  return ZSearchQuery.parse({ q: query.q, subject: query.subject, author: query.author, language: query.language });
}

/** What the saved search finds among records catalogued since the subscription began (a preview). */
export async function previewSubscription(db: Db, query: TSubscriptionQuery, since: Date) {
  return findNewRecords(db, searchQueryOf(query), since, 20);
}

/**
 * Builds the next digest of one subscription: new matching records not delivered before. Returns the
 * digest, or null when there is nothing new. Runs in one transaction, so a crash delivers nothing.
 */
export async function buildDigest(db: Db, subscription: Subscription, now = new Date()): Promise<Digest | null> {
  return db.transaction(async (tx) => {
    // One builder per subscription at a time, across processes.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sdi:${subscription.id}`}))`);
    const fresh = (await tx.select().from(sdiSubscriptions).where(eq(sdiSubscriptions.id, subscription.id)))[0];
    if (!fresh) return null;
    const found = await findNewRecords(tx, searchQueryOf(fresh.query), fresh.since, DIGEST_LIMIT * 4);
    const delivered = found.length
      ? new Set(
          (
            await tx
              .select({ recordId: sdiDeliveries.recordId })
              .from(sdiDeliveries)
              .where(and(eq(sdiDeliveries.subscriptionId, fresh.id), inArray(sdiDeliveries.recordId, found.map((r) => r.id))))
          ).map((d) => d.recordId),
        )
      : new Set<string>();
    const fresher = found.filter((r) => !delivered.has(r.id)).slice(0, DIGEST_LIMIT);
    // The watermark moves to the newest record taken, so the next run starts there.
    const watermark = fresher.length ? fresher[fresher.length - 1]!.createdAt : fresh.since;
    await tx.update(sdiSubscriptions).set({ lastRunAt: now, since: watermark }).where(eq(sdiSubscriptions.id, fresh.id));
    if (!fresher.length) return null;
    const items: DigestItem[] = fresher.map((r) => ({ recordId: r.id, title: r.title, description: r.description, year: r.year }));
    const [digest] = await tx
      .insert(sdiDigests)
      .values({ subscriptionId: fresh.id, ownerId: fresh.ownerId, topic: fresh.topic, items, isEmailWanted: fresh.isEmailed })
      .returning();
    await tx.insert(sdiDeliveries).values(fresher.map((r) => ({ subscriptionId: fresh.id, recordId: r.id, digestId: digest!.id })));
    return digest!;
  });
}

/** Active subscriptions whose frequency has come round. */
export async function dueSubscriptions(db: Db, now = new Date()) {
  const all = await db.select().from(sdiSubscriptions).where(eq(sdiSubscriptions.isActive, true));
  return all.filter((s) => !s.lastRunAt || now.getTime() - s.lastRunAt.getTime() >= FREQUENCY_DAYS[s.frequency] * 86400_000 - 3600_000);
}

/** The person's portal inbox: their digests, newest first, paged. */
export async function listDigests(db: Db, ownerId: string, page: number, pageSize: number) {
  const where = eq(sdiDigests.ownerId, ownerId);
  const [items, total, unread] = await Promise.all([
    db.select().from(sdiDigests).where(where).orderBy(desc(sdiDigests.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(sdiDigests).where(where),
    db.select({ n: sql<number>`count(*)::int` }).from(sdiDigests).where(and(where, isNull(sdiDigests.readAt))),
  ]);
  return { items, total: total[0]?.n ?? 0, unread: unread[0]?.n ?? 0 };
}

export async function findDigest(db: Db, id: string): Promise<Digest | null> {
  return (await db.select().from(sdiDigests).where(eq(sdiDigests.id, id)))[0] ?? null;
}

export async function markDigestRead(db: Db, digest: Digest) {
  if (digest.readAt) return digest;
  const [row] = await db.update(sdiDigests).set({ readAt: new Date() }).where(eq(sdiDigests.id, digest.id)).returning();
  return row!;
}

/**
 * Claims digests waiting for e-mail (each claimed once, even with several processes) — the caller sends
 * them and records failures with `recordEmailFailure`.
 */
export async function claimDigestsToEmail(db: Db, limit = 100) {
  return db
    .update(sdiDigests)
    .set({ emailedAt: new Date() })
    .where(
      inArray(
        sdiDigests.id,
        sql`(select id from ${sdiDigests} where ${sdiDigests.isEmailWanted} and ${sdiDigests.emailedAt} is null order by ${sdiDigests.createdAt} limit ${limit} for update skip locked)`,
      ),
    )
    .returning();
}

export async function recordEmailFailure(db: Db, digestId: string, error: string) {
  await db.update(sdiDigests).set({ emailError: error.slice(0, 500) }).where(eq(sdiDigests.id, digestId));
}
