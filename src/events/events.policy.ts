/**
 * Who may do what with events. The one place this domain's access rules live; routes call these and
 * the authorization test walks them role by role.
 *
 * Every staff member reads the events of their network (a municipal official: of the libraries serving
 * their municipality). Librarians plan and record the events of their own library; the methodologist,
 * director and network admin plan for the whole network and edit its forms and memorable dates.
 * Registrations hold visitors' personal data: only the event's editors see them.
 */
import { MANAGER_ROLES, STAFF_ROLES, type ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

export const EVENT_READER_ROLES: readonly TRole[] = STAFF_ROLES;
export const EVENT_EDITOR_ROLES: readonly TRole[] = [...MANAGER_ROLES, 'librarian'];
export const EVENT_SETUP_ROLES: readonly TRole[] = MANAGER_ROLES;

interface EventRef {
  networkId: string;
  libraryId: string;
}

export function canReadEvent(role: TRole, scope: ResolvedScope, event: EventRef): boolean {
  if (!EVENT_READER_ROLES.includes(role)) return false;
  if (scope.isAll) return true;
  if (role === 'municipal_official') return scope.libraryIds.has(event.libraryId);
  return scope.readNetworkIds.has(event.networkId) || scope.libraryIds.has(event.libraryId);
}

/** Plan, change and record events of this library. */
export function canEditEvent(role: TRole, scope: ResolvedScope, event: EventRef): boolean {
  if (!EVENT_EDITOR_ROLES.includes(role)) return false;
  if (scope.isAll) return true;
  if (role === 'librarian') return scope.libraryIds.has(event.libraryId);
  return scope.networkIds.has(event.networkId);
}

export function canReadNetworkEvents(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  if (!EVENT_READER_ROLES.includes(role)) return false;
  return scope.isAll || scope.readNetworkIds.has(networkId);
}

/** Edit the network's list of event forms and its calendar of memorable dates. */
export function canSetUpNetworkEvents(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return EVENT_SETUP_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

/** Which events a person's lists show: null = every event; otherwise networks and single libraries. */
export function visibleEvents(role: TRole, scope: ResolvedScope): { networkIds: string[]; libraryIds: string[] } | null {
  if (scope.isAll) return null;
  if (role === 'municipal_official') return { networkIds: [], libraryIds: [...scope.libraryIds] };
  return { networkIds: [...scope.readNetworkIds], libraryIds: [...scope.libraryIds] };
}
