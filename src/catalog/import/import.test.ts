/** Importing MARC files: holdings into copies, idempotence, matching, broken records, resuming (real exports: import.real-files.test.ts). */
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, SYSTEM_ACTOR } from '../../audit';
import { rowsOf } from '../../app/db';
import { buildLibrary, buildNetwork } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { bibRecords, bibSearch, items } from '../catalog.tables';
import { controlField, dataField, writeIso2709, type MarcRecord } from '../marc';
import { deleteRecord, findRecord } from '../records.service';
import { importMarc } from './import.service';
import { chunksOf, importOptions } from './import.test-support';



/** A RUSMARC record with ИРБИС exemplar fields (910), as a branch's export would carry them. */
function branchRecord(n: number, copies: { inventory: string; barcode?: string }[], prefix = 'KEM'): MarcRecord {
  return {
    leader: '00000nam0 2200000   450 ',
    fields: [
      controlField('001', `${prefix}-${n}`),
      dataField('101', '0', ' ', [['a', 'rus']]),
      dataField('200', '1', ' ', [['a', `Повесть номер ${n}`], ['f', 'Ч. Айтматов']]),
      dataField('210', ' ', ' ', [['a', 'Бишкек'], ['c', 'Кыргызстан'], ['d', String(1980 + n)]]),
      dataField('700', ' ', '1', [['a', 'Айтматов'], ['b', 'Ч.']]),
      dataField('801', ' ', '0', [['a', 'KG'], ['b', 'KEMIN']]),
      ...copies.map((c) =>
        dataField('910', ' ', ' ', [['a', '0'], ['b', c.inventory], ...(c.barcode ? [['h', c.barcode] as [string, string]] : []), ['e', '120,50'], ['c', '20230115']]),
      ),
    ],
  };
}

