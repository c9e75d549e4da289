// MARC engine speed against yaz-marcdump on the same files: parse-only records/s and ISO 2709 → MARCXML
// (UTF-8) records/s, on real samples repeated and varied to 100,000 records (marc-data.ts): the NLR
// RUSMARC file (CP1251) and marc4j's pride-and-prejudice (MARC 21, UTF-8). ISO 2709 → MARCXML is also
// measured against the npm package marcjs (its record parser and MARCXML formatter called directly,
// without its stream wrappers; it reads bytes as UTF-8, so on the CP1251 file it does the same work
// with wrong letters). Ours and the peers take turns, best of three each.
//
// Rates are records per CPU second (user + system, all threads: ours and marcjs from process.cpuUsage(),
// yaz-marcdump from the shell's getrusage of the child), so a machine shared with other work slows
// neither side more than the other; wall-clock rates are printed beside them. What is compared:
// - parse: ours reads every record into fields and subfields with the values decoded to Unicode strings
//   and NFC-normalised, as the importer gets them. `yaz-marcdump -n` reads every record into its field
//   and subfield nodes but writes nothing, and so converts no characters (yaz converts while writing):
//   it does less work than ours, which the ratio does not correct for.
// - MARCXML: both sides decode (yaz with -f cp1251 -t utf-8 for RUSMARC) and write a MARCXML collection.
// Run: npx tsx bench/marc.bench.ts [records]

import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarcParseError, readIso2709, writeMarcXml } from '../src/catalog/marc/index';
import { MARC21_UTF8, RUSMARC_CP1251, TESTDATA, variedBatches, type Source } from './marc-data';

interface MarcJs {
  parse(raw: Buffer, type: 'iso2709'): unknown;
  format(record: unknown, type: 'marcxml'): string;
}
const { Marc: marcjs } = createRequire(import.meta.url)('marcjs') as { Marc: MarcJs };

const target = Number(process.argv[2] ?? 100_000);
if (!existsSync(TESTDATA)) {
  console.error(`needs ${TESTDATA} (the shared test data)`);
  process.exit(2);
}
const haveYaz = spawnSync('sh', ['-c', 'command -v yaz-marcdump']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'kp-marc-bench-'));

interface Row {
  metric: string;
  /** Records per CPU second. */
  value: number;
  unit: string;
  peer: string;
  peerValue: number | undefined;
  /** value / peerValue: the figure the goal is about. */
  ratio: number | undefined;
  /** Records per wall-clock second, ours and the peer's (for reference: a loaded machine skews them). */
  wallValue: number;
  peerWallValue: number | undefined;
  goal: string;
}

