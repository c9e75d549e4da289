/** Who may see and manage staff accounts. */
import type { TRole } from './staff.schemas';

/** Network admins create and change accounts inside their scope. */
export const STAFF_ADMIN_ROLES: readonly TRole[] = ['network_admin'];
/** Directors and methodologists may see who works where. */
export const STAFF_READER_ROLES: readonly TRole[] = ['network_admin', 'director', 'methodologist'];
