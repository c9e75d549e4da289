/** Finding the record a copied one duplicates (copy cataloguing uses it one record at a time). */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { describeOnEachDatabase } from '../../test/harness';
import { controlField, dataField, writeIso2709, type MarcRecord } from '../marc';
import { HAVE_TESTDATA, MARC_DIR, SKIP_TESTDATA } from '../marc/test-support';
import { columnsFromMarc } from '../records.service';
import { importMarc } from './import.service';
import { findMatch } from './match';

describeOnEachDatabase('matching one record', (ctx) => {
  const title = `Разум и чувства ${Date.now()}`;
  const edition = (isbn?: string): MarcRecord => ({
    leader: '00000nam0 2200000   450 ',
    fields: [
      ...(isbn ? [dataField('010', ' ', ' ', [['a', isbn]])] : []),
      dataField('200', '1', ' ', [['a', title]]),
      dataField('210', ' ', ' ', [
        ['a', 'Москва'],
        ['d', '1996'],
      ]),
      dataField('700', ' ', '1', [
        ['a', 'Остин'],
        ['b', 'Дж.'],
      ]),
    ],
  });

  it('matches by title, author and year only when one of the two records has no ISBN', async () => {
    const db = ctx.database.db;
    await importMarc(db, SYSTEM_ACTOR, Readable.from([writeIso2709([edition('0140378502')])]), {
      container: 'auto',
      schema: 'auto',
      encoding: 'auto',
      match: 'isbn',
      library: null,
    });
    const match = (isbn?: string) => findMatch(db, columnsFromMarc(edition(isbn), 'rusmarc'), 'isbn');
    const puffin = await match('0140378502');
    expect(puffin).not.toBeNull();
    expect(await match()).toBe(puffin);
    // Another publisher's edition of the same year.
    expect(await match('0451525892')).toBeNull();
  });

  const importFile = (db: Parameters<typeof importMarc>[0], bytes: Buffer) =>
    importMarc(db, SYSTEM_ACTOR, Readable.from([bytes]), { container: 'auto', schema: 'auto', encoding: 'auto', match: 'isbn', library: null });

  /** A volume of a set: the set's ISBN and title, its own control number from the same source. */
  const volume = (number: string, part: string | null, isbn = '5-7331-0166-3'): MarcRecord => ({
    leader: '00000nam0 2200000   450 ',
    fields: [
      ...(number ? [controlField('001', `RU\\TEST\\bibl\\${number}`)] : []),
      dataField('010', ' ', ' ', [['a', isbn]]),
      dataField('200', '1', ' ', [['a', `Сводный отчёт ${title}`], ...(part ? ([['h', part]] as [string, string][]) : [])]),
      dataField('210', ' ', ' ', [['d', '2000']]),
      dataField('801', ' ', '0', [['a', 'RU'], ['b', 'TEST']]),
    ],
  });

  it('does not take the volumes of a set for one record: the same ISBN, titles that differ, numbered apart by their source', async () => {
    const db = ctx.database.db;
    // Both volumes in one file (matched within the batch), then a third volume in a file of its own (matched against the catalogue).
    const first = await importFile(db, writeIso2709([volume('1', 'I'), volume('2', 'II')]));
    expect([first.created, first.matched]).toEqual([2, 0]);
    const third = await importFile(db, writeIso2709([volume('3', 'III')]));
    expect([third.created, third.matched]).toEqual([1, 0]);
    // The same volume exported again is still the same record; a record from elsewhere with the set's ISBN matches one of them.
    const again = await importFile(db, writeIso2709([volume('2', 'II'), volume('', null)]));
    expect([again.created, again.matched]).toEqual([0, 2]);
    expect(await findMatch(db, columnsFromMarc(volume('4', 'IV'), 'rusmarc'), 'isbn')).toBeNull();
    expect(await findMatch(db, columnsFromMarc(volume('', null), 'rusmarc'), 'isbn')).not.toBeNull();
    // The same volume catalogued twice by the source (two numbers, one title) is one record.
    const twice = await importFile(db, writeIso2709([volume('5', 'I')]));
    expect([twice.created, twice.matched]).toEqual([0, 1]);
    expect(await findMatch(db, columnsFromMarc(volume('6', 'II'), 'rusmarc'), 'isbn')).not.toBeNull();
  });

  it.skipIf(!HAVE_TESTDATA)(`nlr_test1_cp1251.iso: its 81 records are 81 records, two of them volumes sharing an ISBN (${HAVE_TESTDATA ? 'testdata found' : SKIP_TESTDATA})`, async () => {
    const summary = await importFile(ctx.database.db, readFileSync(`${MARC_DIR}rusmarc/nlr_test1_cp1251.iso`));
    expect([summary.read, summary.created + summary.matched]).toEqual([81, 81]);
    expect(summary.created).toBe(81);
  });
});
