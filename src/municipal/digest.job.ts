/**
 * The scheduled ИРИ digest: every hour the job runner queues `sdi.digest` once across processes
 * (advisory lock); the job builds the digests of subscriptions whose day has come and e-mails those
 * whose owners want e-mail. Without SMTP the digests still wait in the portal inbox.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../app/db';
import { t } from '../app/i18n';
import type { JobRunner } from '../app/jobs';
import type { Mailer } from '../app/mail';
import { staffUsers } from '../staff';
import { buildDigest, claimDigestsToEmail, dueSubscriptions, recordEmailFailure, type Digest } from './subscriptions.service';

export const DIGEST_JOB = 'sdi.digest';
const HOUR = 3600_000;

export function digestEmail(digest: Digest, lang: 'ru' | 'ky' | 'en') {
  const subject = t(lang, 'sdi.email_subject', { topic: digest.topic, count: digest.items.length });
  const lines = digest.items.map((item, i) => `${i + 1}. ${item.description || item.title}`);
  const text = [t(lang, 'sdi.email_intro', { topic: digest.topic }), '', ...lines, '', t(lang, 'sdi.email_footer')].join('\n');
  return { subject, text };
}

/** Builds due digests and sends waiting e-mails; returns counts for the job's result. */
export async function runDigests(db: Db, mail: Mailer, now = new Date()) {
  let built = 0;
  for (const subscription of await dueSubscriptions(db, now)) {
    if (await buildDigest(db, subscription, now)) built++;
  }
  let emailed = 0;
  let failed = 0;
  if (mail.enabled) {
    for (const digest of await claimDigestsToEmail(db)) {
      const [owner] = await db.select().from(staffUsers).where(eq(staffUsers.id, digest.ownerId));
      if (!owner?.email) {
        await recordEmailFailure(db, digest.id, 'no e-mail address');
        failed++;
        continue;
      }
      try {
        await mail.send({ to: owner.email, ...digestEmail(digest, owner.language) });
        emailed++;
      } catch (error) {
        await recordEmailFailure(db, digest.id, error instanceof Error ? error.message : String(error));
        failed++;
      }
    }
  }
  return { built, emailed, failed };
}

export function registerDigestJob(jobs: JobRunner, db: Db, mail: Mailer) {
  jobs.register(DIGEST_JOB, () => runDigests(db, mail));
  jobs.every(DIGEST_JOB, HOUR);
}
