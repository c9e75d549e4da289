/** Exporting MARC: round trip through import, schema conversion, filters, MARCXML valid against MARC21slim.xsd. */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { eq, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { ZRecordCreate, ZSearchQuery } from '../catalog.schemas';
import { bibRecords } from '../catalog.tables';
import { addItem } from '../items.service';
import {
  controlField,
  dataField,
  getControlValue,
  getValue,
  readIso2709All,
  readMarcXmlString,
  writeIso2709,
  type MarcRecord,
} from '../marc';
import { createRecordFromForm } from '../records.service';
import { importMarc, type ImportOptions } from '../import/import.service';
import { exportMarc, type ExportOptions } from './export.service';

const XSD_DIR = fileURLToPath(new URL('../../../../shared/testdata/xsd/', import.meta.url));
const canValidate = existsSync(XSD_DIR) && spawnSync('xmllint', ['--version']).status === 0;

const BAD_LEADERS = fileURLToPath(
  new URL('../../../../shared/testdata/marc/malformed/bad_leaders_10_11.mrc', import.meta.url),
);

/** What xmllint says of the document against MARC21slim.xsd ("… validates" when it does); "validates" when xmllint is absent. */
function validateMarc21Slim(xml: string): string {
  if (!canValidate) {
    console.warn('MARCXML schema validation skipped: xmllint or ../shared/testdata/xsd is absent.');
    return 'validates (not checked)';
  }
  const file = join(mkdtempSync(join(tmpdir(), 'kp-export-')), 'out.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--nonet', '--noout', '--schema', join(XSD_DIR, 'MARC21slim.xsd'), file], {
    env: { ...process.env, XML_CATALOG_FILES: join(XSD_DIR, 'catalog.xml') },
    encoding: 'utf8',
  });
  return run.stderr;
}

async function exportToBuffer(db: Parameters<typeof exportMarc>[0], options: ExportOptions): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  await exportMarc(db, out, options);
  out.end();
  return Buffer.concat(chunks);
}

/**
 * Records as other systems export them, each with a control number and the agency behind it, in files
 * that say CP1251 and MARC-8 in 100 $a and the leader (their text is UTF-8 here): RUSMARC volumes of a
 * set (ИРБИС and NLR style: 801 $b, 461 with embedded 001 and 200), and a MARC 21 record numbered by one
 * agency (003) and catalogued by another (040 $a).
 */
function foreignFiles(tag: string) {
  const volume = (n: number): MarcRecord => ({
    leader: '00000nam2 2200000 i 450 ',
    fields: [
      controlField('001', `RU\\${tag}\\bibl\\${n}`),
      dataField('100', ' ', ' ', [['a', '19980716d1997    u  y0rusy0189    ca']]),
      dataField('101', '0', ' ', [['a', 'rus']]),
      dataField('200', '0', ' ', [['a', `Вып. ${n}`]]),
      dataField('210', ' ', ' ', [['d', '1997']]),
      dataField('461', ' ', '0', [
        ['1', `001RU\\${tag}\\bibl\\5996`],
        ['1', '2001 '],
        ['a', `Задачи и этюды ${tag}`],
        ['v', `Вып. ${n}`],
      ]),
      dataField('801', ' ', '0', [['a', 'RU'], ['b', `NLR-${tag}`], ['c', '19980716']]),
    ],
  });
  const copied: MarcRecord = {
    leader: '00000nam  2200000 a 4500',
    fields: [
      controlField('001', `ocm${tag}`),
      controlField('003', `OCoLC-${tag}`),
      controlField('008', '960101s1996    enk           000 1 eng d'),
      dataField('040', ' ', ' ', [['a', 'IEF'], ['c', 'IEF']]),
      dataField('245', '1', '0', [['a', `Pride and prejudice ${tag}`]]),
    ],
  };
  // writeIso2709 sets MARC 21 leader/09 to "a"; written as RUSMARC it keeps the blank such files have.
  return { rusmarc: writeIso2709([volume(21), volume(22)]), marc21: writeIso2709([copied], { format: 'rusmarc' }) };
}

const importOptions = (over: Partial<ImportOptions>): ImportOptions => ({
  container: 'auto',
  schema: 'auto',
  encoding: 'utf-8',
  match: 'isbn',
  library: null,
  ...over,
});

const titleOf = (r: MarcRecord, tag: string) =>
  r.fields.flatMap((f) => ('subfields' in f && f.tag === tag ? f.subfields.filter((s) => s.code === 'a').map((s) => s.value) : []))[0];

