/** Regions and networks (ЦБС): the top of the organisation tree (audited). */
import { eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import type { TNetworkInput, TRegionInput } from './network.schemas';
import { networks, regions } from './network.tables';

export async function findRegion(db: Db, id: string) {
  return (await db.select().from(regions).where(eq(regions.id, id)))[0] ?? null;
}

export async function createRegion(db: Db, actor: AuditActor, input: TRegionInput) {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(regions).values(input).returning();
    await writeAudit(tx, actor, { action: 'region.create', objectType: 'region', objectId: row!.id, summary: input.name, after: row });
    return row!;
  });
}

export async function saveNetwork(
  db: Db,
  actor: AuditActor,
  input: TNetworkInput,
  before: typeof networks.$inferSelect | null,
) {
  return db.transaction(async (tx) => {
    const [row] = before
      ? await tx.update(networks).set(input).where(eq(networks.id, before.id)).returning()
      : await tx.insert(networks).values(input).returning();
    await writeAudit(tx, actor, {
      action: before ? 'network.update' : 'network.create',
      objectType: 'network',
      objectId: row!.id,
      networkId: row!.id,
      summary: input.name,
      before,
      after: row,
    });
    return row!;
  });
}
