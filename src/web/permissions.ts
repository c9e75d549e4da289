/**
 * What the interface offers to each role. The server decides for real (see each domain's policy);
 * this only hides what a role could not use anyway, so the lists here mirror those policies.
 */
import type { TRole } from '../staff/staff.schemas';

/** Roles that run the network: libraries, municipalities, monitoring, staff list and audit log. */
export const MANAGER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];

export const isManager = (role: TRole) => MANAGER_ROLES.includes(role);
export const canSeeStaff = isManager;
export const canSeeAudit = isManager;
export const canEditStaff = (role: TRole) => role === 'network_admin';

/** Roles that create, edit and import bibliographic records (mirrors catalog.policy.ts). */
export const RECORD_EDITOR_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist', 'cataloguer'];
export const canEditRecords = (role: TRole) => RECORD_EDITOR_ROLES.includes(role);
/** Roles that add and change copies in the libraries of their scope. */
export const canEditCopies = (role: TRole) => (['cataloguer', 'acquisitions', 'librarian'] as TRole[]).includes(role);
/** Roles that list a network's copies, the inventory book (mirrors COLLECTION_READER_ROLES in catalog.policy.ts). */
export const canListCopies = (role: TRole) => canEditCopies(role) || isManager(role);
/** Roles that print copies' labels and catalogue cards (mirrors LABEL_PRINTER_ROLES in catalog.policy.ts). */
export const canPrintCards = (role: TRole) => canEditCopies(role) || isManager(role);

/** Partners' names and contacts: the network's staff (mirrors partners.policy.ts). */
export const canSeePartners = (role: TRole) => role !== 'municipal_official' && role !== 'reader';
/** Contributions, grants, agreements and sums: admins, directors, methodologists (mirrors partners.policy.ts). */
export const canSeeFinance = isManager;
/** Seminars: the network's staff, and officials for the seminars hosted by their libraries. */
export const canSeeSeminars = (role: TRole) => role !== 'reader';
export const canManageSeminars = isManager;
/** Roles that work a loan desk (mirrors circulation.policy.ts). */
export const canWorkDesk = (role: TRole) => (['network_admin', 'director', 'librarian'] as TRole[]).includes(role);
/** Roles that read the network's loan rules (mirrors circulation.policy.ts). */
export const canReadLoanRules = (role: TRole) => (['network_admin', 'director', 'methodologist', 'librarian'] as TRole[]).includes(role);
/** Roles that serve readers and see their personal data (mirrors readers.policy.ts). */
export const canServeReaders = (role: TRole) => (['network_admin', 'director', 'librarian'] as TRole[]).includes(role);
/** The network's list of reader categories: its managers (mirrors readers.policy.ts). */
export const canEditReaderCategories = isManager;
/** Events: every staff member reads them (mirrors events.policy.ts). */
export const canSeeEvents = (role: TRole) => role !== 'reader';
/** Plan and record events: librarians in their library, managers in the whole network. */
export const canPlanEvents = (role: TRole) => isManager(role) || role === 'librarian';
export const canPlanForNetwork = isManager;
/** The network's forms of events and memorable dates (mirrors events.policy.ts). */
export const canSetUpEvents = isManager;
/** The municipal information centre's inbox: those who record, assign and answer requests (mirrors municipal.policy.ts). */
export const canHandleRequests = (role: TRole) => isManager(role) || role === 'librarian';
/** The report to a municipality: managers (an official builds theirs on the portal). */
export const canBuildMunicipalReport = isManager;
/** ИРИ subscriptions: any staff member. */
export const canSubscribe = (role: TRole) => role !== 'reader';
