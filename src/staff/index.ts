/** The staff domain's public face for other domains: accounts and logins. */
export { findStaff, verifyLogin, deleteSession, type StaffUser } from './staff.service';
export { staffUsers, sessions } from './staff.tables';
