/** The arguments of a command: its options and -h/--help, with the exit codes the commands share. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Reads a command's arguments against its options. A wrong option prints the message and the help and
 * gives `{ exit: 2 }`; --help prints the help and gives `{ exit: 0 }`; otherwise the values and positionals.
 */
export function readCommandArgs<const T extends Options>(command: string, help: string, args: string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as const });
  } catch (error) {
    console.error(`kitepkana ${command}: ${(error as Error).message}\n\n${help}`);
    return { exit: 2 } as const;
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(help);
    return { exit: 0 } as const;
  }
  return { exit: null, values: parsed.values, positionals: parsed.positionals };
}

/** "1 record", "5 records": a count with its noun, for what a command prints. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
