/**
 * Who may do what with the organisation tree, passports and monitoring. The one place this domain's
 * access rules live; routes call these and the authorization test walks them role by role.
 */
import type { TRole } from '../staff/staff.schemas';
import type { ResolvedScope } from './network.scope';

export const STAFF_ROLES: readonly TRole[] = [
  'network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official',
];
/** Roles that run the network: create libraries, municipalities, checklists, monitor. */
export const MANAGER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];
/** Roles that may edit a library passport inside their scope (a branch librarian: their own branch). */
export const PASSPORT_EDITOR_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'librarian'];

interface LibraryRef {
  id: string;
  networkId: string;
}

export function canReadLibrary(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  if (!STAFF_ROLES.includes(role)) return false;
  if (scope.isAll) return true;
  if (role === 'municipal_official') return scope.libraryIds.has(lib.id);
  return scope.readNetworkIds.has(lib.networkId) || scope.libraryIds.has(lib.id);
}

export function canEditPassport(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  return PASSPORT_EDITOR_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(lib.id));
}

export function canManageNetwork(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return MANAGER_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

export function canMonitorLibrary(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  return MANAGER_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(lib.id));
}

export function canReadNetwork(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  if (!STAFF_ROLES.includes(role)) return false;
  return scope.isAll || scope.readNetworkIds.has(networkId);
}

export function canReadMunicipality(role: TRole, scope: ResolvedScope, m: { id: string; networkId: string }): boolean {
  if (!STAFF_ROLES.includes(role)) return false;
  if (scope.isAll) return true;
  if (role === 'municipal_official') return scope.municipalityIds.has(m.id);
  return scope.readNetworkIds.has(m.networkId);
}

export function canEditMunicipality(role: TRole, scope: ResolvedScope, m: { networkId: string }): boolean {
  return canManageNetwork(role, scope, m.networkId);
}
