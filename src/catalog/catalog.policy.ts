/**
 * Who may do what in the catalogue. The one place this domain's access rules live; routes call these
 * and src/catalog/authorization.test.ts walks every route with every role.
 *
 * Records form a union catalogue shared by the whole installation: whoever may catalogue edits any
 * record. Copies belong to libraries: they are added and changed only inside the person's scope.
 */
import type { ResolvedScope } from '../network';
import type { TRole } from '../staff/staff.schemas';

/** Every staff role searches and reads the catalogue (a municipal official too, read-only). Readers: not yet. */
export const CATALOG_READER_ROLES: readonly TRole[] = [
  'network_admin', 'director', 'methodologist', 'cataloguer', 'acquisitions', 'librarian', 'municipal_official',
];
/** Create, edit and delete bibliographic records. */
export const RECORD_EDITOR_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'cataloguer'];
/** Add copies and change them (status, shelf, price) in libraries of their scope. */
export const COPY_EDITOR_ROLES: readonly TRole[] = ['cataloguer', 'acquisitions', 'librarian'];
/** Who lists a network's copies (the inventory book): those who handle copies and the network's managers; not officials. */
export const COLLECTION_READER_ROLES: readonly TRole[] = [...COPY_EDITOR_ROLES, 'network_admin', 'director', 'methodologist'];
/** Who prints labels and catalogue cards: those who handle copies, and the network's managers, for the libraries of their scope. */
export const LABEL_PRINTER_ROLES: readonly TRole[] = [...COPY_EDITOR_ROLES, 'network_admin', 'director', 'methodologist'];

interface LibraryRef {
  id: string;
  networkId: string;
}

export function canReadCatalog(role: TRole): boolean {
  return CATALOG_READER_ROLES.includes(role);
}

export function canEditRecords(role: TRole): boolean {
  return RECORD_EDITOR_ROLES.includes(role);
}

export function canEditCopiesIn(role: TRole, scope: ResolvedScope, lib: LibraryRef): boolean {
  return COPY_EDITOR_ROLES.includes(role) && (scope.isAll || scope.libraryIds.has(lib.id));
}

/** Configure the SRU servers cataloguers copy records from. */
export const SRU_ADMIN_ROLES: readonly TRole[] = ['network_admin'];

/** A server for the whole installation needs an installation-wide admin; a network's, an admin of that network. */
export function canManageSruServer(role: TRole, scope: ResolvedScope, networkId: string | null): boolean {
  if (!SRU_ADMIN_ROLES.includes(role)) return false;
  return scope.isAll || (networkId !== null && scope.networkIds.has(networkId));
}

/** Import the Federal list of extremist materials, check a network's collection against it, decide on matches. */
export const EXTREMIST_CHECK_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'cataloguer'];

/** A check of a network's collection: by its own staff (network or wider scope), read by whoever reads that network. */
export function canCheckNetwork(role: TRole, scope: ResolvedScope, networkId: string): boolean {
  return EXTREMIST_CHECK_ROLES.includes(role) && (scope.isAll || scope.networkIds.has(networkId));
}
