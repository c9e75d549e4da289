/** Backup and restore of all application data, for the CLI and for tests. */
export { backupCommand, restoreCommand } from './backup.cli';
export { createBackup, type BackupOptions, type BackupSummary } from './backup.write';
export { restoreBackup, type RestoreOptions, type RestoreSummary } from './backup.restore';
export { BackupError, EXCLUDED_TABLES, readHeader, type Header } from './backup.format';
