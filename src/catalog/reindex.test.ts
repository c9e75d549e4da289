/**
 * `kitepkana reindex`: records saved before an upgrade get the derived columns the upgrade brings (here:
 * full forenames in the search text, and an ISBN written with a Cyrillic "х"), and a second run changes nothing.
 */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog } from '../audit';
import { SYSTEM_ACTOR } from '../audit';
import { describeOnEachDatabase } from '../test/harness';
import { bibRecords } from './catalog.tables';
import { ZRecordCreate, ZSearchQuery } from './catalog.schemas';
import { reindexCommand } from './reindex.cli';
import { reindexRecords } from './reindex.service';
import { createRecordFromForm } from './records.service';
import { searchCatalog } from './search.service';

describeOnEachDatabase('recomputing the records’ derived columns', (ctx) => {
  it('brings records saved before an upgrade up to date, once, without touching their MARC or their date', async () => {
    const db = ctx.database.db;
    const record = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ title: 'Записки охотника', authors: ['Тургенев, Иван Сергеевич'], year: 1852, isbns: ['5-900776-31-х'] }));
    const found = async (q: string) => (await searchCatalog(db, ZSearchQuery.parse({ q }))).items.map((h) => h.id);
    expect(await found('иван тургенев')).toEqual([record.id]);
    // What an older version stored: initials only in the search text, the ISBN cut at the Cyrillic х.
    await db.update(bibRecords).set({ searchAuthors: 'Тургенев, И. С.', isbns: ['590077631'] }).where(eq(bibRecords.id, record.id));
    expect(await found('иван тургенев')).toEqual([]);
    const [before] = await db.select().from(bibRecords).where(eq(bibRecords.id, record.id));

    const progress: number[] = [];
    const first = await reindexRecords(db, SYSTEM_ACTOR, (done) => progress.push(done));
    expect(first.changed).toBeGreaterThanOrEqual(1);
    expect(progress.at(-1)).toBe(first.records);
    expect(await found('иван тургенев')).toEqual([record.id]);
    expect(await found('5-900776-31-X')).toEqual([record.id]);
    const [after] = await db.select().from(bibRecords).where(eq(bibRecords.id, record.id));
    expect(after!.marc).toEqual(before!.marc);
    expect(after!.updatedAt).toEqual(before!.updatedAt);

    expect((await reindexRecords(db, SYSTEM_ACTOR)).changed).toBe(0);
    const runs = await db.select().from(auditLog).where(sql`${auditLog.action} = 'catalog.reindex'`);
    expect(runs.map((r) => r.summary)).toContain(`0 of ${first.records} records`);
  });

  it('answers --help and refuses arguments it does not take', async () => {
    expect(await reindexCommand.run(['--help'])).toBe(0);
    expect(await reindexCommand.run(['everything'])).toBe(2);
    expect(await reindexCommand.run(['--all'])).toBe(2);
  });
});
