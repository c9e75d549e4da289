/**
 * Circulation's daily work, as a background job: holds whose shelf time ran out expire, and readers
 * overdue longer than their network allows are blocked. Every app process checks hourly; the job is
 * enqueued once a day across processes (an advisory lock guards the check).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { rowsOf } from '../app/db';
import type { App, AppServices } from '../app/http';
import { t } from '../app/i18n';
import { enqueueJob } from '../app/jobs';
import { expireHolds } from './holds.service';
import { blockOverdueReaders } from './overdue.service';

export const DAILY_JOB = 'circulation.daily';
const LOCK_KEY = 740_401;

export async function runDailyCirculation(db: Db, now = new Date()) {
  const expiredHolds = await expireHolds(db, now);
  const blockedReaders = await blockOverdueReaders(db, (days) => t('ru', 'circulation.block_reason_overdue', { days }), now);
  return { expiredHolds, blockedReaders };
}

/** Enqueues today's job unless one was already enqueued today (by any process). */
export async function enqueueDailyIfDue(db: Db) {
  await db.transaction(async (tx) => {
    const locked = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCK_KEY}) as ok`))[0]?.ok;
    if (!locked) return;
    const rows = await tx.execute(sql`select 1 from jobs where kind = ${DAILY_JOB} and created_at >= date_trunc('day', now()) limit 1`);
    if (rowsOf(rows).length === 0) await enqueueJob(tx, { kind: DAILY_JOB });
  });
}

export function registerCirculationJobs(app: App, { database, jobs }: AppServices) {
  jobs.register(DAILY_JOB, ({ db }) => runDailyCirculation(db));
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    if (!jobs.isRunning) return;
    const tick = () => {
      enqueueDailyIfDue(database.db).catch((error: unknown) => app.log.error({ err: error }, 'circulation daily job'));
    };
    tick();
    timer = setInterval(tick, 3_600_000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
