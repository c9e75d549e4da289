/** The network's loan rules and circulation settings, as staff edit them. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { circulationSettings, loanRules } from './circulation.tables';
import type { TLoanRuleInput } from './circulation.schemas';
import { BUILT_IN_RULE } from './rules';

export type LoanRule = typeof loanRules.$inferSelect;

/** The rules of a network, the default first, then by library, category and type. */
export async function listLoanRules(db: Db, networkId: string): Promise<LoanRule[]> {
  return db
    .select()
    .from(loanRules)
    .where(eq(loanRules.networkId, networkId))
    .orderBy(
      sql`${loanRules.libraryId} is not null`,
      sql`${loanRules.readerCategoryId} is not null`,
      sql`${loanRules.itemType} is not null`,
      asc(loanRules.createdAt),
    );
}

export async function findLoanRule(db: Db, id: string): Promise<LoanRule | null> {
  return (await db.select().from(loanRules).where(eq(loanRules.id, id)))[0] ?? null;
}

export async function createLoanRule(db: Db, actor: AuditActor, input: TLoanRuleInput) {
  return db.transaction(async (tx) => {
    const [rule] = await tx.insert(loanRules).values(input).returning();
    await writeAudit(tx, actor, {
      action: 'loan_rule.create',
      objectType: 'loan_rule',
      objectId: rule!.id,
      networkId: rule!.networkId,
      libraryId: rule!.libraryId,
      after: rule,
    });
    return rule!;
  });
}

export async function updateLoanRule(db: Db, actor: AuditActor, before: LoanRule, input: TLoanRuleInput) {
  return db.transaction(async (tx) => {
    const [rule] = await tx
      .update(loanRules)
      .set({ ...input, networkId: before.networkId, updatedAt: new Date() })
      .where(eq(loanRules.id, before.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'loan_rule.update',
      objectType: 'loan_rule',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: rule!.libraryId,
      before,
      after: rule,
    });
    return rule!;
  });
}

export async function deleteLoanRule(db: Db, actor: AuditActor, before: LoanRule) {
  await db.transaction(async (tx) => {
    await tx.delete(loanRules).where(and(eq(loanRules.id, before.id)));
    await writeAudit(tx, actor, {
      action: 'loan_rule.delete',
      objectType: 'loan_rule',
      objectId: before.id,
      networkId: before.networkId,
      libraryId: before.libraryId,
      before,
    });
  });
}

export interface CirculationSettings {
  networkId: string;
  holdShelfDays: number;
  blockAfterDays: number | null;
}

export async function getCirculationSettings(db: Db, networkId: string): Promise<CirculationSettings> {
  const row = (await db.select().from(circulationSettings).where(eq(circulationSettings.networkId, networkId)))[0];
  return { networkId, holdShelfDays: row?.holdShelfDays ?? 7, blockAfterDays: row?.blockAfterDays ?? null };
}

export async function saveCirculationSettings(
  db: Db,
  actor: AuditActor,
  networkId: string,
  input: { holdShelfDays: number; blockAfterDays: number | null },
) {
  return db.transaction(async (tx) => {
    const before = await getCirculationSettings(tx, networkId);
    await tx
      .insert(circulationSettings)
      .values({ networkId, ...input })
      .onConflictDoUpdate({ target: circulationSettings.networkId, set: { ...input, updatedAt: new Date() } });
    await writeAudit(tx, actor, {
      action: 'circulation_settings.update',
      objectType: 'network',
      objectId: networkId,
      networkId,
      before,
      after: input,
    });
    return { networkId, ...input };
  });
}

export { BUILT_IN_RULE };
