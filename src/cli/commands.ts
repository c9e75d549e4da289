/**
 * CLI commands. Exit codes: 0 done, 1 failed, 2 wrong usage.
 * A command's code is loaded when it runs, so `kitepkana import` does not load the web server, the PDF
 * and spreadsheet writers and the other commands' packages (resident memory and start time).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeParseError, isParseArgsError } from './command-args';
import { CommandError, openCommandDatabase } from './database';
import { dataDirProblem } from './paths';

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const SRC_DIR = fileURLToPath(new URL('..', import.meta.url));
// The staff app's build output; the same path as WEB_DIST in app/http.ts, which this file does not load.
const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

const builtIn: Record<string, Command> = {
  start: {
    summary: 'Serve the portal, the staff app and the API (migrates the database first)',
    usage: 'kitepkana start [--build-if-missing]',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...HELP_FLAG, 'build-if-missing': { type: 'boolean' } } });
      if (values.help) return usage(this);
      if (values['build-if-missing'] && webAppIsStale()) await (await import('./build-web')).buildWebApp();
      const [{ loadConfig }, { startServer }] = await Promise.all([import('../app/config'), import('../app/server')]);
      const config = loadConfig();
      const problem = dataDirProblem(config);
      if (problem) throw new CommandError(problem);
      await startServer(config);
      return 0;
    },
  },
  migrate: {
    summary: 'Apply database migrations',
    usage: 'kitepkana migrate',
    async run(args) {
      const { values } = parseArgs({ args, options: HELP_FLAG });
      if (values.help) return usage(this);
      const db = await openCommandDatabase();
      await db.close();
      console.log(`Database is up to date (${db.kind}).`);
      return 0;
    },
  },
  demo: {
    summary: 'Load the demo region into an empty database (--reset: erase ALL data first, then load it)',
    usage: 'kitepkana demo [--reset]',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...HELP_FLAG, reset: { type: 'boolean' } } });
      if (values.help) {
        console.log(
          `${this.usage}\n  ${this.summary}\n\n` +
            '  Without --reset the demo is loaded only into an empty database (no network, no staff account);\n' +
            '  a database that holds data is left as it is.\n\n' +
            '  --reset      erase ALL data (catalogue, readers, accounts, the audit log) and load the demo\n' +
            '  -h, --help   show this help\n\n' +
            'Exit codes: 0 done, 1 failed, 2 wrong usage (also: the database holds data and --reset is not given).',
        );
        return 0;
      }
      const db = await openCommandDatabase();
      try {
        const { buildDemoIfEmpty, resetDemo } = await import('../demo');
        if (values.reset) {
          await resetDemo(db.db);
          console.log('Demo region reloaded.');
          return 0;
        }
        if (await buildDemoIfEmpty(db.db)) {
          console.log('Demo region loaded.');
          return 0;
        }
        console.error(
          'kitepkana demo: the database already holds data; `kitepkana demo --reset` erases ALL of it and loads the demo',
        );
        return 2;
      } finally {
        await db.close();
      }
    },
  },
  'check-migrations': {
    summary: 'Fail when the schema in code and the migrations in drizzle/ disagree',
    usage: 'kitepkana check-migrations',
    async run(args) {
      const { values } = parseArgs({ args, options: HELP_FLAG });
      if (values.help) return usage(this);
      const { checkMigrations } = await import('./check-migrations');
      return (await checkMigrations()) ? 0 : 1;
    },
  },
};

/** Every command by name, in the order `kitepkana help` lists them; the loaders are called only for the one that runs. */
const commandLoaders: Record<string, () => Promise<Command>> = {
  start: async () => builtIn.start!,
  migrate: async () => builtIn.migrate!,
  demo: async () => builtIn.demo!,
  backup: async () => (await import('../backup/backup.cli')).backupCommand,
  restore: async () => (await import('../backup/backup.cli')).restoreCommand,
  import: async () => (await import('../catalog/import/import.cli')).importCommand,
  export: async () => (await import('../catalog/export/export.cli')).exportCommand,
  convert: async () => (await import('../catalog/export/convert.cli')).convertCommand,
  reindex: async () => (await import('../catalog/reindex.cli')).reindexCommand,
  'check-migrations': async () => builtIn['check-migrations']!,
};

function usage(command: Command): number {
  console.log(`${command.usage}\n  ${command.summary}`);
  return 0;
}

/** True when dist/web is missing or older than any source file of the staff app (src/web, src/<domain>/web). */
function webAppIsStale(): boolean {
  if (!existsSync(WEB_INDEX)) return true;
  const built = statSync(WEB_INDEX).mtimeMs;
  const newest = (dir: string, insideWeb: boolean): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) latest = Math.max(latest, newest(path, insideWeb || entry.name === 'web'));
      else if (insideWeb) latest = Math.max(latest, statSync(path).mtimeMs);
    }
    return latest;
  };
  return newest(SRC_DIR, false) > built;
}

export async function runCommand(name: string, args: string[]): Promise<number> {
  if (name === 'version' || name === '--version' || name === '-V') {
    const { APP_VERSION } = await import('../app/config');
    console.log(APP_VERSION);
    return 0;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log('Usage: kitepkana <command> [options]\n\nCommands:');
    for (const [n, load] of Object.entries(commandLoaders)) console.log(`  ${n.padEnd(18)} ${(await load()).summary}`);
    console.log(
      '\nRun `kitepkana <command> --help` for the options of one command, `kitepkana --version` for the version.',
    );
    return 0;
  }
  const load = Object.hasOwn(commandLoaders, name) ? commandLoaders[name] : undefined;
  if (!load) {
    console.error(`kitepkana: unknown command "${name}". Run \`kitepkana help\`.`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(args);
  } catch (error) {
    if (isParseArgsError(error)) {
      console.error(`kitepkana ${name}: ${describeParseError(error)}\nUsage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
