// Broken input: the malformed test files give their good records and one typed error per bad record, and
// randomly damaged real records (MARC_FUZZ_RUNS, default 10,000) give only records or typed errors.

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARC_ENCODINGS } from './charsets';
import { MarcParseError } from './errors';
import { readIso2709All, readIso2709Stream, type ReadItem } from './iso2709-reader';
import { writeIso2709 } from './iso2709-writer';
import { dataField, type MarcRecord } from './record';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA, converted, throughModel } from './test-support';

const FUZZ_RUNS = Number(process.env.MARC_FUZZ_RUNS ?? 10_000);

function check(items: ReadItem[], input: Uint8Array): void {
  let last = -1;
  for (const it of items) {
    if (it instanceof MarcParseError) {
      expect(it.index).toBeGreaterThan(last);
      expect(it.offset).toBeGreaterThanOrEqual(0);
      expect(it.offset).toBeLessThanOrEqual(input.length);
      expect(it.reason.length).toBeGreaterThan(0);
      last = it.index;
    } else {
      expect(typeof it.leader).toBe('string');
      expect(Array.isArray(it.fields)).toBe(true);
      last++;
    }
  }
}

const errorsOf = (items: ReadItem[]) => items.filter((i): i is MarcParseError => i instanceof MarcParseError);

