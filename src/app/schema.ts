/** Every table of the application, for Drizzle and drizzle-kit. Domains add their tables here. */
export * from './settings.tables';
export * from '../audit/audit.tables';
export * from '../network/network.tables';
export * from '../staff/staff.tables';
export * from './jobs.tables';
export * from '../catalog/catalog.tables';
export * from '../readers/readers.tables';
export * from '../readers/account/account.tables';
export * from '../municipal/municipal.tables';
export * from '../events/events.tables';
export * from '../catalog/copy/sru-servers.tables';
export * from '../catalog/extremist/extremist.tables';
export * from '../partners/partners.tables';
export * from '../seminars/seminars.tables';
export * from '../circulation/circulation.tables';
