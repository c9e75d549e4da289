// One side of the MARC benchmark (files read in 1 MiB chunks, as `kitepkana import` reads them) in a process of its own (bench/marc.bench.ts compiles this file with
// esbuild, as the command line is built, and times the process from outside):
//   node marc-worker.mjs ours-parse FILE ENCODING   parses every record as a MarcView
//                                                   (readIso2709ViewStream over a file stream): checked
//                                                   as the reader checks it, fields located, no value
//                                                   decoded (what yaz-marcdump -n does)
//   node marc-worker.mjs ours-parse-model FILE ENC  reads the file into the record model as the importer
//                                                   does (readIso2709Stream): every field and subfield an
//                                                   object, values decoded and NFC-normalised
//   node marc-worker.mjs ours-xml FILE ENCODING     writes the file as a MARCXML collection (UTF-8) to
//                                                   stdout with iso2709ToMarcXml over a file stream
//   node marc-worker.mjs ours-xml-model FILE ENC    the same through the record model: readIso2709Stream
//                                                   + writeMarcXml (for reference)
//   node marc-worker.mjs marcjs-xml FILE            the same with the npm package marcjs
// Each prints the number of records it handled to stderr.

import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import {
  MarcParseError,
  iso2709ToMarcXml,
  readIso2709Stream,
  readIso2709ViewStream,
  writeMarcXml,
  type MarcEncoding,
  type MarcRecord,
} from '../src/catalog/marc/index';

const [mode, file, encoding] = process.argv.slice(2) as [string, string, MarcEncoding];

async function oursParse(): Promise<number> {
  let n = 0;
  for await (const r of readIso2709ViewStream(createReadStream(file, { highWaterMark: 1 << 20 }), { encoding }))
    if (!(r instanceof MarcParseError)) n++;
  return n;
}

async function oursParseModel(): Promise<number> {
  let n = 0;
  for await (const r of readIso2709Stream(createReadStream(file, { highWaterMark: 1 << 20 }), { encoding }))
    if (!(r instanceof MarcParseError)) n++;
  return n;
}

async function oursXml(): Promise<number> {
  return (await iso2709ToMarcXml(createReadStream(file, { highWaterMark: 1 << 20 }), process.stdout, { encoding }))
    .records;
}

async function* records(): AsyncGenerator<MarcRecord> {
  for await (const r of readIso2709Stream(createReadStream(file, { highWaterMark: 1 << 20 }), { encoding }))
    if (!(r instanceof MarcParseError)) yield r;
}

async function oursXmlModel(): Promise<number> {
  return writeMarcXml(records(), process.stdout);
}

interface MarcJs {
  parse(raw: Buffer, type: 'iso2709'): unknown;
  format(record: unknown, type: 'marcxml'): string;
}

// marcjs's record parser and MARCXML formatter called directly, without its stream wrappers: the file
// read as a stream (as ours is), records cut at the record terminator, written 100 at a time. It reads
// bytes as UTF-8 (wrong letters on CP1251, the same work).
async function marcjsXml(): Promise<number> {
  const { Marc: marcjs } = createRequire(import.meta.url)('marcjs') as { Marc: MarcJs };
  let n = 0;
  let pending: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">\n',
  ];
  const convert = (raw: Buffer) => {
    pending.push(marcjs.format(marcjs.parse(raw, 'iso2709'), 'marcxml'));
    n++;
    if (pending.length >= 100) {
      process.stdout.write(pending.join(''));
      pending = [];
    }
  };
  let rest: Buffer = Buffer.alloc(0); // the start of a record the last chunk cut
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const data = chunk as Buffer;
    let start = 0;
    if (rest.length) {
      const t = data.indexOf(0x1d);
      if (t < 0) {
        rest = Buffer.concat([rest, data]);
        continue;
      }
      convert(Buffer.concat([rest, data.subarray(0, t + 1)]));
      start = t + 1;
    }
    for (let end = data.indexOf(0x1d, start); end !== -1; end = data.indexOf(0x1d, start)) {
      convert(data.subarray(start, end + 1));
      start = end + 1;
    }
    rest = data.subarray(start);
  }
  process.stdout.write(`${pending.join('')}</collection>\n`);
  return n;
}

const modes: Record<string, () => number | Promise<number>> = {
  'ours-parse': oursParse,
  'ours-parse-model': oursParseModel,
  'ours-xml': oursXml,
  'ours-xml-model': oursXmlModel,
  'marcjs-xml': marcjsXml,
};
const run = modes[mode];
if (!run) {
  console.error(`unknown mode ${mode}; one of ${Object.keys(modes).join(', ')}`);
  process.exit(2);
}
process.stderr.write(`${await run()}\n`);
