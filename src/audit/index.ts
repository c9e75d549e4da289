export { writeAudit, listAudit, SYSTEM_ACTOR, type AuditActor, type AuditEntry, type AuditQuery } from './audit.service';
export { auditLog } from './audit.tables';
