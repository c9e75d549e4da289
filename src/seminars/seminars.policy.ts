/**
 * Who may see and change outreach seminars. The one place this domain's access rules live.
 * The network's staff read its seminars; a municipal official reads those hosted by the libraries
 * serving their municipality. Managers plan seminars and write protocols; a task can also be marked
 * done by the staff of the library it concerns.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

export const SEMINAR_MANAGER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];
export const SEMINAR_READER_ROLES: readonly TRole[] = [
  'network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official',
];
/** Roles who may mark a task of their own library done. */
export const TASK_UPDATER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'librarian'];

export function canReadSeminar(role: TRole, scope: ResolvedScope, s: { networkId: string; hostLibraryId: string }): boolean {
  if (!SEMINAR_READER_ROLES.includes(role)) return false;
  if (scope.isAll) return true;
  if (role === 'municipal_official') return scope.libraryIds.has(s.hostLibraryId);
  return scope.readNetworkIds.has(s.networkId);
}

export function canManageSeminars(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return SEMINAR_MANAGER_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

export function canUpdateTask(role: TRole, scope: ResolvedScope, task: { networkId: string; libraryId: string }): boolean {
  if (canManageSeminars(role, scope, task.networkId)) return true;
  return role === 'librarian' && scope.libraryIds.has(task.libraryId);
}

/** What lists of seminars a person sees: null = everything. */
export interface SeminarVisibility {
  networkIds: string[];
  hostLibraryIds: string[];
}

export function seminarVisibility(role: TRole, scope: ResolvedScope): SeminarVisibility | null {
  if (scope.isAll) return null;
  if (role === 'municipal_official') return { networkIds: [], hostLibraryIds: [...scope.libraryIds] };
  return { networkIds: [...scope.readNetworkIds], hostLibraryIds: [] };
}

/** What tasks a person sees: managers their networks' tasks, others those of the libraries in their scope. */
export interface TaskVisibility {
  networkIds: string[];
  libraryIds: string[];
}

export function taskVisibility(role: TRole, scope: ResolvedScope): TaskVisibility | null {
  if (scope.isAll) return null;
  if (SEMINAR_MANAGER_ROLES.includes(role)) return { networkIds: [...scope.readNetworkIds], libraryIds: [] };
  return { networkIds: [], libraryIds: [...scope.libraryIds] };
}
