// MarcView: a record checked and located without decoding. Reading it field by field, value by value or
// whole gives what the record model holds; it reports at once every warning that decoding its fields
// would find; a stream's views are valid until the next, and detached ones for good.

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARC_ENCODINGS, type MarcEncoding } from './charsets';
import { MarcParseError } from './errors';
import { RecordText } from './iso2709-fields';
import { readIso2709All, readIso2709ViewStream, readIso2709Views, type ReadOptions } from './iso2709-reader';
import { MarcView } from './iso2709-view';
import { writeIso2709 } from './iso2709-writer';
import { dataField, getValue, type MarcRecord } from './record';
import { FILES, HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from './test-support';

const FUZZ_RUNS = Number(process.env.MARC_FUZZ_RUNS ?? 10_000);

/** Checks each view against the record the model reader gives for the same bytes. */
function expectViewsMatchModel(bytes: Uint8Array, options: ReadOptions = {}): void {
  const modelWarnings: string[] = [];
  const viewWarnings: string[] = [];
  const model = readIso2709All(bytes, { ...options, onWarning: (w) => modelWarnings.push(`${w.index}: ${w.message}`) });
  const views = [...readIso2709Views(bytes, { ...options, onWarning: (w) => viewWarnings.push(`${w.index}: ${w.message}`) })];
  expect(viewWarnings).toEqual(modelWarnings);
  expect(views.length).toBe(model.length);
  views.forEach((view, i) => {
    const record = model[i]!;
    if (view instanceof MarcParseError || record instanceof MarcParseError) {
      expect(view).toEqual(record);
      return;
    }
    expect(view.leader).toBe(record.leader);
    expect(view.size).toBe(record.fields.length);
    record.fields.forEach((f, k) => {
      expect(view.tag(k)).toBe(f.tag);
      expect(view.field(k)).toEqual(f);
    });
    for (const tag of new Set(record.fields.map((f) => f.tag))) {
      expect(view.fieldsTagged(tag)).toEqual(record.fields.filter((f) => f.tag === tag));
      for (const code of [undefined, 'a', 'b', 'z', '']) expect(view.value(tag, code)).toBe(getValue(record, tag, code));
    }
    expect(view.find('999') < 0).toBe(!record.fields.some((f) => f.tag === '999'));
    expect(view.toRecord()).toEqual(record);
  });
}

/**
 * The warnings about text before a field's first subfield that decoding every field finds (the ground
 * truth a view must report without decoding), and the ones the view reported.
 */
function leadTextWarnings(bytes: Uint8Array, encoding: MarcEncoding): { found: string[]; reported: string[] } {
  const reported: string[] = [];
  const found: string[] = [];
  const views = readIso2709Views(bytes, {
    encoding,
    onWarning: (w) => w.message.includes('before its first subfield') && reported.push(`${w.index}: ${w.message}`),
  });
  for (const view of views) {
    if (!(view instanceof MarcView)) continue;
    const indicators = view.leader.charCodeAt(10) - 0x30;
    const text = new RecordText(view.bytes, view.start, view.end - 1, encoding, true);
    const warnings: string[] = [];
    for (let k = 0; k < view.size; k++) {
      text.field(view.tag(k), view.fieldStart(k), view.fieldEnd(k), indicators >= 0 && indicators <= 9 ? indicators : 2, warnings);
    }
    found.push(...warnings.map((m) => `${view.index}: ${m}`));
  }
  return { found, reported };
}

describe.skipIf(!HAVE_TESTDATA)(`views of the test files (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`, () => {
  for (const file of [...FILES.map((f) => f.path), 'malformed/pride-and-prejudice-with-many-errors.mrc', 'malformed/pymarc_bad_records.mrc', 'malformed/bad_leaders_10_11.mrc']) {
    it(`${file}: every view reads as the record model`, () => {
      const bytes = readFileSync(MARC_DIR + file);
      expectViewsMatchModel(bytes);
      expectViewsMatchModel(bytes, { normalize: 'none' });
    });
  }

  it('urait_utf8.iso: the text before 610\'s first subfield is reported while parsing, before any value is read', () => {
    const bytes = readFileSync(`${MARC_DIR}rusmarc/urait_utf8.iso`);
    const warnings: string[] = [];
    const [view] = readIso2709Views(bytes, { onWarning: (w) => warnings.push(w.message) });
    expect(warnings.some((w) => w.startsWith('field 610 has'))).toBe(true);
    expect(leadTextWarnings(bytes, 'utf-8').reported).toEqual(leadTextWarnings(bytes, 'utf-8').found);
    expect(view).toBeInstanceOf(MarcView);
  });

  it('views from a stream in small chunks: each read before the next, or detached and read at the end', async () => {
    const bytes = readFileSync(`${MARC_DIR}marc21/pride-and-prejudice-fixed.mrc`);
    const chunks: Buffer[] = [];
    for (let p = 0, k = 1; p < bytes.length; k = (k * 7 + 3) % 997) chunks.push(bytes.subarray(p, (p += 1 + k)));
    const atOnce: MarcRecord[] = [];
    const kept: MarcView[] = [];
    for await (const view of readIso2709ViewStream(Readable.from(chunks))) {
      if (!(view instanceof MarcView)) throw view;
      atOnce.push(view.toRecord());
      kept.push(view.detach());
    }
    const model = readIso2709All(bytes);
    expect(atOnce).toEqual(model);
    expect(kept.map((v) => v.toRecord())).toEqual(model);
    expect(kept.map((v) => v.index)).toEqual(model.map((_, i) => i));
    expect(kept.every((v, i) => i === 0 || v.offset > kept[i - 1]!.offset)).toBe(true);
  });
});

describe('MarcView.value', () => {
  it('answers as getValue where one tag is both a control and a data field (indicator count 0)', () => {
    // Written by hand: the writer always writes two indicators.
    const data = [Buffer.from('Без подполей\x1e'), Buffer.from('\x1faЗаглавие\x1e')];
    let directory = '';
    for (let i = 0, at = 0; i < data.length; at += data[i]!.length, i++) directory += `200${String(data[i]!.length).padStart(4, '0')}${String(at).padStart(5, '0')}`;
    const base = 24 + directory.length + 1;
    const length = base + data[0]!.length + data[1]!.length + 1;
    const leader = `${String(length).padStart(5, '0')}nam0 00${String(base).padStart(5, '0')}   450 `;
    const bytes = Buffer.concat([Buffer.from(`${leader}${directory}\x1e`), ...data, Buffer.from('\x1d')]);
    const [view] = readIso2709Views(bytes, { encoding: 'utf-8' });
    const [record] = readIso2709All(bytes, { encoding: 'utf-8' }) as MarcRecord[];
    if (!(view instanceof MarcView)) throw new Error('not read');
    expect(record!.fields.map((f) => 'subfields' in f)).toEqual([false, true]);
    for (const code of [undefined, 'a']) expect(view.value('200', code)).toBe(getValue(record!, '200', code));
    expect(view.fieldsTagged('200')).toEqual(record!.fields);
  });
});

describe('lead text warnings without decoding', () => {
  // MARC-8: an escape sequence in the indicators swallows the delimiter after them, so decoding finds text
  // before the first subfield although a delimiter sits right after the indicators' bytes.
  const marc8 = (ind: string) =>
    writeIso2709([{ leader: '00000nam a2200000 a 4500', fields: [dataField('245', ' ', ' ', [['a', 'Title']])] }]).toString('latin1').replace('  \x1faTitle', `${ind}\x1faTitle`);

  it('are the ones decoding finds, escape sequences in MARC-8 indicators included', () => {
    for (const ind of ['\x1b$', '1\x1b', '10']) {
      const bytes = Buffer.from(marc8(ind), 'latin1');
      const { found, reported } = leadTextWarnings(bytes, 'marc-8');
      expect(reported).toEqual(found);
      expect(found.length).toBe(ind === '\x1b$' ? 1 : 0);
      expectViewsMatchModel(bytes, { encoding: 'marc-8' });
    }
  });

  it('are the ones decoding finds in randomly damaged records', () => {
    const seed = writeIso2709([
      {
        leader: '00000nam a2200000 a 4500',
        fields: [
          { tag: '001', value: 'x1' },
          dataField('245', '1', '0', [['a', 'Заглавие :'], ['b', 'подзаголовок / ']]),
          dataField('610', ' ', ' ', [['a', 'өнөр'], ['a', 'e\u0301cole']]),
        ],
      },
    ]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), value: fc.constantFrom(0x1f, 0x1e, 0x1b, 0x20, 0x41, 0xd0, 0x80, 0x30) }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...MARC_ENCODINGS),
        (flips, encoding) => {
          const bytes = Buffer.from(seed);
          for (const f of flips) bytes[f.at % bytes.length] = f.value;
          const { found, reported } = leadTextWarnings(bytes, encoding);
          expect(reported).toEqual(found);
          expectViewsMatchModel(bytes, { encoding });
        },
      ),
      { numRuns: Math.max(200, Math.floor(FUZZ_RUNS / 5)) },
    );
  });
});
