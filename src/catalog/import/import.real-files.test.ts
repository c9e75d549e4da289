/** Importing real third-party exports: ИРБИС and NLR RUSMARC in CP1251, MARC 21 with items, MARCXML, a damaged file. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { buildLibrary, buildNetwork } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { bibRecords } from '../catalog.tables';
import { importMarc } from './import.service';
import { chunksOf, importOptions } from './import.test-support';

const TESTDATA = fileURLToPath(new URL('../../../../shared/testdata/marc/', import.meta.url));
const hasTestdata = existsSync(TESTDATA);
if (!hasTestdata) console.warn(`MARC import tests on real files skipped: ${TESTDATA} is absent.`);


describeOnEachDatabase(`MARC import of real exports (${hasTestdata ? 'testdata found' : 'testdata absent: skipped'})`, (ctx) => {
  const options = importOptions;

  it.skipIf(!hasTestdata)('imports the National Library of Russia CP1251 file (data area out of directory order)', async () => {
    const db = ctx.database.db;
    const file = readFileSync(`${TESTDATA}rusmarc/nlr_test1_cp1251.iso`);
    const checkpoints: number[] = [];
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ batchSize: 20, onCommitted: (next) => void checkpoints.push(next) }));
    expect(summary).toMatchObject({ read: 81, rejected: 0, schema: 'rusmarc', encoding: 'cp1251' });
    expect(summary.created + summary.matched).toBe(81);
    expect(checkpoints.at(-1)).toBe(81);
    const titles = await db.select({ title: bibRecords.title }).from(bibRecords).where(eq(bibRecords.controlSource, 'NLR')).limit(200);
    expect(titles.some((t) => /[А-Яа-я]/.test(t.title))).toBe(true);
  });

  it.skipIf(!hasTestdata)('imports MARC 21 with 876 items, and MARCXML', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const marc21 = await importMarc(db, SYSTEM_ACTOR, chunksOf(readFileSync(`${TESTDATA}marc21/pride-and-prejudice-fixed.mrc`)), options({ library, batchSize: 100 }));
    expect(marc21).toMatchObject({ read: 383, schema: 'marc21' });
    expect(marc21.created + marc21.matched + marc21.rejected).toBe(383);
    expect(marc21.items.created).toBeGreaterThan(0);
    const xml = await importMarc(db, SYSTEM_ACTOR, chunksOf(readFileSync(`${TESTDATA}rusmarc/rusmarc_marcxml_utf8.xml`)), options());
    expect(xml).toMatchObject({ read: 12, schema: 'rusmarc' });
    expect(xml.created + xml.matched + xml.rejected).toBe(12);
  });

  it.skipIf(!hasTestdata)('reads the UNIMARC (CMARC) records of a MARC 21 file in their own schema, unless the schema is chosen', async () => {
    const db = ctx.database.db;
    const file = readFileSync(`${TESTDATA}marc21/pride-and-prejudice-fixed.mrc`);
    const chosen = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ schema: 'marc21', batchSize: 100 }));
    const told = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ batchSize: 100 }));
    // 17 Chinese records (200 $a, 700, 210 $d) that MARC 21 reading refuses for want of a 245; read in
    // their own schema every record of the file is usable (two of the 17 are the same book as another).
    expect(chosen.rejected).toBe(17);
    expect(told).toMatchObject({ read: 383, schema: 'marc21', rejected: 0 });
    const own = await db
      .select({ title: bibRecords.title, year: bibRecords.year })
      .from(bibRecords)
      .where(sql`${bibRecords.format} = 'rusmarc' and ${bibRecords.language} = 'chi'`);
    expect(own).toHaveLength(15);
    expect(own).toContainEqual({ title: '傲慢與偏見', year: 1999 });
  });

  it.skipIf(!hasTestdata)('keeps apart the editions of one year that carry different ISBNs', async () => {
    const db = ctx.database.db;
    // Thirteen 1996 editions of "Sense and sensibility" by different publishers, one of them twice.
    const summary = await importMarc(
      db,
      SYSTEM_ACTOR,
      chunksOf(readFileSync(`${TESTDATA}malformed/pride-and-prejudice-with-many-errors.mrc`)),
      options({ batchSize: 50 }),
    );
    expect(summary.created + summary.matched + summary.rejected).toBe(summary.read);
    const holding = async (isbn: string) =>
      (
        await db
          .select({ id: bibRecords.id })
          .from(bibRecords)
          .where(sql`${bibRecords.isbns} && ${`{${isbn}}`}::text[]`)
      ).map((r) => r.id);
    const puffin = await holding('0140378502');
    const audiobook = await holding('0140862455');
    const signet = await holding('0451525892');
    const dover = await holding('0486290492');
    expect(new Set([...puffin, ...audiobook, ...signet, ...dover]).size).toBe(4);
    // The Barnes & Noble record appears twice in the file: one record.
    expect(await holding('0760700435')).toHaveLength(1);
  });

  it.skipIf(!hasTestdata)('imports the good records of a broken file and reports each bad one with its index and offset', async () => {
    const db = ctx.database.db;
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(readFileSync(`${TESTDATA}malformed/pride-and-prejudice-with-many-errors.mrc`)), options({ batchSize: 50 }));
    expect(summary.rejected).toBeGreaterThan(0);
    // The file reads as MARC-8; its Polish records are UTF-8 and read so ("przeł."), and the summary says how many.
    expect(summary).toMatchObject({ encoding: 'marc-8', utf8Records: 8 });
    const polish = await db.select({ title: bibRecords.title }).from(bibRecords).where(sql`${bibRecords.title} like 'Rozwa%'`);
    expect(polish.map((r) => r.title)).toContain('Rozważna i romantyczna');
    expect(summary.created + summary.matched + summary.rejected).toBe(summary.read);
    for (const error of summary.errors.filter((e) => e.offset >= 0)) {
      expect(error.index).toBeGreaterThanOrEqual(0);
      // Said in the importing person's language; what the reader found is kept for an expert.
      expect(error.reason).toMatch(/[а-яё]{4}/i);
      expect(error.detail?.length).toBeGreaterThan(3);
    }
    const kyrgyz = await importMarc(db, SYSTEM_ACTOR, chunksOf(readFileSync(`${TESTDATA}malformed/pride-and-prejudice-with-many-errors.mrc`)), options({ language: 'ky' }));
    expect(kyrgyz.errors.find((e) => e.offset >= 0)?.reason).toMatch(/[өүң]|жазуу/i);
  });
});
