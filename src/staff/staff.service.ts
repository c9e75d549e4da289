/** Staff accounts: passwords, creation, changes and resets (audited). */
import { hash, verify } from '@node-rs/argon2';
import { and, asc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { forgetSessions } from '../app/auth';
import type { Db } from '../app/db';
import { likeEscape } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import type { TLanguage, TStaffInput } from './staff.schemas';
import { sessions, staffUsers } from './staff.tables';

export type StaffUser = typeof staffUsers.$inferSelect;

// argon2id with the library's recommended parameters (19 MiB, 2 passes).
export const hashPassword = (password: string) => hash(password, { algorithm: 2, memoryCost: 19456, timeCost: 2 });

/** Compares against a dummy hash when the login is unknown, so timing does not reveal which logins exist. */
const DUMMY_HASH = await hashPassword('not-a-real-password-at-all');

export function publicStaff(u: StaffUser) {
  const { passwordHash: _hidden, ...rest } = u;
  return rest;
}

export async function verifyLogin(db: Db, login: string, password: string): Promise<StaffUser | null> {
  const user = (await db.select().from(staffUsers).where(eq(staffUsers.login, login.toLowerCase())))[0];
  const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password);
  return ok && user?.isActive ? user : null;
}

export async function findStaff(db: Db, id: string) {
  return (await db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0] ?? null;
}

export async function countStaff(db: Db) {
  return (await db.select({ n: sql<number>`count(*)::int` }).from(staffUsers))[0]?.n ?? 0;
}

export interface StaffListQuery {
  q?: string | undefined;
  role?: StaffUser['role'] | undefined;
  libraryId?: string | undefined;
  page: number;
  pageSize: number;
}

/** `visible`: null = everyone; otherwise the scope nodes whose people may be listed. */
export async function listStaff(db: Db, query: StaffListQuery, visible: { scopeIds: string[]; libraryIds: string[] } | null) {
  const where: (SQL | undefined)[] = [];
  if (visible) {
    const parts: SQL[] = [];
    if (visible.scopeIds.length) parts.push(inArray(staffUsers.scopeId, visible.scopeIds));
    if (visible.libraryIds.length) parts.push(inArray(staffUsers.libraryId, visible.libraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.role) where.push(eq(staffUsers.role, query.role));
  if (query.libraryId) where.push(eq(staffUsers.libraryId, query.libraryId));
  if (query.q) {
    const like = `%${likeEscape(query.q.trim())}%`;
    where.push(or(ilike(staffUsers.fullName, like), ilike(staffUsers.login, like), ilike(staffUsers.position, like)));
  }
  const condition = and(...where);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(staffUsers)
      .where(condition)
      .orderBy(asc(staffUsers.fullName))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(staffUsers).where(condition),
  ]);
  return { items: rows.map(publicStaff), total: total[0]?.n ?? 0 };
}

export async function createStaff(
  db: Db,
  actor: AuditActor,
  input: TStaffInput,
  password: string,
  audit: { networkId: string | null; libraryId: string | null },
) {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffUsers)
      .values({ ...input, login: input.login.toLowerCase(), passwordHash, mustChangePassword: actor.id !== null })
      .returning();
    await writeAudit(tx, actor, {
      action: 'staff.create',
      objectType: 'staff_user',
      objectId: row!.id,
      ...audit,
      summary: `${input.fullName} (${input.login})`,
      after: publicStaff(row!),
    });
    return publicStaff(row!);
  });
}

export async function updateStaff(
  db: Db,
  actor: AuditActor,
  before: StaffUser,
  input: TStaffInput,
  audit: { networkId: string | null; libraryId: string | null },
) {
  const updated = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(staffUsers)
      .set({ ...input, login: input.login.toLowerCase(), updatedAt: new Date() })
      .where(eq(staffUsers.id, before.id))
      .returning();
    if (!input.isActive) await tx.delete(sessions).where(eq(sessions.userId, before.id));
    await writeAudit(tx, actor, {
      action: 'staff.update',
      objectType: 'staff_user',
      objectId: before.id,
      ...audit,
      summary: `${input.fullName} (${input.login})`,
      before: publicStaff(before),
      after: publicStaff(row!),
    });
    return publicStaff(row!);
  });
  // Role, scope, language or activity changed: the person's next request reads them anew.
  forgetSessions({ userId: before.id });
  return updated;
}

/** Sets a new password. By an admin (reset): the person must change it at next login; other sessions end. */
export async function setPassword(
  db: Db,
  actor: AuditActor,
  user: StaffUser,
  password: string,
  options: { isReset: boolean; keepSessionHash?: string; networkId?: string | null },
) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ passwordHash, mustChangePassword: options.isReset, updatedAt: new Date() })
      .where(eq(staffUsers.id, user.id));
    await tx
      .delete(sessions)
      .where(
        options.keepSessionHash
          ? and(eq(sessions.userId, user.id), ne(sessions.tokenHash, options.keepSessionHash))
          : eq(sessions.userId, user.id),
      );
    await writeAudit(tx, actor, {
      action: options.isReset ? 'staff.password_reset' : 'staff.password_change',
      objectType: 'staff_user',
      objectId: user.id,
      networkId: options.networkId ?? null,
      libraryId: user.libraryId,
      summary: user.login,
    });
  });
  forgetSessions({ userId: user.id });
}

export async function setLanguage(db: Db, userId: string, language: TLanguage) {
  await db.update(staffUsers).set({ language }).where(eq(staffUsers.id, userId));
  forgetSessions({ userId });
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  forgetSessions({ tokenHash });
}
