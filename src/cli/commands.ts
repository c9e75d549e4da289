/** CLI commands. Exit codes: 0 done, 1 failed, 2 wrong usage. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../app/config';
import { openMigratedDatabase } from '../app/db';
import { WEB_DIST } from '../app/http';
import { startServer } from '../app/server';
import { backupCommand, restoreCommand } from '../backup';
import { exportCommand } from '../catalog/export/export.cli';
import { importCommand } from '../catalog/import/import.cli';
import { resetDemo } from '../demo';
import { checkMigrations } from './check-migrations';
import { buildWebApp } from './build-web';

interface Command {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const SRC_DIR = fileURLToPath(new URL('..', import.meta.url));

const HELP_FLAG = { help: { type: 'boolean', short: 'h' } } as const;

export const commands: Record<string, Command> = {
  start: {
    summary: 'Serve the portal, the staff app and the API (migrates the database first)',
    usage: 'kitepkana start [--build-if-missing]',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...HELP_FLAG, 'build-if-missing': { type: 'boolean' } } });
      if (values.help) return usage('start');
      if (values['build-if-missing'] && webAppIsStale()) await buildWebApp();
      await startServer(loadConfig());
      return 0;
    },
  },
  migrate: {
    summary: 'Apply database migrations',
    usage: 'kitepkana migrate',
    async run(args) {
      const { values } = parseArgs({ args, options: HELP_FLAG });
      if (values.help) return usage('migrate');
      const database = await openMigratedDatabase(loadConfig());
      await database.close();
      console.log(`Database is up to date (${database.kind}).`);
      return 0;
    },
  },
  demo: {
    summary: 'Reload the demo region (--reset: erase all data first)',
    usage: 'kitepkana demo --reset',
    async run(args) {
      const { values } = parseArgs({ args, options: { ...HELP_FLAG, reset: { type: 'boolean' } } });
      if (values.help) return usage('demo');
      if (!values.reset) {
        console.error('kitepkana demo: this erases ALL data and loads the demo; confirm with --reset');
        return 2;
      }
      const database = await openMigratedDatabase(loadConfig());
      await resetDemo(database.db);
      await database.close();
      console.log('Demo region reloaded.');
      return 0;
    },
  },
  backup: backupCommand,
  restore: restoreCommand,
  import: importCommand,
  export: exportCommand,
  'check-migrations': {
    summary: 'Fail when the schema in code and the migrations in drizzle/ disagree',
    usage: 'kitepkana check-migrations',
    async run(args) {
      const { values } = parseArgs({ args, options: HELP_FLAG });
      if (values.help) return usage('check-migrations');
      return (await checkMigrations()) ? 0 : 1;
    },
  },
};

function usage(name: string): number {
  const c = commands[name];
  if (c) console.log(`${c.usage}\n  ${c.summary}`);
  return 0;
}

/** True when dist/web is missing or older than any source file of the staff app (src/web, src/<domain>/web). */
function webAppIsStale(): boolean {
  const index = `${WEB_DIST}/index.html`;
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
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
  if (name === 'help' || name === '--help' || name === '-h') {
    console.log('Usage: kitepkana <command> [options]\n\nCommands:');
    for (const [n, c] of Object.entries(commands)) console.log(`  ${n.padEnd(18)} ${c.summary}`);
    console.log('\nRun `kitepkana <command> --help` for the options of one command.');
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`kitepkana: unknown command "${name}". Run \`kitepkana help\`.`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`kitepkana ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