describeOnEachDatabase('MARC import', (ctx) => {
  const options = importOptions;

  it('creates records and copies, and a second import of the same file creates nothing', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const file = writeIso2709([
      branchRecord(1, [{ inventory: '1001', barcode: '000111' }, { inventory: '1002' }]),
      branchRecord(2, [{ inventory: '1003' }]),
      branchRecord(3, []),
    ]);
    const first = await importMarc(db, SYSTEM_ACTOR, chunksOf(file, 100), options({ library }));
    expect(first).toMatchObject({ read: 3, created: 3, matched: 0, rejected: 0, items: { created: 3, existing: 0 }, schema: 'rusmarc' });
    const again = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ library }));
    expect(again).toMatchObject({ read: 3, created: 0, matched: 3, rejected: 0, items: { created: 0, existing: 3 } });
    const copies = await db.select().from(items).where(eq(items.libraryId, library.id));
    expect(copies.map((c) => c.barcode).sort()).toEqual(['000111', `${library.code}-1002`, `${library.code}-1003`]);
    expect(copies.find((c) => c.inventoryNumber === '1001')).toMatchObject({ price: 120.5, acquiredOn: '2023-01-15', currency: 'KGS' });
  });

  it('writes the same search rows as the triggers do for records saved one at a time', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const other = await buildLibrary(db, network.id);
    const records = [201, 202, 203, 204, 205].map((n) => branchRecord(n, n === 205 ? [] : [{ inventory: `S${n}-1` }, { inventory: `S${n}-2` }], 'BULKROWS'));
    await importMarc(db, SYSTEM_ACTOR, chunksOf(writeIso2709(records)), options({ library, batchSize: 3 }));
    // Record 201 is matched by the next file and gets a copy in another library: its row gains that library.
    await importMarc(db, SYSTEM_ACTOR, chunksOf(writeIso2709([branchRecord(201, [{ inventory: 'S201-3' }], 'BULKROWS')])), options({ library: other }));
    const rows = () =>
      db.execute(sql`
        select s.*, s.vector::text as vector, s.title_vector::text as title_vector from ${bibSearch} s join ${bibRecords} r on r.id = s.record_id
        where r.control_number like 'BULKROWS-%' order by r.control_number`);
    const bulk = rowsOf<Record<string, unknown>>(await rows());
    expect(bulk).toHaveLength(5);
    expect(bulk[0]!.library_ids).toHaveLength(2);
    expect(bulk[4]!.library_ids).toEqual([]);
    // The title vector holds the words of the title analysed both ways, as a title search asks them.
    const titles = await db.execute(sql`
      select tsvector_to_array(s.title_vector) as stored, tsvector_to_array(kp_title_vector(r.search_title)) as analysed
      from ${bibSearch} s join ${bibRecords} r on r.id = s.record_id where r.control_number like 'BULKROWS-%'`);
    for (const { stored, analysed } of rowsOf<{ stored: string[]; analysed: string[] }>(titles)) {
      expect(stored.length).toBeGreaterThan(0);
      expect(stored).toEqual(analysed);
    }
    // The same records, their rows dropped and derived again by the triggers of an ordinary edit.
    await db.transaction(async (tx) => {
      await tx.execute(sql`delete from ${bibSearch} s using ${bibRecords} r where r.id = s.record_id and r.control_number like 'BULKROWS-%'`);
      await tx.execute(sql`update ${bibRecords} set updated_at = updated_at where control_number like 'BULKROWS-%'`);
    });
    expect(rowsOf<Record<string, unknown>>(await rows())).toEqual(bulk);
  });

  it('brings a deleted record back when its file is imported again, once', async () => {
    const db = ctx.database.db;
    const file = writeIso2709([branchRecord(1, [], 'REVIVE'), branchRecord(2, [], 'REVIVE')]);
    const byControlNumber = options({ match: 'control-number' });
    await importMarc(db, SYSTEM_ACTOR, chunksOf(file), byControlNumber);
    const [gone] = await db.select().from(bibRecords).where(eq(bibRecords.controlNumber, 'REVIVE-1'));
    await deleteRecord(db, SYSTEM_ACTOR, (await findRecord(db, gone!.id))!);
    expect(await db.select().from(bibSearch).where(eq(bibSearch.recordId, gone!.id))).toHaveLength(0);

    const again = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), byControlNumber);
    expect(again).toMatchObject({ read: 2, created: 1, matched: 1, rejected: 0 });
    const [back] = await db.select().from(bibRecords).where(eq(bibRecords.controlNumber, 'REVIVE-1'));
    expect(back).toMatchObject({ id: gone!.id, isDeleted: false, deletedAt: null, title: 'Повесть номер 1' });
    expect(await db.select().from(bibSearch).where(eq(bibSearch.recordId, gone!.id))).toHaveLength(1);
    expect(await importMarc(db, SYSTEM_ACTOR, chunksOf(file), byControlNumber)).toMatchObject({ created: 0, matched: 2 });
  });

  it('resumes after the last committed batch', async () => {
    const db = ctx.database.db;
    const records = Array.from({ length: 20 }, (_, i) => branchRecord(100 + i, [], 'RESUME'));
    const file = writeIso2709(records);
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ resumeFrom: 14 }));
    expect(summary).toMatchObject({ read: 6, created: 6 });
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(bibRecords).where(sql`${bibRecords.controlNumber} like 'RESUME-%'`);
    expect(row!.n).toBe(6);
  });

  it('keeps a batch when the database refuses one of its records, and names the batch\'s records in one audit entry', async () => {
    const db = ctx.database.db;
    const bad = branchRecord(702, [], 'NUL');
    // A NUL character: fine in MARC, refused by PostgreSQL in text.
    bad.fields = bad.fields.map((f) => (f.tag === '200' && 'subfields' in f ? { ...f, subfields: [{ code: 'a', value: 'Повесть\u0000' }] } : f));
    const file = writeIso2709([branchRecord(701, [], 'NUL'), bad, branchRecord(703, [], 'NUL')]);
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ batchSize: 100 }));
    expect(summary).toMatchObject({ read: 3, created: 2, rejected: 1 });
    expect(summary.errors.map((e) => e.index)).toEqual([1]);
    const created = await db.select({ id: bibRecords.id }).from(bibRecords).where(sql`${bibRecords.controlNumber} like 'NUL-%'`);
    expect(created).toHaveLength(2);
    // Searchable at once: the search index row was written in the same transaction.
    const indexed = await db.select({ id: bibSearch.recordId }).from(bibSearch).where(sql`${bibSearch.recordId} in ${created.map((c) => c.id)}`);
    expect(indexed).toHaveLength(2);
    const audit = await db.select().from(auditLog).where(sql`${auditLog.action} = 'catalog.import_batch' and ${auditLog.after}::text like ${`%${created[0]!.id}%`}`);
    expect(audit).toHaveLength(1);
    const named = (audit[0]!.after as { created: { id: string }[] }).created.map((c) => c.id).sort();
    expect(named).toEqual(created.map((c) => c.id).sort());
  });

  it('matches records to ones created earlier in the same batch', async () => {
    const db = ctx.database.db;
    const isbn = '9785389074354';
    // The same edition catalogued twice by its source: two control numbers, one title and ISBN.
    const withIsbn = (n: number) => {
      const r = branchRecord(n, [], `SAME${Date.now()}`);
      r.fields = r.fields.map((f) => (f.tag === '200' ? dataField('200', '1', ' ', [['a', 'Джамиля']]) : f));
      r.fields.push(dataField('010', ' ', ' ', [['a', isbn]]));
      return r;
    };
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(writeIso2709([withIsbn(801), withIsbn(802)])), options({ batchSize: 100 }));
    expect(summary).toMatchObject({ read: 2, created: 1, matched: 1 });
  });

  it('keeps editions with different ISBNs apart, and matches by title only a record without an ISBN', async () => {
    const db = ctx.database.db;
    const prefix = `EDITION${Date.now()}`;
    /** The same novel, year and author; each record its own control number, so only ISBNs and title can match it. */
    const edition = (n: number, title: string, isbn?: string) => {
      const r = branchRecord(n, [], prefix);
      const replaced: Record<string, MarcRecord['fields'][number]> = {
        '200': dataField('200', '1', ' ', [
          ['a', `${prefix} ${title}`],
          ['f', 'Дж. Остин'],
        ]),
        '210': dataField('210', ' ', ' ', [
          ['a', 'Москва'],
          ['d', '1996'],
        ]),
      };
      r.fields = r.fields.map((f) => replaced[f.tag] ?? f);
      r.fields.splice(1, 0, ...(isbn ? [dataField('010', ' ', ' ', [['a', isbn]])] : []));
      return r;
    };
    // In one batch: two publishers' editions, a record of one of them without its ISBN; a record
    // without an ISBN and one with, the second matched to the first.
    const first = writeIso2709([
      edition(1, 'Разум и чувства', '0140378502'),
      edition(2, 'Разум и чувства', '0451525892'),
      edition(3, 'Разум и чувства'),
      edition(4, 'Эмма'),
      edition(5, 'Эмма', '0486290492'),
    ]);
    expect(await importMarc(db, SYSTEM_ACTOR, chunksOf(first), options({ batchSize: 100 }))).toMatchObject({
      read: 5,
      created: 3,
      matched: 2,
    });
    // Against the catalogue: a third edition is new; a record with an ISBN matches the one without.
    const second = writeIso2709([edition(6, 'Разум и чувства', '1561387053'), edition(7, 'Эмма', '0140862455')]);
    expect(await importMarc(db, SYSTEM_ACTOR, chunksOf(second), options({ batchSize: 1 }))).toMatchObject({
      read: 2,
      created: 1,
      matched: 1,
    });
    // Against the batch before, still being committed.
    const third = writeIso2709([
      edition(8, 'Доводы рассудка', '0192833588'),
      edition(9, 'Доводы рассудка', '0760700435'),
      edition(10, 'Доводы рассудка'),
    ]);
    expect(await importMarc(db, SYSTEM_ACTOR, chunksOf(third), options({ batchSize: 1 }))).toMatchObject({
      read: 3,
      created: 2,
      matched: 1,
    });
    const titles = await db
      .select({ title: bibRecords.title, isbns: bibRecords.isbns })
      .from(bibRecords)
      .where(sql`${bibRecords.title} like ${`${prefix}%`}`);
    expect(
      titles
        .map((t) => `${t.title.slice(prefix.length + 1)} ${t.isbns.filter((isbn) => isbn.length === 10).join()}`)
        .sort(),
    ).toEqual([
      'Доводы рассудка 0192833588',
      'Доводы рассудка 0760700435',
      'Разум и чувства 0140378502',
      'Разум и чувства 0451525892',
      'Разум и чувства 1561387053',
      'Эмма ',
    ]);
  });

  it('matches records to ones the batch before created while that batch is still being committed, and commits in file order', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const prefix = `NEXT${Date.now()}`;
    const withIsbn = (n: number, inventory: string) => {
      const r = branchRecord(n, [{ inventory }], `${prefix}I`);
      r.fields = r.fields.map((f) => (f.tag === '200' ? dataField('200', '1', ' ', [['a', 'Белый пароход']]) : f));
      r.fields.push(dataField('010', ' ', ' ', [['a', '9785170900176']]));
      return r;
    };
    // Each record in a batch of its own: by ISBN, by control number, by title + author + year, and a
    // copy whose inventory number the batch before took.
    const file = writeIso2709([
      withIsbn(31, `${prefix}-1`),
      withIsbn(32, `${prefix}-2`),
      branchRecord(37, [{ inventory: `${prefix}-3` }], `${prefix}C`),
      branchRecord(37, [{ inventory: `${prefix}-4` }], `${prefix}C`),
      branchRecord(33, [{ inventory: `${prefix}-4` }], `${prefix}X`),
      branchRecord(33, [{ inventory: `${prefix}-5` }], `${prefix}T`),
    ]);
    const checkpoints: number[] = [];
    const summary = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ library, batchSize: 1, onCommitted: (next) => void checkpoints.push(next) }));
    expect(summary).toMatchObject({ read: 6, created: 3, matched: 3, rejected: 0, items: { created: 5, existing: 1 } });
    expect(checkpoints).toEqual([1, 2, 3, 4, 5, 6, 6]);
    const records = await db.select({ id: bibRecords.id }).from(bibRecords).where(sql`${bibRecords.controlNumber} like ${`${prefix}%`}`);
    expect(records).toHaveLength(3);
    // Every record is searchable, its copies' library included.
    const indexed = await db.select({ libraries: bibSearch.libraryIds }).from(bibSearch).where(sql`${bibSearch.recordId} in ${records.map((r) => r.id)}`);
    expect(indexed.map((r) => r.libraries)).toEqual([[library.id], [library.id], [library.id]]);
  });

  it('writes a copy of a record the batch before created only once that batch has committed (PostgreSQL: two connections)', async (test) => {
    // PGlite runs one transaction at a time: there the second batch starts only after the first has
    // committed, so the case this test holds open cannot arise (and a second open transaction holding a
    // lock would wait forever). The overlap exists on PostgreSQL only, and is tested there.
    if (ctx.database.kind !== 'postgresql') test.skip(); // PGlite: one transaction at a time, see above
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const prefix = `HELD${Date.now()}`;
    // The first record brings a word new to the catalogue; another transaction holds that word, so the
    // first batch cannot finish its search rows while the second batch writes its copy.
    const word = `zq${Date.now()}`;
    const first = branchRecord(61, [{ inventory: `${prefix}-1` }], prefix);
    first.fields.push(dataField('010', ' ', ' ', [['a', '9785161234563']]), dataField('330', ' ', ' ', [['a', word]]));
    first.fields = first.fields.map((f) => (f.tag === '700' && 'subfields' in f ? { ...f, subfields: [{ code: 'a', value: `Айтматов ${word}` }] } : f));
    // The same edition under another control number (the same title), matched by its ISBN.
    const second = branchRecord(61, [{ inventory: `${prefix}-2` }], `${prefix}B`);
    second.fields.push(dataField('010', ' ', ' ', [['a', '9785161234563']]));
    let release!: () => void;
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const blocker = db
      .transaction(async (tx) => {
        await tx.execute(sql`insert into search_words (word) values (${word})`);
        held();
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await holding;
    const importing = importMarc(db, SYSTEM_ACTOR, chunksOf(writeIso2709([first, second])), options({ library, batchSize: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    await blocker;
    const summary = await importing;
    expect(summary).toMatchObject({ read: 2, created: 1, matched: 1, rejected: 0, items: { created: 2, existing: 0 } });
  });

  it('stops when a batch fails after it, and a resumed import completes the file without duplicates', async () => {
    const db = ctx.database.db;
    const prefix = `STOP${Date.now()}`;
    const file = writeIso2709(Array.from({ length: 6 }, (_, i) => branchRecord(40 + i, [], prefix)));
    const checkpoints: number[] = [];
    let reports = 0;
    const failing = options({
      batchSize: 2,
      onCommitted: (next) => void checkpoints.push(next),
      // Saving the second batch's progress fails (a full disk): the import stops with that error.
      onProgress: () => {
        if (++reports === 2) throw new Error('disk full');
      },
    });
    await expect(importMarc(db, SYSTEM_ACTOR, chunksOf(file), failing)).rejects.toThrow('disk full');
    const count = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(bibRecords).where(sql`${bibRecords.controlNumber} like ${`${prefix}%`}`))[0]!.n;
    const resumeFrom = checkpoints.at(-1)!;
    expect(resumeFrom).toBe(4);
    expect(await count()).toBeGreaterThanOrEqual(resumeFrom);
    const resumed = await importMarc(db, SYSTEM_ACTOR, chunksOf(file), options({ batchSize: 2, resumeFrom }));
    expect(resumed.read).toBe(2);
    expect(await count()).toBe(6);
  });
});
