/** Monitoring: checklists a network defines and dated checks of its libraries against them. */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import type { Library } from './libraries.service';
import type { TChecklistInput, TMonitoringCheckInput } from './network.schemas';
import { monitoringChecklists, monitoringChecks } from './network.tables';

export async function listChecklists(db: Db, networkId: string) {
  return db
    .select()
    .from(monitoringChecklists)
    .where(eq(monitoringChecklists.networkId, networkId))
    .orderBy(asc(monitoringChecklists.name));
}

export async function findChecklist(db: Db, id: string) {
  return (await db.select().from(monitoringChecklists).where(eq(monitoringChecklists.id, id)))[0] ?? null;
}

export async function saveChecklist(db: Db, actor: AuditActor, networkId: string, input: TChecklistInput, existingId?: string) {
  return db.transaction(async (tx) => {
    const before = existingId ? await findChecklist(tx, existingId) : null;
    const [row] = before
      ? await tx.update(monitoringChecklists).set(input).where(eq(monitoringChecklists.id, before.id)).returning()
      : await tx.insert(monitoringChecklists).values({ ...input, networkId }).returning();
    await writeAudit(tx, actor, {
      action: before ? 'checklist.update' : 'checklist.create',
      objectType: 'monitoring_checklist',
      objectId: row!.id,
      networkId,
      summary: input.name,
      before,
      after: row,
    });
    return row!;
  });
}

export async function listChecks(db: Db, libraryId: string) {
  return db
    .select({ check: monitoringChecks, checklistName: monitoringChecklists.name })
    .from(monitoringChecks)
    .innerJoin(monitoringChecklists, eq(monitoringChecklists.id, monitoringChecks.checklistId))
    .where(eq(monitoringChecks.libraryId, libraryId))
    .orderBy(desc(monitoringChecks.checkedOn))
    .then((rows) => rows.map((r) => ({ ...r.check, checklistName: r.checklistName })));
}

export async function findCheck(db: Db, id: string) {
  return (await db.select().from(monitoringChecks).where(eq(monitoringChecks.id, id)))[0] ?? null;
}

export async function saveCheck(db: Db, actor: AuditActor, lib: Library, input: TMonitoringCheckInput, existingId?: string) {
  return db.transaction(async (tx) => {
    const before = existingId ? await findCheck(tx, existingId) : null;
    const [row] = before
      ? await tx.update(monitoringChecks).set(input).where(eq(monitoringChecks.id, before.id)).returning()
      : await tx.insert(monitoringChecks).values({ ...input, libraryId: lib.id }).returning();
    await writeAudit(tx, actor, {
      action: before ? 'monitoring.update' : 'monitoring.create',
      objectType: 'monitoring_check',
      objectId: row!.id,
      networkId: lib.networkId,
      libraryId: lib.id,
      summary: `${lib.name}, ${input.checkedOn}`,
      before,
      after: row,
    });
    return row!;
  });
}
