// MARCXML reading (RUSMARC in the slim namespace, records inside other XML, broken XML) and writing
// (escaping, characters XML 1.0 forbids, streaming with back-pressure).

import { readFileSync } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MarcParseError } from './errors';
import { readMarcXml, readMarcXmlString, type MarcXmlItem } from './marcxml-reader';
import { recordToMarcXml, toMarcXml, writeMarcXml, type XmlDropReport } from './marcxml-writer';
import { dataField, getValue, type MarcRecord } from './record';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from './test-support';

const sample: MarcRecord = {
  leader: '00000nam a2200000 a 4500',
  fields: [
    { tag: '001', value: 'kp-1' },
    dataField('245', '1', '0', [
      ['a', 'Кыргыз тили & <адабият> "ӨНӨР" :'],
      ['b', 'окуу китеби'],
    ]),
    dataField('500', ' ', ' ', [['a', 'bad\u0001char\uFFFEhere \u{1F600}']]),
  ],
};

describe('MARCXML writer', () => {
  it('escapes markup and drops characters XML 1.0 cannot hold, reporting each', () => {
    const drops: XmlDropReport[] = [];
    const xml = toMarcXml([sample], { onDrop: (d) => drops.push(d) });
    expect(xml).toContain('Кыргыз тили &amp; &lt;адабият&gt; &quot;ӨНӨР&quot; :');
    expect(xml).toContain('badcharhere \u{1F600}');
    expect(drops.map((d) => d.detail)).toEqual(['U+0001', 'U+FFFE']);
    expect(drops[0]).toMatchObject({ record: 0, tag: '500', code: 'a', what: 'character' });
    const [back] = readMarcXmlString(xml) as MarcRecord[];
    expect(getValue(back!, '245', 'a')).toBe('Кыргыз тили & <адабият> "ӨНӨР" :');
  });

  it('streams head, records and tail through a writable', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    const many = Array.from({ length: 500 }, (_, i) => ({ ...sample, fields: [{ tag: '001', value: `kp-${i}` }] }));
    const n = await writeMarcXml(Readable.from(many), out);
    out.end();
    expect(n).toBe(500);
    const xml = chunks.join('');
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<collection xmlns="http://www.loc.gov/MARC21/slim">'),
    ).toBe(true);
    expect(xml.endsWith('</collection>\n')).toBe(true);
    expect(readMarcXmlString(xml)).toHaveLength(500);
  });

  it('writes one record without a declaration for embedding (OAI-PMH, SRU)', () => {
    expect(recordToMarcXml(sample, { pretty: false })).toMatch(/^<record><leader>/);
  });
});

describe('MARCXML reader', () => {
  it('finds MARC records inside another namespace and with a prefix', () => {
    const xml = `<?xml version="1.0"?>
      <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><record><metadata>
        <marc:record xmlns:marc="http://www.loc.gov/MARC21/slim"><marc:leader>00000nam a2200000 a 4500</marc:leader>
          <marc:datafield tag="245" ind1="1" ind2="0"><marc:subfield code="a">Title</marc:subfield></marc:datafield>
        </marc:record></metadata></record></OAI-PMH>`;
    const items = readMarcXmlString(xml);
    expect(items).toHaveLength(1);
    expect(getValue(items[0] as MarcRecord, '245', 'a')).toBe('Title');
  });

  it('reports broken XML as one typed error after the good records', async () => {
    const xml = `<collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>x</leader></record><record><leader>y</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">A & B</subfield></datafield></record></collection>`;
    const items: MarcXmlItem[] = [];
    for await (const it of readMarcXml(Readable.from([xml.slice(0, 40), xml.slice(40)]))) items.push(it);
    expect(items).toHaveLength(2);
    expect(items[1]).toBeInstanceOf(MarcParseError);
    expect((items[1] as MarcParseError).kind).toBe('xml');
    expect((items[1] as MarcParseError).index).toBe(1);
  });

  it.skipIf(!HAVE_TESTDATA)(
    `reads RUSMARC in MARCXML: 12 records (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`,
    async () => {
      const path = `${MARC_DIR}rusmarc/rusmarc_marcxml_utf8.xml`;
      const whole = readMarcXmlString(readFileSync(path, 'utf8'));
      expect(whole).toHaveLength(12);
      expect(whole.every((r) => !(r instanceof MarcParseError))).toBe(true);
      const r0 = whole[0] as MarcRecord;
      expect(r0.leader).toBe('01947nam0 2200361 i 450 ');
      expect(getValue(r0, '010', 'b')).toBe('АСТ (С.:ПС)');
      const bytes = readFileSync(path);
      const streamed: MarcXmlItem[] = [];
      const chunks: Buffer[] = [];
      for (let p = 0; p < bytes.length; p += 333) chunks.push(bytes.subarray(p, p + 333)); // splits UTF-8 sequences
      for await (const it of readMarcXml(Readable.from(chunks))) streamed.push(it);
      expect(streamed).toEqual(whole);
      expect(readMarcXmlString(toMarcXml(whole as MarcRecord[]))).toEqual(whole);
    },
  );
});
