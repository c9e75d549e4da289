/**
 * The schema in code and the generated migrations must agree: drizzle-kit is asked to generate into a
 * scratch copy of drizzle/; if it writes a new migration, someone changed a table without generating.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export async function checkMigrations(): Promise<boolean> {
  // drizzle-kit resolves `out` relative to the working directory, so the scratch copy lives inside it.
  const scratch = join('node_modules', '.cache', `kp-migrations-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    cpSync('drizzle', join(scratch, 'drizzle'), { recursive: true });
    const config = join(scratch, 'drizzle.config.ts');
    writeFileSync(
      config,
      `export default { dialect: 'postgresql', schema: ${JSON.stringify(resolve('src/app/schema.ts'))}, out: ${JSON.stringify(relative('.', join(scratch, 'drizzle')))}, casing: 'snake_case', migrations: { prefix: 'timestamp' } };\n`,
    );
    const before = readdirSync(join(scratch, 'drizzle')).length;
    const run = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'check'], { encoding: 'utf8' });
    // drizzle-kit exits 0 even when it fails, so its output is read as well.
    if (run.status !== 0 || /error/i.test(run.stderr + run.stdout)) {
      console.error(run.stdout, run.stderr);
      return false;
    }
    const after = readdirSync(join(scratch, 'drizzle')).length;
    if (after !== before) {
      console.error('The schema in src/ differs from the migrations in drizzle/: run `npm run db:generate`.');
      return false;
    }
    console.log('Schema and migrations agree.');
    return true;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
