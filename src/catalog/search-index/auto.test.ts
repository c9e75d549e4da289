/**
 * KITEPKANA_SEARCH_INDEX=auto, the default: the server keeps an index for a catalogue big enough to need
 * one, when the machine has the memory for it, and gives one to a catalogue that has grown since.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../test/harness';
import { makeRecord } from '../interop/interop.test-support';
import { autoIndexWanted, decideSearchIndex, readyIndex, searchIndexAllowed, SEARCH_LOG_PRUNE_JOB } from './registry';

const GB = 2 ** 30;

describe('an index by default', () => {
  it('is wanted for 100,000 records or more, when they take at most a quarter of the memory', () => {
    expect(autoIndexWanted(99_999, 24 * GB, 100_000)).toBe(false);
    expect(autoIndexWanted(1_000_000, 24 * GB, 100_000)).toBe(true);
    // 1,000,000 records take about 1.5 GB: too much for a computer of 4 GB, not 300,000.
    expect(autoIndexWanted(1_000_000, 4 * GB, 100_000)).toBe(false);
    expect(autoIndexWanted(300_000, 4 * GB, 100_000)).toBe(true);
  });
});

describeOnEachDatabase('an index by default for a catalogue that grew', (ctx) => {
  const setting = process.env.KITEPKANA_SEARCH_INDEX_AUTO_RECORDS;
  afterEach(() => {
    if (setting === undefined) delete process.env.KITEPKANA_SEARCH_INDEX_AUTO_RECORDS;
    else process.env.KITEPKANA_SEARCH_INDEX_AUTO_RECORDS = setting;
  });

  it('is not kept for a small catalogue, and is once the catalogue is big enough', async () => {
    const db = ctx.database.db;
    expect(process.env.KITEPKANA_SEARCH_INDEX ?? 'auto').toBe('auto');
    const [{ n }] = (await ctx.database.query<{ n: number }>('select count(*)::int as n from bib_search')) as [
      { n: number },
    ];
    process.env.KITEPKANA_SEARCH_INDEX_AUTO_RECORDS = String(n + 2);
    await makeRecord(db, { title: 'Жаңы китеп' });
    expect(await decideSearchIndex(db)).toBe(false);
    expect(await readyIndex(db)).toBeNull();
    // The hourly job looks again as the catalogue grows.
    await makeRecord(db, { title: 'Дагы бир китеп' });
    await ctx.database.query('delete from jobs where kind = $1', [SEARCH_LOG_PRUNE_JOB]);
    expect(await ctx.app.jobs.enqueueScheduled(SEARCH_LOG_PRUNE_JOB)).toBe(true);
    await ctx.app.jobs.runPending();
    expect(searchIndexAllowed(db)).toBe(true);
    expect(await readyIndex(db)).not.toBeNull();
  });
});
