/**
 * Who may do what with readers. The one place this domain's access rules live; routes call these and
 * src/readers/authorization.test.ts walks every route with every role.
 *
 * Readers' personal data is seen only by the roles that serve readers: network admins and directors
 * (their network), librarians (the readers of their library's network: a reader is served in every
 * library of it). Methodologists, cataloguers, acquisitions and municipal officials never see it.
 * Registering (and re-registering) happens at a library of the person's own scope.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

/** Roles that serve readers and so may see their personal data. */
export const READER_STAFF_ROLES: readonly TRole[] = ['network_admin', 'director', 'librarian'];
/** Roles that edit the network's list of reader categories: its managers. */
export const CATEGORY_EDITOR_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];
/** Every staff role may read the category list (no personal data in it). */
export const CATEGORY_READER_ROLES: readonly TRole[] = [
  'network_admin',
  'director',
  'methodologist',
  'cataloguer',
  'acquisitions',
  'librarian',
];

interface LibraryRef {
  id: string;
  networkId: string;
}

/** May see and change the readers of a network (their personal data included). */
export function canServeReadersOf(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return READER_STAFF_ROLES.includes(role) && (scope.isAll || scope.readNetworkIds.has(networkId));
}

/** May register readers at a library (their own library, or any in a network they hold). */
export function canRegisterAt(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  return READER_STAFF_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(lib.id));
}

export function canReadCategories(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return CATEGORY_READER_ROLES.includes(role) && (scope.isAll || scope.readNetworkIds.has(networkId));
}

export function canEditCategories(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return CATEGORY_EDITOR_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}

/** Networks whose readers a person may list; null = every network. */
export function readerNetworks(role: TRole, scope: ResolvedScope): string[] | null {
  if (!READER_STAFF_ROLES.includes(role)) return [];
  return scope.isAll ? null : [...scope.readNetworkIds];
}

/** Roles that erase a reader's data on request (a decision the library's management answers for). */
export const READER_ERASER_ROLES: readonly TRole[] = ['network_admin', 'director'];

/** May erase the data of a network's readers on their request. */
export function canEraseReadersOf(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return READER_ERASER_ROLES.includes(role) && (scope.isAll || scope.readNetworkIds.has(networkId));
}
