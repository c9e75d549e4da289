/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME` runs bench/NAME.bench.ts.
 * Each benchmark prints its table and writes bench/results/NAME.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv[2];
const names = wanted
  ? [wanted]
  : readdirSync(dir)
      .filter((f) => f.endsWith('.bench.ts'))
      .map((f) => f.replace(/\.bench\.ts$/, ''));
let failed = 0;
for (const name of names) {
  const file = `${dir}${name}.bench.ts`;
  if (!existsSync(file)) {
    console.error(`no benchmark named ${name} (bench/${name}.bench.ts)`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file, ...process.argv.slice(3)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
