/** The arguments of a command: its options and -h/--help, with the exit codes the commands share. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** True for the errors node:util parseArgs throws on a wrong command line. */
export function isParseArgsError(error: unknown): error is TypeError & { code: string } {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

/**
 * What parseArgs objected to, in a few words: "unknown option --x", "option --out needs a value",
 * "option --json takes no value" (rather than its text about positional arguments starting with '-').
 */
export function describeParseError(error: TypeError & { code: string }): string {
  const named = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return named ? `unknown option ${named}` : 'unknown option';
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (named && /argument missing/.test(error.message)) return `option ${named} needs a value`;
      if (named && /does not take an argument/.test(error.message)) return `option ${named} takes no value`;
      return error.message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const given = /'([^']*)'/.exec(error.message)?.[1];
      return `unexpected argument${given === undefined ? '' : ` "${given}"`}: this command takes none`;
    }
    default:
      return error.message;
  }
}

/**
 * Reads a command's arguments against its options. A wrong option prints the message and the help and
 * gives `{ exit: 2 }`; --help prints the help and gives `{ exit: 0 }`; otherwise the values and positionals.
 */
export function readCommandArgs<const T extends Options>(command: string, help: string, args: string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } as const });
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    console.error(`kitepkana ${command}: ${describeParseError(error)}\n\n${help}`);
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
