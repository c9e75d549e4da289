// Helpers for this folder's tests: where the shared third-party test data lives, whether the peer tools
// (yaz-marcdump, xmllint) are installed, and yaz's "line" dump format for comparing decoded fields.

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EncodingOption } from './charsets';
import { detectFormat } from './detect-format';
import { MarcParseError } from './errors';
import { readIso2709All } from './iso2709-reader';
import { iso2709ToMarcXml } from './iso2709-xml';
import { toMarcXml, type XmlDropReport } from './marcxml-writer';
import { isDataField, type MarcRecord } from './record';

/** ../shared/testdata/ beside the project root, resolved from this file. */
export const TESTDATA = fileURLToPath(new URL('../../../../shared/testdata/', import.meta.url));
export const MARC_DIR = `${TESTDATA}marc/`;
export const XSD_DIR = `${TESTDATA}xsd/`;
export const HAVE_TESTDATA = existsSync(MARC_DIR);
export const SKIP_TESTDATA = `shared test data not found at ${TESTDATA}: skipped`;

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const HAVE_YAZ = onPath('yaz-marcdump');
export const HAVE_XMLLINT = onPath('xmllint');

/** The truth for each ISO 2709 file of the test data (README table). */
export const FILES: {
  path: string;
  encoding: 'utf-8' | 'cp1251' | 'cp866' | 'marc-8';
  format: 'rusmarc' | 'marc21';
  records: number;
}[] = [
  { path: 'rusmarc/nlr_test1_cp1251.iso', encoding: 'cp1251', format: 'rusmarc', records: 81 },
  { path: 'rusmarc/nlr_test1_cp1251_resorted.iso', encoding: 'cp1251', format: 'rusmarc', records: 81 },
  { path: 'rusmarc/nlr_test2_cp1251.iso', encoding: 'cp1251', format: 'rusmarc', records: 1 },
  { path: 'rusmarc/urait_utf8.iso', encoding: 'utf-8', format: 'rusmarc', records: 1 },
  { path: 'rusmarc/tounb_cp1251_leader_homoglyph.iso', encoding: 'cp1251', format: 'rusmarc', records: 2 },
  { path: 'rusmarc/viniti_like_cp866.marc', encoding: 'cp866', format: 'rusmarc', records: 2 },
  { path: 'marc21/rkp_marc21_cp1251.mrc', encoding: 'cp1251', format: 'marc21', records: 6 },
  { path: 'marc21/pride-and-prejudice-fixed.mrc', encoding: 'utf-8', format: 'marc21', records: 383 },
  { path: 'marc21/yaz_marccol1_cjk_utf8.mrc', encoding: 'utf-8', format: 'marc21', records: 19 },
  { path: 'marc8/brkrtest_marc8.mrc', encoding: 'marc-8', format: 'marc21', records: 8 },
  { path: 'marc8/cyrillic_capital_e_marc8.mrc', encoding: 'marc-8', format: 'marc21', records: 2 },
  { path: 'marc8/serbian_cyrillic_marc8.mrc', encoding: 'marc-8', format: 'marc21', records: 1 },
  { path: 'marc8/yaz_marc7_diacritics_marc8.mrc', encoding: 'marc-8', format: 'marc21', records: 1 },
  { path: 'marc8/yaz_marc9_arabic_marc8.mrc', encoding: 'marc-8', format: 'marc21', records: 1 },
];

/** Every ISO 2709 file under marc/ except malformed/, found on disk (so a new file is not missed). */
export function isoFilesOnDisk(): string[] {
  const out: string[] = [];
  for (const dir of ['rusmarc', 'marc21', 'marc8']) {
    for (const f of readdirSync(`${MARC_DIR}${dir}`)) if (/\.(iso|mrc|marc)$/.test(f)) out.push(`${dir}/${f}`);
  }
  return out.sort();
}

/**
 * A record as `yaz-marcdump -o line` prints it. Text before a field's first subfield delimiter (kept by
 * our reader as a subfield with code '') is left out, as yaz drops it.
 */