describe.skipIf(!HAVE_TESTDATA)(`malformed files (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`, () => {
  const read = (name: string, warnings?: string[]) => {
    const bytes = readFileSync(`${MARC_DIR}malformed/${name}`);
    const items = readIso2709All(bytes, { onWarning: (w) => warnings?.push(w.message) });
    check(items, bytes);
    for (const e of errorsOf(items)) {
      // The offset points at the broken record's leader.
      expect(/^\d{5}/.test(bytes.subarray(e.offset, e.offset + 5).toString('latin1'))).toBe(true);
    }
    return items;
  };

  it('pymarc_bad_records.mrc: 2 good records around 6 typed errors', () => {
    const items = read('pymarc_bad_records.mrc');
    expect(items).toHaveLength(8);
    expect(items[0]).not.toBeInstanceOf(MarcParseError);
    expect(items[7]).not.toBeInstanceOf(MarcParseError);
    expect(errorsOf(items).map((e) => [e.index, e.kind])).toEqual([
      [1, 'base-address'], // 99937
      [2, 'base-address'], // 0
      [3, 'directory'], // 13-byte directory
      [4, 'directory'], // non-digits in the directory
      [5, 'base-address'], // "22f0037"
      [6, 'directory'], // no fields
    ]);
    expect(errorsOf(items)[0]!.offset).toBe(127);
  });

  it('pride-and-prejudice-with-many-errors.mrc: the 16 records yaz also rejects are errors, 367 are read', () => {
    const items = read('pride-and-prejudice-with-many-errors.mrc');
    expect(items).toHaveLength(383);
    expect(errorsOf(items).map((e) => e.index)).toEqual([
      92, 183, 202, 247, 264, 265, 266, 267, 274, 279, 286, 310, 335, 337, 355, 376,
    ]);
    expect(errorsOf(items).every((e) => e.kind === 'directory')).toBe(true);
    // Each lost one directory byte; re-aligning recovers every field but the broken entry's, for a person to check.
    for (const e of errorsOf(items)) {
      expect(e.salvaged?.fields.map((f) => f.tag)).toContain('245');
      expect(e.salvaged!.fields.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('bad_leaders_10_11.mrc: the record is read with defaults, and the leader is reported', () => {
    const warnings: string[] = [];
    const items = read('bad_leaders_10_11.mrc', warnings);
    expect(errorsOf(items)).toEqual([]);
    expect((items[0] as MarcRecord).fields.length).toBeGreaterThan(10);
    expect(warnings.some((w) => w.startsWith('leader/10'))).toBe(true);
  });

  it('unordered-directory-entries.mrc: data out of directory order is still one good record', () => {
    const items = read('unordered-directory-entries.mrc');
    expect(errorsOf(items)).toEqual([]);
    expect((items[0] as MarcRecord).fields.map((f) => f.tag)).toContain('245');
  });

  it('streaming in small random chunks gives exactly what reading the whole buffer gives', async () => {
    for (const name of ['pymarc_bad_records.mrc', 'pride-and-prejudice-with-many-errors.mrc']) {
      const bytes = readFileSync(`${MARC_DIR}malformed/${name}`);
      const chunks: Buffer[] = [];
      for (let p = 0, k = 1; p < bytes.length; k = (k * 7 + 3) % 997) chunks.push(bytes.subarray(p, (p += 1 + k)));
      const streamed: ReadItem[] = [];
      for await (const it of readIso2709Stream(Readable.from(chunks))) streamed.push(it);
      expect(streamed).toEqual(readIso2709All(bytes));
    }
  });
});

/** Real records when the test data is there, else records made here, so the fuzz test always runs. */
function seeds(): Buffer[] {
  if (HAVE_TESTDATA) {
    const files = [
      'rusmarc/nlr_test2_cp1251.iso',
      'rusmarc/viniti_like_cp866.marc',
      'marc8/yaz_marc7_diacritics_marc8.mrc',
    ];
    const out = files.map((f) => readFileSync(MARC_DIR + f));
    out.push(readFileSync(`${MARC_DIR}marc21/pride-and-prejudice-fixed.mrc`).subarray(0, 3000));
    return out;
  }
  const rec: MarcRecord = {
    leader: '00000nam a2200000 a 4500',
    fields: [
      { tag: '001', value: 'x1' },
      dataField('245', '1', '0', [
        ['a', 'Заглавие :'],
        ['b', 'подзаголовок'],
      ]),
    ],
  };
  return [writeIso2709([rec, rec])];
}

describe('fuzzing real records', () => {
  const inputs = seeds();
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), value: fc.constant(0) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), value: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('special' as const),
      at: fc.nat(),
      value: fc.constantFrom(0x1d, 0x1e, 0x1f, 0x1b, 0x30, 0x39),
    }),
  );

  function mutate(src: Buffer, ms: { kind: string; at: number; value: number }[]): Buffer {
    let b = Buffer.from(src);
    for (const m of ms) {
      if (b.length === 0) break;
      const at = m.at % b.length;
      if (m.kind === 'flip' || m.kind === 'special') b[at] = m.value;
      else if (m.kind === 'truncate') b = b.subarray(0, at);
      else if (m.kind === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from([m.value]), b.subarray(at)]);
      else b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + m.value))]);
    }
    return b;
  }

  it(`yields only records and typed errors (${FUZZ_RUNS} runs)`, () => {
    fc.assert(
      fc.property(
        fc.nat({ max: inputs.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('auto' as const, ...MARC_ENCODINGS),
        (which, ms, encoding) => {
          const bytes = mutate(inputs[which]!, ms);
          const items = readIso2709All(bytes, { encoding, onWarning: () => {} });
          check(items, bytes);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  }, 600_000);

  it('damaged records convert to MARCXML as reading and writing them does (1/5 of the runs, async)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: inputs.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('utf-8' as const, 'cp1251' as const, 'cp866' as const),
        async (which, ms, encoding) => {
          const bytes = mutate(inputs[which]!, ms);
          // The file's format is told once, from its first records (leader/09 of MARC 21 says UTF-8),
          // also when damage makes one record look otherwise: the reference reads it so too.
          expect(await converted(bytes, encoding, 'nfc')).toEqual(throughModel(bytes, encoding, 'nfc'));
        },
      ),
      { numRuns: Math.max(50, Math.floor(FUZZ_RUNS / 5)) },
    );
  }, 600_000);

  it('streams damaged input without hanging (1/20 of the runs, async)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: inputs.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        async (which, ms, size) => {
          const bytes = mutate(inputs[which]!, ms);
          const chunks: Buffer[] = [];
          for (let p = 0; p < bytes.length; p += size) chunks.push(bytes.subarray(p, p + size));
          const items: ReadItem[] = [];
          for await (const it of readIso2709Stream(Readable.from(chunks), { maxRecordBytes: 100_000 })) items.push(it);
          check(items, bytes);
          expect(items).toEqual(readIso2709All(bytes));
        },
      ),
      { numRuns: Math.max(50, Math.floor(FUZZ_RUNS / 20)) },
    );
  }, 600_000);
});
