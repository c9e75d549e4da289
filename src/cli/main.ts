/** The `kitepkana` command line. */
import { runCommand } from './commands';
import { errorMessage, fsCode } from './paths';

// A reader that stops early (`kitepkana help | head -1`) closes stdout: what is left to print is dropped
// and the command ends as it would have, without a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (fsCode(error) === 'EPIPE' || fsCode(error) === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

const [, , command = 'help', ...rest] = process.argv;
try {
  const code = await runCommand(command, rest);
  process.exitCode = code;
} catch (error) {
  console.error(`kitepkana ${command}: ${errorMessage(error)}`);
  process.exitCode = 1;
}