describeOnEachDatabase('MARC export', (ctx) => {
  async function catalogue() {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const marker = uniq('Экспорт ');
    const jamilya = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ title: `Джамиля ${marker}`, authors: ['Айтматов, Ч.'], year: 1958, place: 'Фрунзе', publisher: 'Кыргызмамбас', language: 'rus' }));
    const manas = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ format: 'marc21', title: `Манас ${marker}`, year: 1995, language: 'kir' }));
    await addItem(db, SYSTEM_ACTOR, jamilya.id, library, { libraryId: library.id, inventoryNumber: uniq('I'), barcode: uniq('B'), callNumber: '', location: '', price: null, currency: null, acquiredOn: null, status: 'available', notes: '' });
    return { library, marker, jamilya, manas };
  }

  it('writes ISO 2709 in either schema, converting records catalogued in the other one', async () => {
    const { marker } = await catalogue();
    const search = ZSearchQuery.parse({ q: marker });
    const rusmarc = readIso2709All(await exportToBuffer(ctx.database.db, { schema: 'rusmarc', container: 'iso2709', search })) as MarcRecord[];
    // MARC 21 ends 245 with a full stop; the crosswalk keeps final stops (they cannot be told from abbreviations).
    expect(rusmarc.map((r) => titleOf(r, '200')?.replace(/\.$/, '')).sort()).toEqual([`Джамиля ${marker}`, `Манас ${marker}`]);
    const marc21 = readIso2709All(await exportToBuffer(ctx.database.db, { schema: 'marc21', container: 'iso2709', search })) as MarcRecord[];
    expect(marc21.map((r) => titleOf(r, '245')?.replace(/[ ./:]+$/, '')).sort()).toEqual([`Джамиля ${marker}`, `Манас ${marker}`]);
  });

  it('exports one library’s holdings only, and re-importing the export creates nothing new', async () => {
    const { library, marker } = await catalogue();
    const file = await exportToBuffer(ctx.database.db, { schema: 'rusmarc', container: 'iso2709', libraryId: library.id });
    const records = readIso2709All(file) as MarcRecord[];
    expect(records.map((r) => titleOf(r, '200'))).toEqual([`Джамиля ${marker}`]);
    const again = await importMarc(ctx.database.db, SYSTEM_ACTOR, Readable.from([file]), { container: 'auto', schema: 'auto', encoding: 'auto', match: 'isbn', library: null });
    expect(again).toMatchObject({ read: 1, created: 0, matched: 1 });
  });

  it('writes MARCXML that MARC21slim.xsd accepts', async () => {
    const { marker } = await catalogue();
    const xml = (await exportToBuffer(ctx.database.db, { schema: 'marc21', container: 'marcxml', search: ZSearchQuery.parse({ q: marker }) })).toString('utf8');
    expect(readMarcXmlString(xml)).toHaveLength(2);
    expect(validateMarc21Slim(xml)).toContain('validates');
  });

  it.skipIf(!existsSync(BAD_LEADERS))(
    'writes control fields first in MARCXML, whatever order the imported record kept them in',
    async () => {
      const db = ctx.database.db;
      // Its 005 and 008 come after 020 and 035 in the file, and the catalogue keeps fields as imported.
      await importMarc(db, SYSTEM_ACTOR, Readable.from([readFileSync(BAD_LEADERS)]), {
        container: 'auto',
        schema: 'auto',
        encoding: 'auto',
        match: 'isbn',
        library: null,
      });
      const [stored] = await db
        .select({ id: bibRecords.id })
        .from(bibRecords)
        .where(eq(bibRecords.controlNumber, '2600772'));
      const xml = (
        await exportToBuffer(db, { schema: 'marc21', container: 'marcxml', recordIds: [stored!.id] })
      ).toString('utf8');
      const elements = [...xml.matchAll(/<(leader|controlfield|datafield)\b/g)].map((m) => m[1]);
      expect(elements.slice(0, 4)).toEqual(['leader', 'controlfield', 'controlfield', 'controlfield']);
      expect(elements.lastIndexOf('controlfield')).toBeLessThan(elements.indexOf('datafield'));
      expect(validateMarc21Slim(xml)).toContain('validates');
    },
  );

  it('serves the export over the API to staff only', async () => {
    const { marker } = await catalogue();
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const librarian = await buildStaff(db, 'librarian', 'network', network.id);
    const http = client(ctx.app, await login(ctx.app, librarian.login));
    const res = await http.get(`/api/v1/catalog/export?format=marcxml&schema=marc21&q=${encodeURIComponent(marker)}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('catalogue-marc21.xml');
    expect(readMarcXmlString(res.body)).toHaveLength(2);
    expect((await client(ctx.app).get('/api/v1/catalog/export')).statusCode).toBe(401);
  });

  it('exports the records chosen one by one, in the order chosen, and refuses a malformed choice', async () => {
    const { jamilya, manas } = await catalogue();
    const db = ctx.database.db;
    const http = client(ctx.app, await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', (await buildNetwork(db)).id)).login));
    const res = await http.get(`/api/v1/catalog/export?format=marcxml&schema=rusmarc&ids=${manas.id},${jamilya.id},${manas.id}&q=nothing-matches-this`);
    expect(res.statusCode, res.body).toBe(200);
    expect(readMarcXmlString(res.body).map((r) => ('fields' in r ? titleOf(r, '200') : r.reason))).toEqual([expect.stringContaining('Манас'), expect.stringContaining('Джамиля')]);
    expect((await http.get('/api/v1/catalog/export?ids=not-an-id')).statusCode).toBe(422);
    const tooMany = Array.from({ length: 301 }, () => randomUUID()).join(',');
    expect((await http.get(`/api/v1/catalog/export?ids=${tooMany}`)).statusCode).toBe(422);
  });

  /** Imports foreignFiles(tag) and gives the ids of its three records. */
  async function importForeign(tag: string): Promise<string[]> {
    const db = ctx.database.db;
    const { rusmarc, marc21 } = foreignFiles(tag);
    await importMarc(db, SYSTEM_ACTOR, Readable.from([rusmarc]), importOptions({ schema: 'rusmarc' }));
    await importMarc(db, SYSTEM_ACTOR, Readable.from([marc21]), importOptions({ schema: 'marc21' }));
    const rows = await db.select({ id: bibRecords.id }).from(bibRecords).where(like(bibRecords.controlNumber, `%${tag}%`));
    expect(rows).toHaveLength(3);
    return rows.map((r) => r.id);
  }

  it('says Unicode in every exported record, as the file is UTF-8, and leaves the stored records as they were', async () => {
    const db = ctx.database.db;
    const tag = uniq('T');
    const recordIds = await importForeign(tag);
    const rusmarc = readIso2709All(await exportToBuffer(db, { schema: 'rusmarc', container: 'iso2709', recordIds })) as MarcRecord[];
    // 100 $a/26-29: "50" ISO 10646 and two blanks, as the staff app writes it, not the file's "0189" (CP1251).
    expect(rusmarc.map((r) => getValue(r, '100', 'a')?.slice(26, 30))).toEqual(['50  ', '50  ', '50  ']);
    expect(rusmarc[0]!.leader.charAt(9)).toBe(' '); // undefined in RUSMARC: left alone
    for (const container of ['iso2709', 'marcxml'] as const) {
      const file = await exportToBuffer(db, { schema: 'marc21', container, recordIds });
      const records = (container === 'iso2709' ? readIso2709All(file) : readMarcXmlString(file.toString('utf8'))) as MarcRecord[];
      expect(records.map((r) => r.leader.charAt(9))).toEqual(['a', 'a', 'a']);
    }
    const stored = await db.select({ marc: bibRecords.marc, format: bibRecords.format }).from(bibRecords).where(like(bibRecords.controlNumber, `%${tag}%`));
    expect(stored.filter((r) => r.format === 'rusmarc').map((r) => getValue(r.marc, '100', 'a')?.slice(26, 30))).toEqual(['0189', '0189']);
    expect(stored.find((r) => r.format === 'marc21')!.marc.leader.charAt(9)).toBe(' ');
  });

  it('exports a volume of a set as MARC 21 with its set (773), as the catalogue titles it', async () => {
    const db = ctx.database.db;
    const tag = uniq('T');
    const recordIds = await importForeign(tag);
    const marc21 = readIso2709All(await exportToBuffer(db, { schema: 'marc21', container: 'iso2709', recordIds })) as MarcRecord[];
    const volume = marc21.find((r) => getValue(r, '245', 'a') === 'Вып. 22')!;
    expect(getValue(volume, '773', 't')).toBe(`Задачи и этюды ${tag}`);
    expect(getValue(volume, '773', 'g')).toBe('Вып. 22');
    expect(getValue(volume, '773', 'w')).toBe(`RU\\${tag}\\bibl\\5996`);
  });

  it('exports records so that importing the file into the same catalogue matches each one by its control number, in either schema', async () => {
    const db = ctx.database.db;
    const tag = uniq('T');
    const recordIds = await importForeign(tag);
    for (const schema of ['marc21', 'rusmarc'] as const) {
      const file = await exportToBuffer(db, { schema, container: 'iso2709', recordIds });
      if (schema === 'marc21') {
        // The agency behind 001 (RUSMARC 801 $b) is MARC 21 003.
        const records = readIso2709All(file) as MarcRecord[];
        expect(records.map((r) => getControlValue(r, '003')).sort()).toEqual([`NLR-${tag}`, `NLR-${tag}`, `OCoLC-${tag}`]);
      }
      // By control number and source alone: no ISBN or title to fall back on.
      const again = await importMarc(db, SYSTEM_ACTOR, Readable.from([file]), importOptions({ schema, match: 'control-number' }));
      expect(again, schema).toMatchObject({ read: 3, created: 0, matched: 3 });
      // And as imports run by default (matching by ISBN and title too).
      expect(await importMarc(db, SYSTEM_ACTOR, Readable.from([file]), importOptions({ schema }))).toMatchObject({ read: 3, created: 0, matched: 3 });
    }
    const rows = await db.select({ id: bibRecords.id }).from(bibRecords).where(like(bibRecords.controlNumber, `%${tag}%`));
    expect(rows.map((r) => r.id).sort()).toEqual([...recordIds].sort());
  });
});
