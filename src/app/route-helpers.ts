/** Small pieces every domain's routes use: paging, the audit actor of a request, problem responses. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AuditActor } from '../audit';
import type { Actor } from './auth';

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export function ZPaged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** Standard error responses, to list in a route's schema. */
export const problems = (...codes: (400 | 401 | 403 | 404 | 409 | 422 | 429)[]) =>
  Object.fromEntries(codes.map((c) => [c, ZProblem])) as Record<number, typeof ZProblem>;

export const ZIdParams = z.object({ id: z.uuid() });

export function auditActor(request: FastifyRequest, actor: Actor): AuditActor {
  return { id: actor.id, login: actor.login, ip: request.ip };
}

/** Accepts "true"/"false" in query strings. */
export const ZQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A timestamp: a Date inside, an ISO 8601 string on the wire. */
export const ZTimestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});
