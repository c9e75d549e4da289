import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../cli/commands';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from '../marc/test-support';

if (!HAVE_TESTDATA) console.warn(`kitepkana convert: ${SKIP_TESTDATA}`);

describe.skipIf(!HAVE_TESTDATA)('kitepkana convert marc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-convert-'));
  const said: string[] = [];
  const run = async (...args: string[]) => {
    said.length = 0;
    vi.spyOn(console, 'error').mockImplementation((text: string) => void said.push(text));
    vi.spyOn(console, 'log').mockImplementation((text: string) => void said.push(text));
    return runCommand('convert', args);
  };
  afterEach(() => vi.restoreAllMocks());

  it('writes an ИРБИС-style CP1251 RUSMARC file as MARCXML in UTF-8', async () => {
    const out = join(dir, 'nlr.xml');
    expect(await run('marc', join(MARC_DIR, 'rusmarc/nlr_test1_cp1251.iso'), '--out', out)).toBe(0);
    const xml = readFileSync(out, 'utf8');
    const records = xml.match(/<record[ >]/g)?.length ?? 0;
    expect(records).toBeGreaterThan(10);
    expect(said.join('\n')).toContain(`Wrote ${records} records`);
    expect(xml).toContain('<subfield code="a">Задачи и этюды</subfield>');
    // Written in UTF-8, each record says so where RUSMARC keeps its character set (100 $a/26-29).
    const charsets = [...xml.matchAll(/<datafield tag="100"[^>]*>\s*<subfield code="a">([^<]*)</g)].map((m) => m[1]!.slice(26, 30));
    expect(charsets.length).toBeGreaterThan(10);
    expect(new Set(charsets)).toEqual(new Set(['50  ']));
    // The file is there: a second run refuses to overwrite it, unless told to.
    expect(await run('marc', join(MARC_DIR, 'rusmarc/nlr_test1_cp1251.iso'), '--out', out)).toBe(1);
    expect(said.join('\n')).toContain('already exists');
    expect(await run('marc', join(MARC_DIR, 'rusmarc/nlr_test1_cp1251.iso'), '--out', out, '--force')).toBe(0);
  });

  it('lists the records it cannot read and writes the others', async () => {
    const out = join(dir, 'damaged.xml');
    expect(await run('marc', join(MARC_DIR, 'malformed/pymarc_bad_records.mrc'), '--out', out)).toBe(0);
    const report = said.join('\n');
    const [, written, unread] = /Wrote (\d+) records .*; (\d+) could not be read/.exec(report) ?? [];
    expect(Number(unread)).toBeGreaterThan(0);
    expect(report).toMatch(/record \d+ at byte \d+: /);
    expect(readFileSync(out, 'utf8').match(/<record[ >]/g)?.length ?? 0).toBe(Number(written));
  });

  it('says what is wrong with the command line', async () => {
    expect(await run('marc', join(dir, 'missing.iso'), '--out', join(dir, 'x.xml'))).toBe(1);
    expect(said.join('\n')).toContain('does not exist');
    const file = join(dir, 'one.iso');
    writeFileSync(file, readFileSync(join(MARC_DIR, 'rusmarc/nlr_test2_cp1251.iso')));
    expect(await run('marc', file, '--out', join(dir, 'x.xml'), '--encoding', 'latin-9')).toBe(2);
    expect(said.join('\n')).toContain('--encoding must be one of');
    expect(await run('marc', file)).toBe(2);
    expect(await run('books', file, '--out', join(dir, 'x.xml'))).toBe(2);
  });

  it('counts a single record as one', async () => {
    expect(await run('marc', join(MARC_DIR, 'rusmarc/urait_utf8.iso'), '--out', join(dir, 'urait.xml'))).toBe(0);
    expect(said.join('\n')).toContain(`Wrote 1 record to ${join(dir, 'urait.xml')}; 0 could not be read.`);
  });
});
