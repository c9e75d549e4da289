/** Route: a background job's progress, for progress bars (the person who started it, or managers of its network). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MANAGER_ROLES, resolveScope, STAFF_ROLES, type ResolvedScope } from '../network';
import { requireRole, type Actor } from './auth';
import { forbidden, notFound } from './errors';
import type { App, AppServices } from './http';
import { findJob, type Job } from './jobs';
import { JOB_STATUSES } from './jobs.tables';
import { problems, ZIdParams, ZTimestamp } from './route-helpers';

export const ZJobOut = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  progress: z.object({ done: z.number(), total: z.number().nullable(), message: z.string().optional() }),
  result: z.unknown(),
  error: z.string().nullable(),
  createdAt: ZTimestamp,
  startedAt: ZTimestamp.nullable(),
  finishedAt: ZTimestamp.nullable(),
});

/** Who may follow a job and read what it made: who started it, and managers of its network. */
export function canFollowJob(actor: Actor, scope: ResolvedScope, job: Pick<Job, 'createdBy' | 'networkId'>): boolean {
  if (job.createdBy === actor.id) return true;
  return MANAGER_ROLES.includes(actor.role) && (scope.isAll || (!!job.networkId && scope.networkIds.has(job.networkId)));
}

export function registerJobRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: "A background job's status and progress (who started it; managers of its network)",
        params: ZIdParams,
        response: { 200: ZJobOut, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const actor = requireRole(request, STAFF_ROLES);
      const job = await findJob(db, request.params.id);
      if (!job) throw notFound();
      if (job.createdBy !== actor.id && !canFollowJob(actor, await resolveScope(db, actor), job)) throw forbidden();
      const { id, kind, status, progress, result, error, createdAt, startedAt, finishedAt } = job;
      return { id, kind, status, progress, result, error, createdAt, startedAt, finishedAt };
    },
  );
}
