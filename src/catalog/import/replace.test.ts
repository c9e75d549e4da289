/**
 * Mending an import read in a wrong encoding: the import says the bytes read better in another one, and
 * importing the file again with `replace` gives the matched records the file's content, search included.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR, auditLog } from '../../audit';
import { describeOnEachDatabase } from '../../test/harness';
import { ZSearchQuery } from '../catalog.schemas';
import { bibRecords } from '../catalog.tables';
import type { EncodingOption } from '../marc';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from '../marc/test-support';
import { searchCatalog } from '../search.service';
import { importMarc } from './import.service';

describeOnEachDatabase(`replacing matched records (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`, (ctx) => {
  it.skipIf(!HAVE_TESTDATA)('a CP1251 file imported as UTF-8 is flagged, and mended by importing it again with replace', async () => {
    const db = ctx.database.db;
    const bytes = readFileSync(`${MARC_DIR}rusmarc/nlr_test2_cp1251.iso`);
    const run = (encoding: EncodingOption, replace?: boolean) =>
      importMarc(db, SYSTEM_ACTOR, Readable.from([bytes]), { container: 'auto', schema: 'auto', encoding, match: 'isbn', library: null, replace });
    const title = async () =>
      (await db.select({ title: bibRecords.title }).from(bibRecords).where(eq(bibRecords.controlNumber, 'RU\\NLR\\bibl\\64495')))[0]!.title;
    const found = async (q: string) => (await searchCatalog(db, ZSearchQuery.parse({ q }))).total;

    const wrong = await run('utf-8');
    expect(wrong).toMatchObject({ created: 1, encoding: 'utf-8', encodingDetected: 'cp1251' });
    expect(wrong.replaced).toBeUndefined();
    expect(await title()).not.toContain('Светильник');

    // Imported again as detected, without replace: matched, left as it was.
    const again = await run('auto');
    expect(again).toMatchObject({ created: 0, matched: 1, encoding: 'cp1251' });
    expect(again.encodingDetected).toBeUndefined();
    expect(await title()).not.toContain('Светильник');

    // Replacing with the wrong encoding again would garble the record beyond repair: refused, nothing written.
    await expect(run('utf-8', true)).rejects.toThrow('выбрана кодировка UTF-8, но байты файла читаются как CP1251');

    const mended = await run('auto', true);
    expect(mended).toMatchObject({ created: 0, matched: 1, replaced: 1 });
    expect(await title()).toBe('Светильник Сибири');
    expect(await found('светильник сибири')).toBe(1);
    const [entry] = await db
      .select({ before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(sql`${auditLog.action} = 'catalog.import_batch'`)
      .orderBy(sql`${auditLog.at} desc`)
      .limit(1);
    expect((entry!.after as { replaced: unknown[] }).replaced).toHaveLength(1);
    // What the record held before (the garbled text), so the replacement can be looked at and undone.
    const before = (entry!.before as { replaced: { format: string; marc: { fields: { tag: string }[] } }[] }).replaced;
    expect(before).toHaveLength(1);
    expect(before[0]!.format).toBe('rusmarc');
    expect(JSON.stringify(before[0]!.marc)).not.toContain('Светильник');
    expect(before[0]!.marc.fields.some((f) => f.tag === '200')).toBe(true);

    // A second run with replace finds the content already the file's: replaced again, nothing created.
    expect(await run('auto', true)).toMatchObject({ created: 0, matched: 1, replaced: 1 });
  });
});
