/** Finding the record a copied one duplicates (copy cataloguing uses it one record at a time). */
import { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit';
import { describeOnEachDatabase } from '../../test/harness';
import { dataField, writeIso2709, type MarcRecord } from '../marc';
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
});
