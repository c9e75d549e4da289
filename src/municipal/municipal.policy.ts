/**
 * Who may do what in the municipal information centre. The one place these rules live; routes call
 * these and authorization.test.ts walks them role by role.
 *
 * Officials send requests for their own municipality and see only its requests, answers and reports.
 * The network's managers and librarians (the bibliographers of the centre sit at the central library)
 * record, assign and answer the requests of their network. Cataloguers and acquisitions staff do not
 * work with officials.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

export const MANAGER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];
/** Staff who record, assign and answer requests. */
export const REQUEST_HANDLER_ROLES: readonly TRole[] = [...MANAGER_ROLES, 'librarian'];
/** Everyone who can open the requests list at all. */
export const REQUEST_READER_ROLES: readonly TRole[] = [...REQUEST_HANDLER_ROLES, 'municipal_official'];
/** Everyone who may subscribe to ИРИ topics (their own subscriptions only). */
export const SUBSCRIBER_ROLES: readonly TRole[] = [
  'network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official',
];
/** Who may build the report to a municipality (an official: only their own). */
export const REPORT_ROLES: readonly TRole[] = [...MANAGER_ROLES, 'municipal_official'];

interface RequestRef {
  networkId: string;
  municipalityId: string;
}

export function canReadRequest(role: TRole, scope: ResolvedScope, r: RequestRef): boolean {
  if (role === 'municipal_official') return scope.municipalityIds.has(r.municipalityId);
  if (!REQUEST_HANDLER_ROLES.includes(role)) return false;
  return scope.isAll || scope.readNetworkIds.has(r.networkId);
}

export function canHandleRequest(role: TRole, scope: ResolvedScope, r: RequestRef): boolean {
  if (!REQUEST_HANDLER_ROLES.includes(role)) return false;
  return scope.isAll || scope.readNetworkIds.has(r.networkId);
}

/** The official of the municipality asks again or closes the request as settled. */
export function canFollowUp(role: TRole, scope: ResolvedScope, r: RequestRef): boolean {
  return role === 'municipal_official' ? scope.municipalityIds.has(r.municipalityId) : canHandleRequest(role, scope, r);
}

/** Requests a list may show: null = all; otherwise whole networks or single municipalities. */
export function requestVisibility(role: TRole, scope: ResolvedScope): { networkIds: string[]; municipalityIds: string[] } | null {
  if (role === 'municipal_official') return { networkIds: [], municipalityIds: [...scope.municipalityIds] };
  if (scope.isAll) return null;
  return { networkIds: [...scope.readNetworkIds], municipalityIds: [] };
}

export function canReportOnMunicipality(role: TRole, scope: ResolvedScope, m: { id: string; networkId: string }): boolean {
  if (role === 'municipal_official') return scope.municipalityIds.has(m.id);
  if (!MANAGER_ROLES.includes(role)) return false;
  return scope.isAll || scope.networkIds.has(m.networkId);
}

export function canReportOnLibrary(role: TRole, scope: ResolvedScope, lib: { id: string; networkId: string }): boolean {
  if (role === 'municipal_official') return scope.libraryIds.has(lib.id);
  if (!MANAGER_ROLES.includes(role)) return false;
  return scope.isAll || scope.networkIds.has(lib.networkId) || scope.libraryIds.has(lib.id);
}
