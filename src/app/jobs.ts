/**
 * The job runner: claims queued jobs with FOR UPDATE SKIP LOCKED (so several processes can share one
 * PostgreSQL), runs the handler registered for the job's kind, and records progress, result or error.
 * A job whose process died (no heartbeat for a while) is claimed again; its handler gets the last
 * checkpoint it saved and continues from there.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db';
import { jobs, type JobProgress } from './jobs.tables';

export type Job = typeof jobs.$inferSelect;

export interface JobContext {
  db: Db;
  job: Job;
  /** Records progress (throttled writes); cheap to call per record. */
  reportProgress: (done: number, total: number | null, message?: string) => Promise<void>;
  /** Saves where to resume after a crash, with the progress so far. */
  saveCheckpoint: (checkpoint: Record<string, unknown>) => Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

const STALE_AFTER_SECONDS = 120;
const PROGRESS_EVERY_MS = 250;

export async function enqueueJob(
  db: Db,
  input: { kind: string; payload?: Record<string, unknown>; createdBy?: string | null; networkId?: string | null },
): Promise<Job> {
  const [job] = await db
    .insert(jobs)
    .values({ kind: input.kind, payload: input.payload ?? {}, createdBy: input.createdBy ?? null, networkId: input.networkId ?? null })
    .returning();
  return job!;
}

export async function findJob(db: Db, id: string): Promise<Job | null> {
  return (await db.select().from(jobs).where(eq(jobs.id, id)))[0] ?? null;
}

export class JobRunner {
  private readonly handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private isStopped = false;

  constructor(
    private readonly db: Db,
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {}

  /** True between start() and stop(): background work may be scheduled. */
  get isRunning(): boolean {
    return this.timer !== null && !this.isStopped;
  }

  register(kind: string, handler: JobHandler) {
    this.handlers.set(kind, handler);
  }

  private readonly schedules: { kind: string; everyMs: number; timer: NodeJS.Timeout | null }[] = [];

  /**
   * Queues a job of `kind` every `everyMs` while the runner is started. Several processes may share the
   * database: an advisory lock and a check for a queued or running job of the kind make it run once.
   */
  every(kind: string, everyMs: number) {
    this.schedules.push({ kind, everyMs, timer: null });
  }

  /** Queues the scheduled job now unless one is already waiting or running; true when queued. */
  async enqueueScheduled(kind: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const locked = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`job:${kind}`})) as ok`))[0]?.ok;
      if (!locked) return false;
      const waiting = rowsOf<{ n: number }>(
        await tx.execute(sql`select count(*)::int as n from ${jobs} where kind = ${kind} and status in ('queued', 'running')`),
      )[0]?.n;
      if (waiting) return false;
      await enqueueJob(tx, { kind });
      return true;
    });
  }

  /** Polls for work until stopped. */
  start(intervalMs = 500) {
    this.isStopped = false;
    const tick = () => {
      if (this.isStopped) return;
      this.running = this.runPending()
        .then(() => undefined)
        .finally(() => {
        this.running = null;
        if (!this.isStopped) this.timer = setTimeout(tick, intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
    for (const schedule of this.schedules) {
      const fire = () => {
        this.enqueueScheduled(schedule.kind).catch((error: unknown) => this.log(`scheduling ${schedule.kind} failed`, error));
      };
      schedule.timer = setInterval(fire, schedule.everyMs);
      schedule.timer.unref();
    }
  }

  async stop() {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const schedule of this.schedules) if (schedule.timer) clearInterval(schedule.timer);
    await this.running;
  }

  /** Runs queued jobs of known kinds until none is left; returns how many ran. */
  async runPending(): Promise<number> {
    let count = 0;
    for (;;) {
      const job = await this.claim();
      if (!job) return count;
      await this.execute(job);
      count++;
    }
  }

  private async claim(): Promise<Job | null> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return null;
    const rows = await this.db.execute<{ id: string }>(sql`
      update ${jobs} set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(),
        attempts = attempts + 1
      where id = (
        select id from ${jobs}
        where kind in ${kinds}
          and (status = 'queued'
               or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS})))
        order by created_at
        for update skip locked
        limit 1)
      returning id`);
    const id = rowsOf<{ id: string }>(rows)[0]?.id;
    return id ? findJob(this.db, id) : null;
  }

  private async execute(job: Job) {
    const handler = this.handlers.get(job.kind)!;
    let lastWrite = 0;
    let pending: JobProgress | null = null;
    const writeProgress = async (progress: JobProgress, force = false) => {
      pending = progress;
      const now = Date.now();
      if (!force && now - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = now;
      await this.db.update(jobs).set({ progress: pending, heartbeatAt: new Date() }).where(eq(jobs.id, job.id));
    };
    const ctx: JobContext = {
      db: this.db,
      job,
      reportProgress: (done, total, message) => writeProgress({ done, total, ...(message ? { message } : {}) }),
      saveCheckpoint: async (checkpoint) => {
        await this.db.update(jobs).set({ checkpoint, heartbeatAt: new Date() }).where(eq(jobs.id, job.id));
      },
    };
    try {
      const result = await handler(ctx);
      if (pending) await writeProgress(pending, true);
      await this.db
        .update(jobs)
        .set({ status: 'done', result: result ?? null, finishedAt: new Date(), heartbeatAt: new Date() })
        .where(eq(jobs.id, job.id));
    } catch (error) {
      this.log(`job ${job.kind} ${job.id} failed`, error);
      await this.db
        .update(jobs)
        .set({ status: 'failed', error: error instanceof Error ? error.message : String(error), finishedAt: new Date() })
        .where(eq(jobs.id, job.id));
    }
  }
}
