/** Route: browsing the audit log (network admin, director, methodologist; their scope only). */
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../app/auth';
import type { App, AppContext } from '../app/http';
import { problems, ZPaged, ZPageQuery, ZTimestamp } from '../app/route-helpers';
import { MANAGER_ROLES, resolveScope } from '../network';
import { listAudit } from './audit.service';

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' });

const ZAuditOut = z.object({
  id: z.number(),
  at: ZTimestamp,
  actorId: z.string().nullable(),
  actorLogin: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  networkId: z.string().nullable(),
  libraryId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string(),
});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function registerAuditRoutes(app: App, { database }: AppContext) {
  const { db } = database;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, filtered by person, object and date (network admin, director, methodologist)',
        querystring: ZPageQuery.extend({
          actorId: z.uuid().optional(),
          objectType: z.string().max(60).optional(),
          objectId: z.string().max(200).optional(),
          libraryId: z.uuid().optional(),
          from: ZDate.optional(),
          to: ZDate.optional(),
          tz: z
            .string()
            .max(60)
            .refine((zone) => isTimeZone(zone), { message: 'invalid' })
            .optional(),
          q: z.string().max(100).optional(),
        }),
        response: { 200: ZPaged(ZAuditOut), ...problems(401, 403, 422) },
      },
    },
    async (request) => {
      const actor = requireRole(request, MANAGER_ROLES);
      const scope = await resolveScope(db, actor);
      const result = scope.isAll
        ? await listAudit(db, request.query, null, null)
        : await listAudit(db, request.query, [...scope.networkIds], [...scope.libraryIds]);
      return { ...result, page: request.query.page, pageSize: request.query.pageSize };
    },
  );
}
