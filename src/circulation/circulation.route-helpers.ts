/** What every circulation route does first: who is calling, at which library's desk, may they. */
import type { FastifyRequest } from 'fastify';
import { requireRole, type Actor } from '../app/auth';
import { AppError, forbidden } from '../app/errors';
import type { Db } from '../app/db';
import { findLibrary, resolveScope, type ResolvedScope } from '../network';
import type { DeskLibrary } from './checkout.service';
import { canWorkDeskAt, DESK_ROLES } from './circulation.policy';

/**
 * A library's network never changes once created, so the desk's hot path keeps the pair in memory
 * instead of reading it on every scan.
 */
const libraryNetworks = new Map<string, string>();

export async function deskLibrary(db: Db, libraryId: string): Promise<DeskLibrary | null> {
  const cached = libraryNetworks.get(libraryId);
  if (cached) return { id: libraryId, networkId: cached };
  const lib = await findLibrary(db, libraryId);
  if (!lib) return null;
  if (libraryNetworks.size > 10_000) libraryNetworks.clear();
  libraryNetworks.set(lib.id, lib.networkId);
  return { id: lib.id, networkId: lib.networkId };
}

/** The scope of a person; a branch librarian's own library needs no query. */
export async function scopeOf(db: Db, actor: Actor, libraryId?: string): Promise<ResolvedScope> {
  if (actor.scopeKind === 'library' && actor.scopeId && actor.scopeId === libraryId) {
    return { isAll: false, readNetworkIds: new Set(), networkIds: new Set(), libraryIds: new Set([libraryId]), municipalityIds: new Set(), regionIds: new Set() };
  }
  return resolveScope(db, actor);
}

export const unknownLibrary = (field = 'libraryId') =>
  new AppError(422, 'validation_failed', 'error.validation', [{ field, code: 'invalid', key: 'validation.invalid' }]);

/** The desk a person works at: 401/403 for the wrong person, 422 for an unknown library. */
export async function requireDesk(db: Db, request: FastifyRequest, libraryId: string, field = 'libraryId') {
  const actor = requireRole(request, DESK_ROLES);
  const lib = await deskLibrary(db, libraryId);
  if (!lib) throw unknownLibrary(field);
  if (!canWorkDeskAt(actor.role, await scopeOf(db, actor, libraryId), lib)) throw forbidden();
  return { actor, lib };
}
