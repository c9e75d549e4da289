/**
 * COPY's text format: whatever a MARC record or a catalogue field may hold (tabs, line breaks,
 * backslashes, quotes, the word NULL, empty strings, nulls inside arrays) arrives as it was sent.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { copyField, copyRows } from './copy-rows';
import { rowsOf } from './db';

describe('a value in COPY text format', () => {
  it('escapes what would end a field or a row, and marks nulls', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField(null)).toBe('\\N');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyField(['a "b"', null, 'NULL', ''])).toBe('{"a \\\\"b\\\\"",NULL,"NULL",""}');
    expect(copyField({ a: 'x\ny' })).toBe('{"a":"x\\\\ny"}');
  });
});

const ROWS = [
  ['Путь\tвоина\nсвета \\ «роман»', ['Иванов, И. И.', 'a "quoted" \\ name', null, 'NULL', ''], { fields: [{ tag: '200', value: 'x\ty\n"z"\\' }], empty: '' }, 1970, true],
  ['', [], { leader: '     nam  22        450 ' }, null, false],
  ['NULL', ['{', '}', ','], { list: [1, 'two', null] }, -5, true],
] as const;

describeOnEachDatabase('rows by COPY', (ctx) => {
  it('arrive as they were sent, in the caller’s transaction', async () => {
    const db = ctx.database.db;
    await db.execute(sql`create table copy_probe (n serial, title text not null, authors text[] not null, marc jsonb not null, year int, live boolean not null)`);
    await db.transaction(async (tx) => {
      await copyRows(tx, 'copy_probe', ['title', 'authors', 'marc', 'year', 'live'], ROWS);
      // Seen by the transaction's next statement, before its commit.
      expect(rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from copy_probe`))[0]!.n).toBe(3);
    });
    const rows = rowsOf<{ title: string; authors: string[]; marc: unknown; year: number | null; live: boolean }>(
      await db.execute(sql`select title, authors, marc, year, live from copy_probe order by n`),
    );
    expect(rows.map((r) => [r.title, r.authors, r.marc, r.year, r.live])).toEqual(ROWS.map((r) => [...r]));
    // A JS array is an array literal; a JSON array goes as its text.
    await db.transaction((tx) => copyRows(tx, 'copy_probe', ['title', 'authors', 'marc', 'live'], [['json', ['a'], JSON.stringify([1, 'two', null]), false]]));
    const json = rowsOf<{ marc: unknown }>(await db.execute(sql`select marc from copy_probe where title = 'json'`));
    expect(json[0]!.marc).toEqual([1, 'two', null]);
    await expect(db.transaction((tx) => copyRows(tx, 'copy_probe', ['title'], [[null]]))).rejects.toThrow();
  });
});
