/**
 * What is wrong with a path a command was given, said plainly ("… is a folder, not a file") rather than
 * as the system's error code (EISDIR, ENOENT … open '….partial-1234').
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What kind of thing a Stats is, in words: "a folder", "a symbolic link", "a FIFO" … */
export function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** The stats of `path` (lstat: a symbolic link is itself), or null when nothing is there. */
export function statOrNull(path: string, follow = true): Stats | null {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    if (fsCode(error) === 'ENOENT' || fsCode(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/** The system error code of an error (ENOENT, EACCES …), or undefined. */
export function fsCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** A system error in words, without the code and the path the system adds; null for an error that is not one. */
export function fsReason(error: unknown): string | null {
  switch (fsCode(error)) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EEXIST':
      return 'something is already there';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EIO':
      return 'input/output error';
    default:
      return null;
  }
}

/** An error's message; a system error's in words ("/x/y: permission denied"), not "EACCES: …, open '/x/y'". */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const reason = fsReason(error);
  if (!reason || !/^E[A-Z]+: /.test(error.message)) return error.message;
  const path = 'path' in error && typeof error.path === 'string' ? error.path : null;
  return path ? `${path}: ${reason}` : reason;
}

/** Why `given` cannot be read as an input file, or null when it can (it exists and is a regular file). */
export function inputFileProblem(given: string): string | null {
  let stats: Stats | null;
  try {
    stats = statOrNull(resolve(given));
  } catch (error) {
    return `cannot read ${given}: ${fsReason(error) ?? String(error)}`;
  }
  if (!stats) return `${given} does not exist`;
  if (stats.isDirectory()) return `${given} is a folder, not a file`;
  if (!stats.isFile()) return `${given} is ${kindOf(stats)}, not a regular file`;
  return null;
}

/**
 * Why the embedded database cannot live in `dataDir` (KITEPKANA_DATA), or null when it can: it is a
 * folder or can be made one. Checked before the database is opened, which would otherwise fail with
 * "EEXIST: file already exists, mkdir".
 */
export function dataDirProblem(config: { databaseUrl: string | undefined; dataDir: string }): string | null {
  if (config.databaseUrl) return null;
  let dir = config.dataDir;
  for (;;) {
    const stats = statOrNull(dir);
    if (stats) {
      if (stats.isDirectory()) return null;
      const what = dir === config.dataDir ? 'it' : dir;
      return `the data folder ${config.dataDir} (KITEPKANA_DATA) is not a folder: ${what} is ${kindOf(stats)}`;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
