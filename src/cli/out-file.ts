/**
 * The file a command writes: refused when it exists (without --force) or its folder does not, written
 * beside itself and renamed when complete, so a failed run leaves no half-written file.
 */
import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { finished } from 'node:stream/promises';

/** Why the command cannot write to `given`, or null when it can. */
export function outFileProblem(given: string, force: boolean | undefined): string | null {
  const out = resolve(given);
  if (existsSync(out) && !force) return `${given} already exists (use --force to overwrite it)`;
  if (!existsSync(dirname(out))) return `the folder of ${given} does not exist`;
  return null;
}

/** Runs `write` into a partial file beside `given`, renamed to `given` when done and removed on failure. */
export async function writeOutFile<T>(given: string, write: (stream: WriteStream) => Promise<T>): Promise<T> {
  const out = resolve(given);
  const partial = `${out}.partial-${process.pid}`;
  const stream = createWriteStream(partial);
  try {
    const result = await write(stream);
    stream.end();
    await finished(stream);
    await rename(partial, out);
    return result;
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
