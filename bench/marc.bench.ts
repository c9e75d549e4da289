// MARC engine speed against yaz-marcdump and marcjs on the same files: parse-only records/s and ISO 2709
// → MARCXML (UTF-8) records/s, on real samples repeated and varied to 100,000 records (marc-data.ts): the
// NLR RUSMARC file (CP1251) and marc4j's pride-and-prejudice (MARC 21, UTF-8).
//
// Every side runs in a process of its own over the same file, its output to /dev/null: ours is
// bench/marc-worker.ts compiled by esbuild (as the command line is built) and run by `node`, reading the
// file as a stream; marcjs runs in the same worker (its record parser and MARCXML formatter called
// directly). Each process is timed by /usr/bin/time: user + system CPU seconds of the child, all its
// threads, start-up included, so a machine shared with other work slows no side much more than another.
// The sides take turns, round after round; the figure is the median of the rounds. What is compared:
// - parse (the goal's row): ours reads every record as a MarcView (readIso2709ViewStream): its structure
//   checked as the reader checks it (the same errors and warnings), its fields located, no value decoded.
//   `yaz-marcdump -n` reads every record into its field and subfield nodes (copies of the bytes) but
//   writes nothing, and so converts no characters (yaz converts while writing).
// - parse into the record model (for reference, no goal): ours reads every record as the importer
//   stores it (readIso2709Stream): every field and subfield an object, the values decoded to Unicode
//   strings and NFC-normalised — more work than yaz -n does, which the ratio does not correct for.
// - MARCXML: both sides decode (yaz with -f cp1251 -t utf-8 for RUSMARC) and write a MARCXML collection;
//   ours is iso2709ToMarcXml, which copies plainly laid-out records from their bytes (the same XML as
//   readIso2709 + writeMarcXml, which is also timed, for reference).
// Run: npm run bench -- marc [records] [rounds]

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { MARC21_UTF8, RUSMARC_CP1251, TESTDATA, variedBatches, type Source } from './marc-data';

const records = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 3);
if (!existsSync(TESTDATA)) {
  console.error(`needs ${TESTDATA} (the shared test data)`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('needs /usr/bin/time (Debian package "time") to time each side');
  process.exit(2);
}
const haveYaz = spawnSync('sh', ['-c', 'command -v yaz-marcdump']).status === 0;

// Inside node_modules so that the compiled worker finds the packages it leaves outside (marcjs).
const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'kp-marc-bench-'));
const worker = join(dir, 'marc-worker.mjs');
await build({
  entryPoints: [join(root, 'bench', 'marc-worker.ts')],
  outfile: worker,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  logLevel: 'error',
});

interface Took {
  /** User + system CPU seconds of the process. */
  cpu: number;
  wall: number;
}

