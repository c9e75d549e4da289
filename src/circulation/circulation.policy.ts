/**
 * Who may do what in circulation. The one place this domain's access rules live; routes call these
 * and src/circulation/authorization.test.ts walks every route with every role.
 *
 * The desk of a library is worked by the staff of that library (a branch librarian: only their own
 * branch's desk; a network's admin or director: any desk of the network). A reader is served at every
 * library of their network. Loan rules and circulation settings are the network's: its admins and
 * directors change them; methodologists read them.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

/** Roles that work a loan desk (and so see readers' loans). */
export const DESK_ROLES: readonly TRole[] = ['network_admin', 'director', 'librarian'];
/** Roles that change the network's loan rules and settings. */
export const RULE_EDITOR_ROLES: readonly TRole[] = ['network_admin', 'director'];
/** Roles that read loan rules. */
export const RULE_READER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'librarian'];

interface LibraryRef {
  id: string;
  networkId: string;
}

/** May work the desk of this library: lend, return, renew, hold, count visits, deposit collections. */
export function canWorkDeskAt(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  return DESK_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(lib.id));
}

export function canReadRules(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return RULE_READER_ROLES.includes(role) && (scope.isAll || scope.readNetworkIds.has(networkId));
}

export function canEditRules(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return RULE_EDITOR_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}
