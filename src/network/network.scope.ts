/**
 * Resolving a staff member's scope (a subtree of region → network → library, or a municipality) into
 * the sets of ids they may read and change.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../app/db';
import type { TScopeKind } from '../staff/staff.schemas';
import { libraries, libraryMunicipalities, municipalities, networks } from './network.tables';

export interface ScopeHolder {
  role: string;
  scopeKind: TScopeKind;
  scopeId: string | null;
}

export interface ResolvedScope {
  /** The whole installation. */
  isAll: boolean;
  /** Networks whose libraries can be read (staff see their whole network). */
  readNetworkIds: Set<string>;
  /** Networks wholly inside the scope: network-level records may be changed. */
  networkIds: Set<string>;
  /** Libraries inside the scope. */
  libraryIds: Set<string>;
  /** Municipalities inside the scope. */
  municipalityIds: Set<string>;
  regionIds: Set<string>;
}

function emptyScope(): ResolvedScope {
  return {
    isAll: false,
    readNetworkIds: new Set(),
    networkIds: new Set(),
    libraryIds: new Set(),
    municipalityIds: new Set(),
    regionIds: new Set(),
  };
}

export async function resolveScope(db: Db, holder: ScopeHolder): Promise<ResolvedScope> {
  const scope = emptyScope();
  if (holder.scopeKind === 'installation') return { ...scope, isAll: true };
  const id = holder.scopeId;
  if (!id) return scope;
  let networkIds: string[] = [];
  if (holder.scopeKind === 'region') {
    scope.regionIds.add(id);
    networkIds = (await db.select({ id: networks.id }).from(networks).where(eq(networks.regionId, id))).map((r) => r.id);
  } else if (holder.scopeKind === 'network') {
    networkIds = [id];
  }
  if (networkIds.length) {
    for (const n of networkIds) {
      scope.networkIds.add(n);
      scope.readNetworkIds.add(n);
    }
    const libs = await db.select({ id: libraries.id }).from(libraries).where(inArray(libraries.networkId, networkIds));
    libs.forEach((l) => scope.libraryIds.add(l.id));
    const munis = await db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(inArray(municipalities.networkId, networkIds));
    munis.forEach((m) => scope.municipalityIds.add(m.id));
    return scope;
  }
  if (holder.scopeKind === 'library') {
    const lib = (await db.select().from(libraries).where(eq(libraries.id, id)))[0];
    if (!lib) return scope;
    scope.libraryIds.add(lib.id);
    if (holder.role !== 'reader') scope.readNetworkIds.add(lib.networkId);
    return scope;
  }
  // A municipal official: their municipality and the libraries that serve it.
  const muni = (await db.select().from(municipalities).where(eq(municipalities.id, id)))[0];
  if (!muni) return scope;
  scope.municipalityIds.add(muni.id);
  // An official reads the network's own definitions (e.g. monitoring checklists), never its other libraries.
  scope.readNetworkIds.add(muni.networkId);
  const links = await db
    .select({ libraryId: libraryMunicipalities.libraryId })
    .from(libraryMunicipalities)
    .where(eq(libraryMunicipalities.municipalityId, muni.id));
  links.forEach((l) => scope.libraryIds.add(l.libraryId));
  return scope;
}

/** Does the scope (as a subtree) contain the given node? Used when a person grants access to others. */
export async function scopeContainsNode(
  db: Db,
  scope: ResolvedScope,
  kind: TScopeKind,
  id: string | null,
): Promise<boolean> {
  if (scope.isAll) return true;
  if (kind === 'installation' || !id) return false;
  if (kind === 'region') return scope.regionIds.has(id);
  if (kind === 'network') return scope.networkIds.has(id);
  if (kind === 'library') return scope.libraryIds.has(id);
  if (scope.municipalityIds.has(id)) return true;
  const muni = (await db.select().from(municipalities).where(eq(municipalities.id, id)))[0];
  return !!muni && scope.networkIds.has(muni.networkId);
}

/** The network a scope node belongs to (for the audit log); null for installation and region. */
export async function networkOfScopeNode(db: Db, kind: TScopeKind, id: string | null): Promise<string | null> {
  if (!id) return null;
  if (kind === 'network') return id;
  if (kind === 'library') return (await db.select().from(libraries).where(eq(libraries.id, id)))[0]?.networkId ?? null;
  if (kind === 'municipality')
    return (await db.select().from(municipalities).where(eq(municipalities.id, id)))[0]?.networkId ?? null;
  return null;
}
