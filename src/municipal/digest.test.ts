/** ИРИ digests: only material new since subscribing, never the same record twice, by e-mail and to the inbox. */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../app/config';
import { createMailer } from '../app/mail';
import { jobs } from '../app/jobs.tables';
import { uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp-capture';
import { DIGEST_JOB, runDigests } from './digest.job';
import { sdiDeliveries, sdiSubscriptions } from './municipal.tables';
import { buildMunicipalNetwork, catalogueRecord } from './municipal.test-support';

interface DigestBody {
  id: string;
  topic: string;
  items: { recordId: string; title: string }[];
  readAt: string | null;
}

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(() => smtp.close());

describeOnEachDatabase('ИРИ digests', (ctx) => {
  it('sends only new matching records, each once, by e-mail and to the portal inbox', async () => {
    const db = ctx.database.db;
    const net = await buildMunicipalNetwork(db, ctx.app);
    const word = `пастбищ${uniq().replace(/[^a-f]/g, '')}`;
    const before = await catalogueRecord(net, `Старый закон о ${word}ах`);
    const created = await net.http.official.post('/api/v1/municipal/subscriptions', { topic: 'Пастбища', query: { q: word }, frequency: 'weekly' });
    expect(created.statusCode, created.body).toBe(201);
    const subscription = created.json() as { id: string; since: string };
    const first = await catalogueRecord(net, `Закон о ${word}ах`);
    const second = await catalogueRecord(net, `Управление ${word}ами: пособие`);
    await catalogueRecord(net, `Сказки ${uniq()}`);

    const mailer = createMailer(loadConfig({ KITEPKANA_SMTP_URL: smtp.smtpUrl, KITEPKANA_MAIL_FROM: 'cbs@example.kg' }));
    const sentBefore = smtp.messages.length;
    const run1 = await runDigests(db, mailer);
    expect(run1.built).toBeGreaterThanOrEqual(1);
    const inbox1 = (await net.http.official.get('/api/v1/municipal/digests')).json() as { items: DigestBody[]; unread: number };
    expect(inbox1.items).toHaveLength(1);
    expect(inbox1.items[0]!.items.map((i) => i.recordId).sort()).toEqual([first, second].sort());
    expect(inbox1.items[0]!.items.map((i) => i.recordId)).not.toContain(before);
    const mine = smtp.messages.slice(sentBefore).filter((m) => m.to.includes(net.official.email));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('Новое по теме «Пастбища»: 2');

    // Not due again until a week has passed: nothing is built.
    expect((await runDigests(db, mailer)).built).toBe(0);

    // A week later: one more record; only it is sent.
    const third = await catalogueRecord(net, `${word} и вода`);
    await db.update(sdiSubscriptions).set({ lastRunAt: new Date(Date.now() - 8 * 86400_000) }).where(eq(sdiSubscriptions.id, subscription.id));
    await runDigests(db, mailer);
    const inbox2 = (await net.http.official.get('/api/v1/municipal/digests')).json() as { items: DigestBody[]; unread: number };
    expect(inbox2.items).toHaveLength(2);
    expect(inbox2.items[0]!.items.map((i) => i.recordId)).toEqual([third]);
    expect(inbox2.unread).toBe(2);

    // Forced again with nothing new, and even with the watermark back at the start: no record repeats.
    await db.update(sdiSubscriptions).set({ lastRunAt: null, since: new Date(subscription.since) }).where(eq(sdiSubscriptions.id, subscription.id));
    await runDigests(db, mailer);
    const now = await net.http.official.post(`/api/v1/municipal/subscriptions/${subscription.id}/digest`);
    expect(now.json()).toEqual({ digest: null });
    const inbox3 = (await net.http.official.get('/api/v1/municipal/digests')).json() as { items: DigestBody[] };
    expect(inbox3.items).toHaveLength(2);
    const delivered = await db
      .select({ n: sql<number>`count(*)::int`, distinct: sql<number>`count(distinct ${sdiDeliveries.recordId})::int` })
      .from(sdiDeliveries)
      .where(eq(sdiDeliveries.subscriptionId, subscription.id));
    expect(delivered[0]).toEqual({ n: 3, distinct: 3 });
    mailer.close();

    const read = await net.http.official.post(`/api/v1/municipal/digests/${inbox3.items[0]!.id}/read`);
    expect((read.json() as DigestBody).readAt).not.toBeNull();
    expect((await net.http.otherOfficial.post(`/api/v1/municipal/digests/${inbox3.items[1]!.id}/read`)).statusCode).toBe(403);
  });

  it('the schedule queues one digest job at a time; the job fills the inbox without e-mail configured', async () => {
    const db = ctx.database.db;
    const net = await buildMunicipalNetwork(db, ctx.app);
    const word = `кенеш${uniq().replace(/[^a-f]/g, '')}`;
    await net.http.director.post('/api/v1/municipal/subscriptions', { topic: 'Кенеш', query: { q: word }, isEmailed: true });
    await catalogueRecord(net, `Решения ${word}а`);
    await db.delete(jobs).where(eq(jobs.kind, DIGEST_JOB));
    expect(await ctx.app.jobs.enqueueScheduled(DIGEST_JOB)).toBe(true);
    expect(await ctx.app.jobs.enqueueScheduled(DIGEST_JOB)).toBe(false);
    await ctx.app.jobs.runPending();
    const [job] = await db.select().from(jobs).where(eq(jobs.kind, DIGEST_JOB));
    expect(job).toMatchObject({ status: 'done', result: expect.objectContaining({ emailed: 0 }) });
    const inbox = (await net.http.director.get('/api/v1/municipal/digests')).json() as { items: DigestBody[] };
    expect(inbox.items[0]!.items[0]!.title).toContain(word);
  });

  it('refuses an empty topic query and other people’s subscriptions', async () => {
    const net = await buildMunicipalNetwork(ctx.database.db, ctx.app);
    const empty = await net.http.official.post('/api/v1/municipal/subscriptions', { topic: 'Всё', query: {} });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ errors: [{ field: 'query.q', code: 'query_empty', message: 'Укажите слова для поиска, тему или автора.' }] });
    const noTopic = await net.http.official.post('/api/v1/municipal/subscriptions', { query: { q: 'закон' } });
    expect(noTopic.json()).toMatchObject({ errors: [{ field: 'topic', code: 'required' }] });
    const s = (await net.http.official.post('/api/v1/municipal/subscriptions', { topic: 'Закон', query: { q: 'закон' } })).json() as { id: string };
    expect((await net.http.otherOfficial.delete(`/api/v1/municipal/subscriptions/${s.id}`)).statusCode).toBe(403);
    expect((await net.http.otherOfficial.get(`/api/v1/municipal/subscriptions/${s.id}/preview`)).statusCode).toBe(403);
    expect((await net.http.official.delete(`/api/v1/municipal/subscriptions/${s.id}`)).statusCode).toBe(204);
  });
});
