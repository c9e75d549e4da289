/**
 * One process at a time in a PGlite data folder. The embedded database has no server to share it:
 * two processes writing the same files (an import from the command line while `kitepkana start`
 * serves the folder, two imports at once) lose each other's rows and can leave the folder unreadable.
 * The first process to open the folder writes a lock file with its process id; another process is
 * refused with a message that says which one holds it. A lock left by a process that has died (a
 * crash, a power cut at a rural branch) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE = 'kitepkana.lock';

export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: string,
  ) {
    super(
      `the data folder ${dataDir} is in use by another Kitepkana process (pid ${pid}: ${holder}). ` +
        'Only one process may open an embedded database: stop that one first, or use the staff app of the running server ' +
        '(on PostgreSQL, with DATABASE_URL, any number of processes may work at once). ' +
        `If no such process is running, delete ${join(dataDir, LOCK_FILE)}.`,
    );
  }
}

/** Folders this process holds, with how many times each is open (a test may open one twice). */
const held = new Map<string, number>();

/** Whether `pid` is a running process that may be Kitepkana (after a restart the number may belong to another program). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return /node|kitepkana/i.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
  } catch {
    return true; // No /proc (Windows, macOS): the process id is all there is to go on.
  }
}

function readLock(path: string): { pid: number; holder: string } | null {
  try {
    const [pid = '', command = '', since = ''] = readFileSync(path, 'utf8').split('\n');
    const n = Number(pid);
    const holder = `kitepkana ${command.trim() || '?'}${since ? `, since ${since.trim()}` : ''}`;
    return Number.isInteger(n) && n > 0 ? { pid: n, holder } : null;
  } catch {
    return null;
  }
}

/** Takes the folder for this process, or throws DataFolderInUseError. Returns the function that gives it back. */
export function lockDataFolder(dataDir: string): () => void {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  const count = held.get(dir) ?? 0;
  if (count === 0) {
    for (let attempt = 0; ; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeSync(fd, `${process.pid}\n${process.argv.slice(2).join(' ')}\n${new Date().toISOString()}\n`);
        closeSync(fd);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
        const lock = readLock(path);
        if (lock && lock.pid !== process.pid && isAlive(lock.pid)) throw new DataFolderInUseError(dir, lock.pid, lock.holder);
        // Left by a process that is gone (or unreadable): taken over.
        unlinkSync(path);
      }
    }
  }
  held.set(dir, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(dir) ?? 1) - 1;
    if (left > 0) {
      held.set(dir, left);
      return;
    }
    held.delete(dir);
    if (readLock(path)?.pid === process.pid) unlinkSync(path);
  };
}

// A process that exits without closing its database (Ctrl+C during an import) leaves no lock behind.
process.once('exit', () => {
  for (const dir of held.keys()) {
    const path = join(dir, LOCK_FILE);
    try {
      if (readLock(path)?.pid === process.pid) unlinkSync(path);
    } catch {
      // Nothing to clean.
    }
  }
});
