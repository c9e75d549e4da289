/**
 * A record's marks from checks against the Federal list: each confirmed match of the record in a
 * check of a network the person reads — the entry, the check, and what was done with the copies. The
 * staff record page shows them (web/extremist-record-mark.tsx), so whoever opens the record or one of
 * its copies sees that it is on the list, not only a commission member.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../app/auth';
import type { Db } from '../../app/db';
import type { App, AppServices } from '../../app/http';
import { problems, ZIdParams, ZTimestamp } from '../../app/route-helpers';
import { networks, resolveScope } from '../../network';
import { COLLECTION_READER_ROLES } from '../catalog.policy';
import { extremistChecks, extremistEntries, extremistMatches } from './extremist.tables';

export async function recordExtremistMarks(db: Db, recordId: string, networkIds: string[] | 'all') {
  const inNetworks = networkIds === 'all' ? undefined : networkIds.length ? inArray(extremistChecks.networkId, networkIds) : sql`false`;
  return db
    .select({
      checkId: extremistChecks.id,
      checkedOn: extremistChecks.checkedOn,
      checkStatus: extremistChecks.status,
      networkName: networks.name,
      entryNumber: extremistEntries.number,
      entryText: extremistEntries.text,
      action: extremistMatches.action,
      copiesAffected: extremistMatches.copiesAffected,
      decidedBy: extremistMatches.decidedBy,
      decidedAt: extremistMatches.decidedAt,
    })
    .from(extremistMatches)
    .innerJoin(extremistChecks, eq(extremistChecks.id, extremistMatches.checkId))
    .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
    .innerJoin(networks, eq(networks.id, extremistChecks.networkId))
    .where(and(eq(extremistMatches.recordId, recordId), eq(extremistMatches.decision, 'confirmed'), inNetworks))
    .orderBy(desc(extremistChecks.checkedOn), extremistEntries.number);
}

const ZMark = z.object({
  checkId: z.uuid(),
  checkedOn: z.string(),
  checkStatus: z.string(),
  networkName: z.string(),
  entryNumber: z.number().int(),
  entryText: z.string(),
  action: z.string().nullable(),
  copiesAffected: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: ZTimestamp.nullable(),
});

export function registerExtremistMarkRoutes(app: App, { database }: AppServices) {
  const { db } = database;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/catalog/extremist/records/:id/marks',
    {
      schema: {
        tags: ['catalog'],
        summary: 'A record found in the Federal list of extremist materials: the confirmed matches of checks of the networks the caller reads, newest first (staff who see copies: network admin, director, methodologist, cataloguer, acquisitions, librarian)',
        params: ZIdParams,
        response: { 200: z.object({ items: z.array(ZMark) }), ...problems(401, 403) },
      },
    },
    async (request) => {
      const actor = requireRole(request, COLLECTION_READER_ROLES);
      const scope = await resolveScope(db, actor);
      return { items: await recordExtremistMarks(db, request.params.id, scope.isAll ? 'all' : [...scope.readNetworkIds]) };
    },
  );
}
