// MARC engine speed against yaz-marcdump on the same files: parse-only records/s and ISO 2709 → MARCXML
// (UTF-8) records/s, on real samples repeated to ~100,000 records: the NLR RUSMARC file (CP1251) and
// marc4j's pride-and-prejudice (MARC 21, UTF-8). Ours and yaz take turns, best of three each.
// Run: npx tsx bench/marc.bench.ts [records]

import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarcParseError, readIso2709, writeMarcXml, type MarcEncoding } from '../src/catalog/marc/index';

const target = Number(process.argv[2] ?? 100_000);
const testdata = fileURLToPath(new URL('../../shared/testdata/marc/', import.meta.url));
if (!existsSync(testdata)) {
  console.error(`needs ${testdata} (the shared test data)`);
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

async function measure(
  name: string,
  path: string,
  perFile: number,
  encoding: MarcEncoding,
  yazFrom: string,
): Promise<Row[]> {
  const one = readFileSync(testdata + path);
  const copies = Math.ceil(target / perFile);
  const data = Buffer.concat(Array.from({ length: copies }, () => one));
  const records = copies * perFile;
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

  parseOnly(); // warm up
  await toXml();
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
  }
  const rate = (s: number | undefined) => (s === undefined ? undefined : Math.round(records / s));
  const row = (metric: string, i: number, peerName: string, goal: string): Row => {
    const value = rate(ours[i])!;
    const peerValue = rate(peer[i]);
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
  ];
}

const rows = [
  ...(await measure('rusmarc-cp1251', 'rusmarc/nlr_test1_cp1251.iso', 81, 'cp1251', 'cp1251')),
  ...(await measure('marc21-utf8', 'marc21/pride-and-prejudice-fixed.mrc', 383, 'utf-8', 'utf-8')),
];
rmSync(dir, { recursive: true, force: true });

const machine = `${cpus().length} x ${cpus()[0]?.model ?? '?'}, Node ${process.version}`;
console.log(machine);
console.table(
  rows.map((r) => ({
    metric: r.metric,
    ours: r.value,
    yaz: r.peerValue ?? 'n/a',
    ratio: r.ratio ?? 'n/a',
    goal: r.goal,
  })),
);
const results = fileURLToPath(new URL('./results/', import.meta.url));
mkdirSync(results, { recursive: true });
writeFileSync(join(results, 'marc.json'), JSON.stringify({ name: 'marc', machine, results: rows }, null, 2));
