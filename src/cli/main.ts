/** The `kitepkana` command line. */
import { runCommand } from './commands';

const [, , command = 'help', ...rest] = process.argv;
try {
  const code = await runCommand(command, rest);
  process.exitCode = code;
} catch (error) {
  console.error(`kitepkana ${command}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
