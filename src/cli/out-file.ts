/**
 * The file a command writes: refused when it exists (without --force), when what is there is not a
 * regular file (a folder, a symbolic link, a FIFO, a device: --force replaces only files) or its folder
 * does not exist; written beside itself and renamed when complete, so a failed run leaves no
 * half-written file.
 */
import { closeSync, createWriteStream, openSync, rmSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { fsReason, kindOf, statOrNull } from './paths';

/** A problem with the output file that is the user's to fix: its message is printed as it is. */
export class OutFileError extends Error {}

const partialOf = (out: string) => `${out}.partial-${process.pid}`;

/** Why the command cannot write to `given`, or null when it can. */
export function outFileProblem(given: string, force: boolean | undefined): string | null {
  if (given === '-') return 'writing to standard output ("-") is not supported: give a file name';
  if (given === '') return '--out needs a file name';
  const out = resolve(given);
  let there, folder;
  try {
    there = statOrNull(out, false);
    folder = statOrNull(dirname(out));
  } catch (error) {
    return `cannot write ${given}: ${fsReason(error) ?? String(error)}`;
  }
  if (there && !there.isFile()) {
    return `${given} is ${kindOf(there)}, not a regular file: refusing to replace it${force ? ' (--force replaces only files)' : ''}`;
  }
  if (there && !force) return `${given} already exists (use --force to overwrite it)`;
  if (!folder) return `the folder of ${given} does not exist`;
  if (!folder.isDirectory()) return `the folder of ${given} is not a folder`;
  // Whether a file can be made there at all (a read-only or virtual file system, no permission):
  // tried now, before any work is done.
  const partial = partialOf(out);
  try {
    closeSync(openSync(partial, 'wx'));
    rmSync(partial, { force: true });
  } catch (error) {
    return `cannot create ${given}: ${cannotCreateReason(error, partial)}`;
  }
  return null;
}

function cannotCreateReason(error: unknown, partial: string): string {
  const reason = fsReason(error);
  // ENOENT for a file in a folder that exists: a file system that makes no new files, such as /proc.
  if (reason === 'no such file or folder') return 'its folder does not accept new files';
  if (reason === 'something is already there') return `a leftover ${partial} is in the way`;
  return reason ?? String(error);
}

/** Runs `write` into a partial file beside `given`, renamed to `given` when done and removed on failure. */
export async function writeOutFile<T>(given: string, write: (stream: WriteStream) => Promise<T>): Promise<T> {
  const out = resolve(given);
  const partial = partialOf(out);
  let stream: WriteStream;
  try {
    // 'wx': never write through something already at the partial path (a symbolic link planted there).
    stream = createWriteStream(partial, { flags: 'wx' });
    await new Promise<void>((ready, fail) => stream.once('ready', () => ready()).once('error', fail));
  } catch (error) {
    throw new OutFileError(`cannot create ${given}: ${cannotCreateReason(error, partial)}`);
  }
  try {
    const result = await write(stream);
    stream.end();
    await finished(stream);
    // What is at the path now may have changed since the checks: replace only a file, or nothing.
    const there = statOrNull(out, false);
    if (there && !there.isFile())
      throw new OutFileError(`${given} is ${kindOf(there)} now, not a regular file: refusing to replace it`);
    await rename(partial, out);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    // A system error of the output itself (no space left …) in words; others (reading the input) as they are.
    const ours =
      error instanceof Error &&
      'syscall' in error &&
      (error.syscall === 'write' || error.syscall === 'rename' || ('path' in error && error.path === partial));
    const reason = ours ? fsReason(error) : null;
    throw reason ? new OutFileError(`cannot write ${given}: ${reason}`) : error;
  }
}
