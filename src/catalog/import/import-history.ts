/**
 * Earlier imports, newest first: each person sees the imports they started; directors, methodologists
 * and network admins also see those of their networks (the whole installation for an installation-wide
 * scope), as they may follow any job of their network.
 */
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/auth';
import type { Db } from '../../app/db';
import { jobs } from '../../app/jobs.tables';
import { likeEscape } from '../../app/text-fold';
import { libraries, MANAGER_ROLES, type ResolvedScope } from '../../network';
import { staffUsers } from '../../staff';
import { IMPORT_JOB, type ImportJobPayload } from './import.job';
import type { ImportSummary } from './import.service';

export interface ImportHistoryQuery {
  page: number;
  pageSize: number;
  /** Part of the file's name. */
  q?: string;
}

/** The imports `canFollowJob` lets this person see, as a condition on jobs. */
function visibleTo(actor: Actor, scope: ResolvedScope): SQL | undefined {
  if (MANAGER_ROLES.includes(actor.role)) {
    if (scope.isAll) return undefined;
    if (scope.networkIds.size) return or(eq(jobs.createdBy, actor.id), inArray(jobs.networkId, [...scope.networkIds]));
  }
  return eq(jobs.createdBy, actor.id);
}

export async function listImports(db: Db, actor: Actor, scope: ResolvedScope, query: ImportHistoryQuery) {
  const where = and(
    eq(jobs.kind, IMPORT_JOB),
    visibleTo(actor, scope),
    query.q ? ilike(sql`${jobs.payload} ->> 'fileName'`, `%${likeEscape(query.q.trim())}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        job: jobs,
        startedBy: staffUsers.fullName,
        libraryName: sql<string | null>`kp_library_label(${libraries.name}, ${libraries.settlement})`,
      })
      .from(jobs)
      .leftJoin(staffUsers, eq(staffUsers.id, jobs.createdBy))
      .leftJoin(libraries, sql`${libraries.id}::text = ${jobs.payload} ->> 'libraryId'`)
      .where(where)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(jobs).where(where),
  ]);
  return {
    items: rows.map(({ job, startedBy, libraryName }) => {
      const payload = job.payload as unknown as ImportJobPayload;
      const summary = job.status === 'done' ? (job.result as ImportSummary | null) : null;
      return {
        id: job.id,
        fileName: payload.fileName,
        size: payload.size,
        libraryName,
        startedBy: startedBy ?? payload.actorLogin,
        status: job.status,
        progress: job.progress,
        error: job.error,
        createdAt: job.createdAt,
        finishedAt: job.finishedAt,
        counts: summary
          ? {
              read: summary.read,
              created: summary.created,
              matched: summary.matched,
              rejected: summary.rejected,
              copies: summary.items.created,
              replaced: summary.replaced ?? null,
              encoding: summary.encoding ?? null,
              encodingChosen: payload.encoding !== 'auto',
              encodingDetected: summary.encodingDetected ?? null,
            }
          : null,
      };
    }),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