/** Runs a command with stdout to /dev/null; its CPU and wall-clock seconds, and what it said on stderr. */
function timed(command: string[], expect: number | undefined): Took {
  const times = join(dir, 'time.txt');
  const devNull = openSync('/dev/null', 'w');
  const run = spawnSync('/usr/bin/time', ['-o', times, '-f', '%U %S %e', ...command], {
    stdio: ['ignore', devNull, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  closeSync(devNull);
  if (run.status !== 0)
    throw new Error(`${command.join(' ')} failed (${run.status}): ${run.stderr.toString().slice(0, 500)}`);
  if (expect !== undefined && Number(run.stderr.toString().trim()) !== expect) {
    throw new Error(`${command.join(' ')} handled ${run.stderr.toString().trim()} records, not ${expect}`);
  }
  const [user, sys, wall] = readFileSync(times, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
  return { cpu: Math.round((user! + sys!) * 100) / 100, wall: wall! };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Row {
  metric: string;
  /** Records per CPU second (median of the rounds). */
  value: number;
  unit: string;
  peer: string;
  peerValue: number | undefined;
  /** value / peerValue: the figure the goal is about. */
  ratio: number | undefined;
  /** What the goal asks of the ratio, and whether it is met. */
  goal: number;
  met: boolean | undefined;
  /** Records per wall-clock second, ours and the peer's (for reference: a loaded machine skews them). */
  wallValue: number;
  peerWallValue: number | undefined;
  /** Each round's CPU seconds, ours and the peer's. */
  cpuSeconds: number[];
  peerCpuSeconds: number[] | undefined;
}

function measure(source: Source): Row[] {
  const { name, encoding } = source;
  const file = join(dir, `${name}.mrc`);
  writeFileSync(file, Buffer.concat([...variedBatches(source, records)]));
  const yazFrom = encoding === 'cp1251' ? 'cp1251' : 'utf-8';
  const yazXmlArgs = ['-f', yazFrom, '-t', 'utf-8', '-o', 'marcxml'];
  const sides: Record<string, string[] | undefined> = {
    oursParse: ['node', worker, 'ours-parse', file, encoding],
    oursParseModel: ['node', worker, 'ours-parse-model', file, encoding],
    yazParse: haveYaz ? ['yaz-marcdump', '-n', file] : undefined,
    oursXml: ['node', worker, 'ours-xml', file, encoding],
    yazXml: haveYaz ? ['yaz-marcdump', ...yazXmlArgs, file] : undefined,
    marcjsXml: ['node', worker, 'marcjs-xml', file],
    oursXmlModel: ['node', worker, 'ours-xml-model', file, encoding],
  };
  const took: Record<string, Took[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [side, command] of Object.entries(sides)) {
      if (!command) continue;
      (took[side] ??= []).push(timed(command, command[0] === 'node' ? records : undefined));
    }
  }
  const rate = (runs: Took[] | undefined, key: 'cpu' | 'wall') =>
    runs ? Math.round(records / median(runs.map((t) => t[key]))) : undefined;
  const row = (metric: string, ours: string, peerName: string, peer: string, goal: number): Row => {
    const value = rate(took[ours], 'cpu')!;
    const peerValue = rate(took[peer], 'cpu');
    const ratio = peerValue ? Math.round((value / peerValue) * 100) / 100 : undefined;
    return {
      metric: `${metric} (${name}, ${records} records)`,
      value,
      unit: 'records per CPU second',
      peer: peerName,
      peerValue,
      ratio,
      goal,
      met: ratio === undefined || !goal ? undefined : ratio >= goal,
      wallValue: rate(took[ours], 'wall')!,
      peerWallValue: rate(took[peer], 'wall'),
      cpuSeconds: took[ours]!.map((t) => t.cpu),
      peerCpuSeconds: took[peer]?.map((t) => t.cpu),
    };
  };
  return [
    row('parse ISO 2709: checked, fields located, no value decoded', 'oursParse', 'yaz-marcdump -n', 'yazParse', 0.5),
    // For reference, no goal: what the importer does, every value decoded into the record model.
    row('parse ISO 2709 into the record model: every value decoded', 'oursParseModel', 'yaz-marcdump -n', 'yazParse', 0),
    row('ISO 2709 -> MARCXML UTF-8', 'oursXml', `yaz-marcdump ${yazXmlArgs.join(' ')}`, 'yazXml', 1),
    row('ISO 2709 -> MARCXML UTF-8', 'oursXml', 'marcjs 3.0.2 (npm)', 'marcjsXml', 3),
    // For reference, no goal: the same XML through the record model (readIso2709Stream + writeMarcXml).
    row('ISO 2709 -> MARCXML UTF-8', 'oursXml', 'ours through the record model', 'oursXmlModel', 0),
  ];
}

const loadBefore = loadavg().map((x) => Math.round(x * 100) / 100);
let rows: Row[];
try {
  rows = [...measure(RUSMARC_CP1251), ...measure(MARC21_UTF8)];
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const loadAfter = loadavg().map((x) => Math.round(x * 100) / 100);
const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, load average ${load(loadBefore)} before, ${load(loadAfter)} after`;
console.log(machine);
console.log(
  `records per CPU second (user + system of each side's own process, start-up included), median of ${rounds} rounds; ` +
    'parse: ours checks every record and locates its fields, decoding no value, as yaz-marcdump -n converts no ' +
    'characters; parse into the record model: ours also decodes and NFC-normalises every value into field and subfield objects',
);
console.table(
  rows.map((r) => ({
    metric: r.metric,
    'ours/CPU s': r.value,
    peer: r.peer,
    'peer/CPU s': r.peerValue ?? 'n/a',
    ratio: r.ratio ?? 'n/a',
    goal: r.goal ? `>= ${r.goal}x` : '',
    met: r.met === undefined || !r.goal ? '' : r.met ? 'yes' : 'NO',
    'ours/s wall': r.wallValue,
    'peer/s wall': r.peerWallValue ?? 'n/a',
  })),
);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(
  join(results, 'marc.json'),
  JSON.stringify({ name: 'marc', machine, loadBefore, loadAfter, rounds, results: rows }, null, 2),
);
if (rows.some((r) => r.met === false))
  console.log(
    'goals not met: ' +
      rows
        .filter((r) => r.met === false)
        .map((r) => r.metric + ' vs ' + r.peer)
        .join('; '),
  );
