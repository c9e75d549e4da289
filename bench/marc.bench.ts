// MARC engine speed against yaz-marcdump on the same files: parse-only records/s and ISO 2709 → MARCXML
// (UTF-8) records/s, on real samples repeated and varied to 100,000 records (marc-data.ts): the NLR
// RUSMARC file (CP1251) and marc4j's pride-and-prejudice (MARC 21, UTF-8). ISO 2709 → MARCXML is also
// measured against the npm package marcjs (its record parser and MARCXML formatter called directly,
// without its stream wrappers; it reads bytes as UTF-8, so on the CP1251 file it does the same work
// with wrong letters). Ours and the peers take turns, best of three each.
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
  value: number;
  unit: string;
  peer: string;
  peerValue: number | undefined;
  ratio: number | undefined;
  goal: string;
}

function seconds(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

function yaz(args: string[], file: string): number | undefined {
  if (!haveYaz) return undefined;
  return seconds(() => execFileSync('sh', ['-c', `yaz-marcdump ${args.join(' ')} ${file} > /dev/null 2>&1`]));
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
    const t = process.hrtime.bigint();
    const out = createWriteStream('/dev/null');
    const only = function* () {
      for (const r of readIso2709(data, { encoding })) if (!(r instanceof MarcParseError)) yield r;
    };
    const n = await writeMarcXml(only(), out);
    await new Promise<void>((r) => out.end(() => r()));
    if (n !== records) throw new Error(`converted ${n} of ${records}`);
    return Number(process.hrtime.bigint() - t) / 1e9;
  };

  // marcjs: records cut at the record terminator, parsed and formatted one by one, into a stream.
  const marcjsToXml = async () => {
    const t = process.hrtime.bigint();
    const out = createWriteStream('/dev/null');
    let n = 0;
    let start = 0;
    let pending: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n'];
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
    return Number(process.hrtime.bigint() - t) / 1e9;
  };

  parseOnly(); // warm up
  await toXml();
  await marcjsToXml();
  let marcjsSeconds = Infinity;
  const min = (a: number | undefined, b: number | undefined) =>
    b === undefined ? a : a === undefined ? b : Math.min(a, b);
  let ours = [Infinity, Infinity];
  let peer: (number | undefined)[] = [undefined, undefined];
  const yazXmlArgs = ['-f', yazFrom, '-t', 'utf-8', '-o', 'marcxml'];
  for (let round = 0; round < 3; round++) {
    ours = [Math.min(ours[0]!, seconds(parseOnly)), ours[1]!];
    peer = [min(peer[0], yaz(['-n'], file)), peer[1]];
    ours = [ours[0]!, Math.min(ours[1]!, await toXml())];
    peer = [peer[0], min(peer[1], yaz(yazXmlArgs, file))];
    marcjsSeconds = Math.min(marcjsSeconds, await marcjsToXml());
  }
  const rate = (s: number | undefined) => (s === undefined ? undefined : Math.round(records / s));
  const row = (metric: string, i: number, peerName: string, goal: string, peerSeconds = peer[i]): Row => {
    const value = rate(ours[i])!;
    const peerValue = rate(peerSeconds);
    return {
      metric: `${metric} (${name}, ${records} records)`,
      value,
      unit: 'records/s',
      peer: peerName,
      peerValue,
      ratio: peerValue ? Math.round((value / peerValue) * 100) / 100 : undefined,
      goal,
    };
  };
  return [
    row('parse ISO 2709', 0, 'yaz-marcdump -n', '>= 0.5x yaz'),
    row('ISO 2709 -> MARCXML UTF-8', 1, `yaz-marcdump ${yazXmlArgs.join(' ')}`, '>= 1x yaz'),
    row('ISO 2709 -> MARCXML UTF-8', 1, 'marcjs 3.0.2 (npm)', '>= 3x marcjs', marcjsSeconds),
  ];
}

const rows = [
  ...(await measure(RUSMARC_CP1251, 'cp1251')),
  ...(await measure(MARC21_UTF8, 'utf-8')),
];
rmSync(dir, { recursive: true, force: true });

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}, shared with other work while measured (load average ${loadavg()[0]!.toFixed(1)})`;
console.log(machine);
console.table(
  rows.map((r) => ({
    metric: r.metric,
    ours: r.value,
    peer: r.peer,
    peerValue: r.peerValue ?? 'n/a',
    ratio: r.ratio ?? 'n/a',
    goal: r.goal,
  })),
);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'marc.json'), JSON.stringify({ name: 'marc', machine, results: rows }, null, 2));
