/** The database a command works on, opened and migrated, after its data folder has been checked. */
import type { Database } from '../app/db';
import { dataDirProblem } from './paths';

/** A failure that is the user's to fix: main prints its message alone and exits 1. */
export class CommandError extends Error {}

/** Opens and migrates the configured database; a KITEPKANA_DATA that cannot be a folder is a CommandError. */
export async function openCommandDatabase(): Promise<Database> {
  const [{ loadConfig }, { openMigratedDatabase }] = await Promise.all([import('../app/config'), import('../app/db')]);
  const config = loadConfig();
  const problem = dataDirProblem(config);
  if (problem) throw new CommandError(problem);
  return openMigratedDatabase(config);
}
