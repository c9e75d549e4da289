/** Exporting MARC: round trip through import, schema conversion, filters, MARCXML valid against MARC21slim.xsd. */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { ZRecordCreate, ZSearchQuery } from '../catalog.schemas';
import { bibRecords } from '../catalog.tables';
import { addItem } from '../items.service';
import { readIso2709All, readMarcXmlString, type MarcRecord } from '../marc';
import { createRecordFromForm } from '../records.service';
import { importMarc } from '../import/import.service';
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
});
