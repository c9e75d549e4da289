/** The audit domain's screens, for the shell's router and other domains' pages. */
export { AuditPage } from './audit-page';
export { LibraryJournal } from './library-journal';
