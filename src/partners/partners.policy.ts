/**
 * Who may see and change partners and their money. The one place this domain's access rules live.
 * Names and contacts of partners: the network's staff. Everything financial (contributions, grants,
 * agreements, sums): network admins, directors and methodologists, for the libraries in their scope.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

/** Staff who may read partners' names and contacts in their network. */
export const PARTNER_READER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian'];
/** Staff who see and record partners' financial data. */
export const FINANCE_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];

export function canReadPartners(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return PARTNER_READER_ROLES.includes(role) && (scope.isAll || scope.readNetworkIds.has(networkId));
}

/** Create or change a partner (and its agreements): managers of the partner's network. */
export function canManagePartners(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return FINANCE_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

/** Financial data of the whole network (agreements, network-level grants, sums). */
export function canReadNetworkFinance(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return FINANCE_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

/** Contributions and grants of one library: read and record. */
export function canHandleLibraryFinance(role: TRole, scope: ResolvedScope, libraryId: string): boolean {
  return FINANCE_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(libraryId));
}

/** A grant belongs to a library or, without one, to its network. */
export function canHandleGrant(role: TRole, scope: ResolvedScope, grant: { networkId: string; libraryId: string | null }): boolean {
  return grant.libraryId ? canHandleLibraryFinance(role, scope, grant.libraryId) : canReadNetworkFinance(role, scope, grant.networkId);
}

/** Which libraries' financial rows a person may list: null = every library. */
export function financeLibraryFilter(role: TRole, scope: ResolvedScope): string[] | null {
  if (!FINANCE_ROLES.includes(role)) return [];
  return scope.isAll ? null : [...scope.libraryIds];
}
