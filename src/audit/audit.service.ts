/** Writing and reading the audit log. Writes always happen inside the caller's transaction. */
import { and, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../app/db';
import { likeEscape } from '../app/text-fold';
import { auditLog } from './audit.tables';

/** Who is acting: a staff member, or the system itself (demo loader, CLI). */
export interface AuditActor {
  id: string | null;
  login: string;
  ip?: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, login: 'system' };

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  networkId?: string | null;
  libraryId?: string | null;
  summary?: string;
  before?: unknown;
  after?: unknown;
}

export async function writeAudit(tx: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: actor.id,
    actorLogin: actor.login,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    networkId: entry.networkId ?? null,
    libraryId: entry.libraryId ?? null,
    summary: entry.summary ?? '',
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip ?? '',
  });
}

export interface AuditQuery {
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  libraryId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** IANA time zone in which `from`/`to` are calendar days (the person's own); UTC when absent. */
  tz?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/** Lists the audit log; `networkIds` null means every network (installation scope). */
export async function listAudit(db: Db, query: AuditQuery, networkIds: string[] | null, libraryIds: string[] | null) {
  const where: (SQL | undefined)[] = [];
  if (networkIds !== null || libraryIds !== null) {
    const parts: SQL[] = [];
    if (networkIds?.length) parts.push(inArray(auditLog.networkId, networkIds));
    if (libraryIds?.length) parts.push(inArray(auditLog.libraryId, libraryIds));
    where.push(parts.length ? or(...parts) : sql`false`);
  }
  if (query.actorId) where.push(eq(auditLog.actorId, query.actorId));
  if (query.objectType) where.push(eq(auditLog.objectType, query.objectType));
  if (query.objectId) where.push(eq(auditLog.objectId, query.objectId));
  if (query.libraryId) where.push(eq(auditLog.libraryId, query.libraryId));
  const zone = query.tz ?? 'UTC';
  if (query.from) where.push(gte(auditLog.at, sql`(${query.from}::date)::timestamp at time zone ${zone}`));
  if (query.to) where.push(lt(auditLog.at, sql`(${query.to}::date + 1)::timestamp at time zone ${zone}`));
  if (query.q) {
    const like = `%${likeEscape(query.q)}%`;
    where.push(or(ilike(auditLog.summary, like), ilike(auditLog.action, like), ilike(auditLog.actorLogin, like)));
  }
  const condition = and(...where);
  const [rows, total] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(condition)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(condition),
  ]);
  return { items: rows, total: total[0]?.n ?? 0 };
}
