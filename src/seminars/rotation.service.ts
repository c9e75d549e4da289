/** The rotation planner over the database: the network's active branches and the hosts of past seminars. */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../app/db';
import { libraries, libraryMunicipalities, municipalities } from '../network';
import { hostedInCurrentRound, proposeHosts, spreadDates, type RotationBranch } from './rotation';
import { seminars } from './seminars.tables';

export interface RotationProposal {
  heldOn: string;
  hostLibraryId: string;
  hostLibraryName: string;
  municipalityName: string | null;
}

/** Proposes hosts and dates for `count` seminars in `year`, after every seminar already planned or held. */
export async function planRotation(db: Db, networkId: string, year: number, count: number) {
  const rows = await db
    .select({ id: libraries.id, name: libraries.name, number: libraries.number, muniId: municipalities.id, muniName: municipalities.name })
    .from(libraries)
    .leftJoin(libraryMunicipalities, eq(libraryMunicipalities.libraryId, libraries.id))
    .leftJoin(municipalities, eq(municipalities.id, libraryMunicipalities.municipalityId))
    .where(and(eq(libraries.networkId, networkId), eq(libraries.kind, 'branch'), eq(libraries.isActive, true)))
    .orderBy(asc(libraries.number), asc(libraries.name), asc(municipalities.name));
  // A branch serving several municipalities counts with the first one.
  const byId = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r);
  const branches: RotationBranch[] = [...byId.values()].map((r, i) => ({ id: r.id, municipality: r.muniId, order: r.number ?? 100000 + i }));
  const past = await db
    .select({ hostLibraryId: seminars.hostLibraryId })
    .from(seminars)
    .where(and(eq(seminars.networkId, networkId), ne(seminars.status, 'cancelled')))
    .orderBy(asc(seminars.heldOn), asc(seminars.createdAt));
  const history = past.map((p) => p.hostLibraryId);
  const dates = spreadDates(year, count);
  const proposals: RotationProposal[] = proposeHosts(branches, history, count).map((id, i) => ({
    heldOn: dates[i]!,
    hostLibraryId: id,
    hostLibraryName: byId.get(id)!.name,
    municipalityName: byId.get(id)!.muniName,
  }));
  const hosted = hostedInCurrentRound(branches, history);
  return {
    proposals,
    branchCount: branches.length,
    /** Branches still waiting for their turn in the current round. */
    waiting: branches.filter((b) => !hosted.has(b.id)).map((b) => ({ id: b.id, name: byId.get(b.id)!.name })),
  };
}
