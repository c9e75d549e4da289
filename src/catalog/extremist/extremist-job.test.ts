/**
 * A long list is matched without holding the server: between its steps the job lets the event loop
 * answer requests, so the progress it reports is seen while it runs (on PGlite the database works in
 * the server's own thread, and a chain of statements awaited one after another would let nothing in).
 */
import { expect, it } from 'vitest';
import { findJob } from '../../app/jobs';
import { describeOnEachDatabase } from '../../test/harness';
import { nextStepSize, runExtremistCheckJob } from './extremist.job';
import { COMMISSION, checkedNetwork } from './extremist.test-support';

const ENTRIES = 600;

it('sizes the steps by how long the last one took', () => {
  expect(nextStepSize(50, 500)).toBe(25);
  expect(nextStepSize(1, 5000)).toBe(1);
  expect(nextStepSize(50, 10)).toBe(100);
  expect(nextStepSize(400, 1)).toBe(400);
  expect(nextStepSize(50, 100)).toBe(50);
});

describeOnEachDatabase('matching a long list in the background', (ctx) => {
  it('answers requests and shows its progress between its steps', async () => {
    const db = ctx.database.db;
    const { network, http, held, list } = await checkedNetwork(ctx);
    const warrior = await held('Путь воина света', ['Иванов, И. И.']);
    const lines = Array.from({ length: ENTRIES }, (_, i) => `${i + 1}. Брошюра «Материал без совпадений номер ${i + 1}» (решение суда);`);
    lines[ENTRIES - 1] = `${ENTRIES}. Книга Иванова И.И. «Путь воина света» (решение суда);`;
    const listId = await list(lines.join('\n'), '?publishedOn=2026-11-30');
    const created = (await http.post('/api/v1/catalog/extremist/checks', { networkId: network.id, listId, checkedOn: '2026-12-01', commission: COMMISSION })).json<{ id: string; jobId: string }>();
    const job = (await findJob(db, created.jobId))!;

    // What a poller would see: the progress, read from a callback of the event loop's own (not a promise's).
    let progress = 0;
    let finished = false;
    const seen: number[] = [];
    const poll = () => {
      if (finished) return;
      seen.push(progress);
      setImmediate(poll);
    };
    setImmediate(poll);
    const health = ctx.app.inject({ method: 'GET', url: '/api/health' }).then((res) => ({ status: res.statusCode, whileMatching: !finished }));
    await runExtremistCheckJob({
      db,
      job,
      reportProgress: async (done) => {
        progress = done;
      },
      saveCheckpoint: async () => {},
    });
    finished = true;

    expect(seen.some((done) => done > 0 && done < ENTRIES), `progress seen: ${seen.join(', ')}`).toBe(true);
    expect(await health).toEqual({ status: 200, whileMatching: true });
    expect(progress).toBe(ENTRIES);
    const matches = (await http.get(`/api/v1/catalog/extremist/checks/${created.id}/matches`)).json<{ items: { entryNumber: number; recordId: string }[] }>();
    expect(matches.items.map((m) => [m.entryNumber, m.recordId])).toEqual([[ENTRIES, warrior]]);
  });
});
