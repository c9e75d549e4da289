/** What the readers routes check first: the caller serves readers, and may see this reader. */
import type { FastifyRequest } from 'fastify';
import { requireActor, type Actor } from '../app/auth';
import type { Db } from '../app/db';
import { forbidden, notFound } from '../app/errors';
import { resolveScope } from '../network';
import { canServeReadersOf, READER_STAFF_ROLES } from './readers.policy';
import { findReader } from './readers.service';

/** The caller, if they serve readers at all (403 otherwise). */
export function readerStaff(request: FastifyRequest): Actor {
  const actor = requireActor(request);
  if (!READER_STAFF_ROLES.includes(actor.role)) throw forbidden();
  return actor;
}

/** A reader the caller may see: 403 outside their network, 404 when unknown. */
export async function servedReader(db: Db, request: FastifyRequest, id: string) {
  const actor = readerStaff(request);
  const reader = await findReader(db, id);
  if (!reader) throw notFound();
  const scope = await resolveScope(db, actor);
  if (!canServeReadersOf(actor.role, scope, reader.networkId)) throw forbidden();
  return { actor, reader, scope };
}