export function toYazLine(r: MarcRecord): string {
  const lines = [r.leader];
  for (const f of r.fields) {
    if (!isDataField(f)) {
      lines.push(`${f.tag} ${f.value}`);
      continue;
    }
    const subs = f.subfields.filter((s) => s.code !== '').map((s) => `$${s.code} ${s.value}`);
    lines.push(`${f.tag} ${f.ind1}${f.ind2} ${subs.join(' ')}`);
  }
  return lines.join('\n');
}

/** yaz's dump of a file, UTF-8, without its "(...)" diagnostics, split into records. */
export function yazLineDump(path: string, encoding: string): string[] {
  const from = encoding === 'marc-8' ? 'marc8' : encoding;
  const out = execFileSync('yaz-marcdump', ['-f', from, '-t', 'utf-8', '-o', 'line', path], { maxBuffer: 1 << 28 });
  return out
    .toString('utf8')
    .split('\n')
    .filter((l) => !l.startsWith('('))
    .join('\n')
    .split('\n\n')
    .map((r) => r.replace(/\n+$/, '').normalize('NFC'))
    .filter((r) => r.length > 0);
}

/** The leaders of yaz-marcdump's MARCXML of a file, converted to UTF-8. */
export function yazXmlLeaders(path: string, encoding: string): string[] {
  const from = encoding === 'marc-8' ? 'marc8' : encoding;
  const out = execFileSync('yaz-marcdump', ['-f', from, '-t', 'utf-8', '-o', 'marcxml', path], { maxBuffer: 1 << 28 });
  return xmlLeaders(out.toString('utf8'));
}

/** The text of every <leader> of a MARCXML document, in order. */
export function xmlLeaders(xml: string): string[] {
  return [...xml.matchAll(/<(?:marc:)?leader>([^<]*)<\/(?:marc:)?leader>/g)].map((m) => m[1]!);
}

export interface XmlOutcome {
  xml: string;
  drops: XmlDropReport[];
  errors: number;
}

/**
 * What the record model makes of the bytes (the reference iso2709ToMarcXml is checked against): read, then
 * written, as the file's format (told from its first 50 records, as iso2709ToMarcXml tells it).
 */
export function throughModel(
  bytes: Uint8Array,
  encoding: EncodingOption,
  normalize: 'nfc' | 'none',
  pretty = true,
): XmlOutcome {
  const items = readIso2709All(bytes, { encoding, normalize });
  const drops: XmlDropReport[] = [];
  const isRecord = (r: (typeof items)[number]): r is MarcRecord => !(r instanceof MarcParseError);
  const records = items.filter(isRecord);
  const format = detectFormat(items.slice(0, 50).filter(isRecord)).format;
  const xml = toMarcXml(records, { pretty, format, onDrop: (d) => drops.push(d) });
  return { xml, drops, errors: items.length - records.length };
}

/** What iso2709ToMarcXml makes of the bytes, whole or streamed in chunks of `chunk` bytes. */
export async function converted(
  bytes: Uint8Array,
  encoding: EncodingOption,
  normalize: 'nfc' | 'none',
  options: { chunk?: number; pretty?: boolean } = {},
): Promise<XmlOutcome> {
  const parts: Buffer[] = [];
  const out = new Writable({
    write(c: Buffer, _e, done) {
      parts.push(c);
      done();
    },
  });
  const drops: XmlDropReport[] = [];
  let errors = 0;
  const chunks: Uint8Array[] = [];
  if (options.chunk)
    for (let p = 0; p < bytes.length; p += options.chunk) chunks.push(bytes.subarray(p, p + options.chunk));
  const result = await iso2709ToMarcXml(options.chunk ? Readable.from(chunks) : bytes, out, {
    encoding,
    normalize,
    pretty: options.pretty,
    onDrop: (d) => drops.push(d),
    onError: () => errors++,
  });
  if (result.errors !== errors) throw new Error(`${result.errors} errors counted, ${errors} reported`);
  return { xml: Buffer.concat(parts).toString('utf8'), drops, errors };
}