/** CPU and wall-clock seconds of one run. */
interface Took {
  cpu: number;
  wall: number;
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function took(fn: () => unknown): Promise<Took> {
  const c = cpuNow();
  const t = process.hrtime.bigint();
  await fn();
  return { cpu: cpuNow() - c, wall: Number(process.hrtime.bigint() - t) / 1e9 };
}

function yaz(args: string[], file: string): Took | undefined {
  if (!haveYaz) return undefined;
  const t = process.hrtime.bigint();
  // bash's `time` reports the child's user and system CPU seconds from getrusage.
  const out = execFileSync('bash', [
    '-c',
    `TIMEFORMAT='%3U %3S'; { time yaz-marcdump ${args.join(' ')} ${file} > /dev/null 2>/dev/null; } 2>&1`,
  ]);
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const [user, sys] = out.toString().trim().split(/\s+/).map(Number);
  return { cpu: (user ?? NaN) + (sys ?? NaN), wall };
}

/** The best (least CPU) of the runs so far. */
function best(a: Took | undefined, b: Took | undefined): Took | undefined {
  if (!a) return b;
  if (!b) return a;
  return { cpu: Math.min(a.cpu, b.cpu), wall: Math.min(a.wall, b.wall) };
}

async function measure(source: Source, yazFrom: string): Promise<Row[]> {
  const { name, encoding } = source;
  const data = Buffer.concat([...variedBatches(source, target)]);
  const records = target;
  const file = join(dir, `${name}.mrc`);
  writeFileSync(file, data);

  const parseOnly = () => {
    let n = 0;
    for (const r of readIso2709(data, { encoding })) if (!(r instanceof MarcParseError)) n++;
    if (n !== records) throw new Error(`parsed ${n} of ${records}`);
  };
  const toXml = async () => {
    const out = createWriteStream('/dev/null');
    const only = function* () {
      for (const r of readIso2709(data, { encoding })) if (!(r instanceof MarcParseError)) yield r;
    };
    const n = await writeMarcXml(only(), out);
    await new Promise<void>((r) => out.end(() => r()));
    if (n !== records) throw new Error(`converted ${n} of ${records}`);
  };

  // marcjs: records cut at the record terminator, parsed and formatted one by one, into a stream.
  const marcjsToXml = async () => {
    const out = createWriteStream('/dev/null');
    let n = 0;
    let start = 0;
    let pending: string[] = [
      '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n',
    ];
    for (let end = data.indexOf(0x1d, start); end !== -1; end = data.indexOf(0x1d, start)) {
      pending.push(marcjs.format(marcjs.parse(data.subarray(start, end + 1), 'iso2709'), 'marcxml'));
      n++;
      start = end + 1;
      if (pending.length >= 100) {
        if (!out.write(pending.join(''))) await new Promise<void>((r) => out.once('drain', () => r()));
        pending = [];
      }
    }
    out.write(`${pending.join('')}</collection>\n`);
    await new Promise<void>((r) => out.end(() => r()));
    if (n !== records) throw new Error(`marcjs converted ${n} of ${records}`);
  };

  parseOnly(); // warm up
  await toXml();
  await marcjsToXml();
  const yazXmlArgs = ['-f', yazFrom, '-t', 'utf-8', '-o', 'marcxml'];
  let ourParse: Took | undefined;
  let ourXml: Took | undefined;
  let yazParse: Took | undefined;
  let yazXml: Took | undefined;
  let marcjsXml: Took | undefined;
  for (let round = 0; round < 3; round++) {
    ourParse = best(ourParse, await took(parseOnly));
    yazParse = best(yazParse, yaz(['-n'], file));
    ourXml = best(ourXml, await took(toXml));
    yazXml = best(yazXml, yaz(yazXmlArgs, file));
    marcjsXml = best(marcjsXml, await took(marcjsToXml));
  }
  const rate = (s: number | undefined) => (s === undefined ? undefined : Math.round(records / s));
  const row = (metric: string, ours: Took, peerName: string, peer: Took | undefined, goal: string): Row => {
    const value = rate(ours.cpu)!;
    const peerValue = rate(peer?.cpu);
    return {
      metric: `${metric} (${name}, ${records} records)`,
      value,
      unit: 'records per CPU second',
      peer: peerName,
      peerValue,
      ratio: peerValue ? Math.round((value / peerValue) * 100) / 100 : undefined,
      wallValue: rate(ours.wall)!,
      peerWallValue: rate(peer?.wall),
      goal,
    };
  };
  return [
    row('parse ISO 2709', ourParse!, 'yaz-marcdump -n', yazParse, '>= 0.5x yaz'),
    row('ISO 2709 -> MARCXML UTF-8', ourXml!, `yaz-marcdump ${yazXmlArgs.join(' ')}`, yazXml, '>= 1x yaz'),
    row('ISO 2709 -> MARCXML UTF-8', ourXml!, 'marcjs 3.0.2 (npm)', marcjsXml, '>= 3x marcjs'),
  ];
}

const loadBefore = loadavg()[0]!;
const rows = [...(await measure(RUSMARC_CP1251, 'cp1251')), ...(await measure(MARC21_UTF8, 'utf-8'))];
rmSync(dir, { recursive: true, force: true });

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, shared with other work while measured (load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after)`;
console.log(machine);
console.log(
  'records per CPU second (user + system), best of 3; yaz-marcdump -n parses without converting characters, ours decodes and NFC-normalises every value',
);
console.table(
  rows.map((r) => ({
    metric: r.metric,
    'ours/CPU s': r.value,
    peer: r.peer,
    'peer/CPU s': r.peerValue ?? 'n/a',
    ratio: r.ratio ?? 'n/a',
    goal: r.goal,
    'ours/s wall': r.wallValue,
    'peer/s wall': r.peerWallValue ?? 'n/a',
  })),
);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'marc.json'), JSON.stringify({ name: 'marc', machine, results: rows }, null, 2));
