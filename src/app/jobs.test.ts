/** Background jobs: claimed once, progress recorded, failures kept, a dead worker's job resumed from its checkpoint. */
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildNetwork, buildStaff, client, login } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { enqueueJob, findJob, JobRunner } from './jobs';
import { jobs, storedFiles } from './jobs.tables';

describeOnEachDatabase('jobs and files', (ctx) => {
  it('runs a job to the end, recording progress and result', async () => {
    const db = ctx.database.db;
    const runner = new JobRunner(db);
    const seen: number[] = [];
    runner.register('test.count', async ({ job, reportProgress }) => {
      const n = Number(job.payload.n);
      for (let i = 1; i <= n; i++) {
        seen.push(i);
        await reportProgress(i, n);
      }
      return { counted: n };
    });
    const job = await enqueueJob(db, { kind: 'test.count', payload: { n: 5 } });
    expect(await runner.runPending()).toBe(1);
    const done = await findJob(db, job.id);
    expect(done).toMatchObject({ status: 'done', result: { counted: 5 }, progress: { done: 5, total: 5 }, attempts: 1 });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(await runner.runPending()).toBe(0);
  });

  it('keeps the error of a failed job', async () => {
    const db = ctx.database.db;
    const runner = new JobRunner(db);
    runner.register('test.fail', async () => {
      throw new Error('file is not MARC');
    });
    const job = await enqueueJob(db, { kind: 'test.fail' });
    await runner.runPending();
    expect(await findJob(db, job.id)).toMatchObject({ status: 'failed', error: 'file is not MARC' });
  });

  it('takes over a job whose worker stopped sending heartbeats, from its checkpoint', async () => {
    const db = ctx.database.db;
    const job = await enqueueJob(db, { kind: 'test.resume' });
    await db
      .update(jobs)
      .set({ status: 'running', attempts: 1, checkpoint: { next: 3 }, heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(eq(jobs.id, job.id));
    const runner = new JobRunner(db);
    let resumedAt: unknown = null;
    runner.register('test.resume', async ({ job: claimed }) => {
      resumedAt = claimed.checkpoint?.next;
      return null;
    });
    expect(await runner.runPending()).toBe(1);
    expect(resumedAt).toBe(3);
    expect(await findJob(db, job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('shows a job to the person who started it, and not to a stranger', async () => {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const owner = await buildStaff(db, 'cataloguer', 'network', network.id);
    const stranger = await buildStaff(db, 'cataloguer', 'network', network.id);
    const job = await enqueueJob(db, { kind: 'test.view', createdBy: owner.id, networkId: network.id });
    const mine = await client(ctx.app, await login(ctx.app, owner.login)).get(`/api/v1/jobs/${job.id}`);
    expect(mine.json()).toMatchObject({ status: 'queued', progress: { done: 0, total: null } });
    expect((await client(ctx.app, await login(ctx.app, stranger.login)).get(`/api/v1/jobs/${job.id}`)).statusCode).toBe(403);
    expect((await client(ctx.app).get(`/api/v1/jobs/${job.id}`)).statusCode).toBe(401);
  });

  it('stores a file once by its content and reads it back', async () => {
    const a = await ctx.app.files.put(Readable.from([Buffer.from('Джамиля\n')]), { originalName: 'a.txt', mediaType: 'text/plain' });
    const b = await ctx.app.files.put(Readable.from([Buffer.from('Джамиля\n')]), { originalName: 'b.txt' });
    expect(a).toEqual(b);
    expect(a.size).toBe(Buffer.byteLength('Джамиля\n'));
    expect(await text(ctx.app.files.open(a.sha256))).toBe('Джамиля\n');
    expect(await ctx.app.files.exists('0'.repeat(64))).toBe(false);
    const rows = await ctx.database.db.select().from(storedFiles).where(eq(storedFiles.sha256, a.sha256));
    expect(rows).toHaveLength(1);
  });
});
