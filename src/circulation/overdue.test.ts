/** Overdue loans: the list and its export, e-mail notices (to a capturing SMTP server), letters, automatic blocks. */
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readers } from '../readers';
import { describeOnEachDatabase } from '../test/harness';
import { startSmtpCapture, type SmtpCapture } from '../test/smtp-capture';
import { runDailyCirculation } from './circulation.jobs';
import { buildCopy, buildDesk, buildReader, buildRecord, type Desk } from './circulation.test-support';
import { circulationSettings } from './circulation.tables';

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => smtp.close());

describeOnEachDatabase(
  'overdue loans',
  (ctx) => {
    let d: Desk;
    const db = () => ctx.database.db;

    async function overdueLoan(daysAgo: number, email = '') {
      const reader = await buildReader(db(), d.branchA, { email });
      const record = await buildRecord(db(), { title: `Манас ${reader.cardNumber}` });
      const copy = await buildCopy(db(), record.id, d.branchA);
      const out = (await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copy.barcode })).json() as { loanId: string };
      await db().execute(sql`update loans set due_on = current_date - ${daysAgo}::int where id = ${out.loanId}`);
      return { reader, copy, loanId: out.loanId };
    }

    it('lists overdue loans of the library, searchable, and exports them', async () => {
      d = await buildDesk(db(), ctx.app);
      const late = await overdueLoan(10, 'reader@example.kg');
      await overdueLoan(3);
      const list = (await d.deskA.get(`/api/v1/circulation/overdue?libraryId=${d.branchA.id}&pageSize=1`)).json() as { items: { loanId: string; daysOverdue: number }[]; total: number };
      expect(list.total).toBe(2);
      expect(list.items[0]).toMatchObject({ loanId: late.loanId, daysOverdue: 10 });
      const found = (await d.deskA.get(`/api/v1/circulation/overdue?libraryId=${d.branchA.id}&q=${late.reader.cardNumber}`)).json() as { total: number };
      expect(found.total).toBe(1);
      expect((await d.deskB.get(`/api/v1/circulation/overdue?libraryId=${d.branchA.id}`)).statusCode).toBe(403);
      const xlsx = await d.deskA.get(`/api/v1/circulation/overdue.xlsx?libraryId=${d.branchA.id}`);
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.rowCount).toBe(3);
    });

    it('e-mails notices to readers with an address and prints letters for everyone', async () => {
      const before = smtp.messages.length;
      const sent = await d.deskA.post('/api/v1/circulation/overdue/notices', { libraryId: d.branchA.id });
      expect(sent.statusCode, sent.body).toBe(200);
      expect(sent.json()).toMatchObject({ sent: 1, withoutEmail: 1, failed: 0 });
      const mail = smtp.messages.slice(before);
      expect(mail).toHaveLength(1);
      expect(mail[0]!.to).toEqual(['reader@example.kg']);
      expect(mail[0]!.subject).toContain('Please return your books');
      const pdf = await d.deskA.get(`/api/v1/circulation/overdue/letters.pdf?libraryId=${d.branchA.id}`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const list = (await d.deskA.get(`/api/v1/circulation/overdue?libraryId=${d.branchA.id}`)).json() as { items: { lastNoticeAt: string | null }[] };
      expect(list.items.every((i) => i.lastNoticeAt !== null)).toBe(true);
    });

    it('blocks readers overdue longer than the network allows, by the daily job', async () => {
      const late = await overdueLoan(40);
      const recent = await overdueLoan(5);
      const none = await runDailyCirculation(db());
      expect(none.blockedReaders).toBe(0);
      await db().insert(circulationSettings).values({ networkId: d.network.id, blockAfterDays: 30 });
      const result = await runDailyCirculation(db());
      expect(result.blockedReaders).toBe(1);
      const [blocked] = await db().select().from(readers).where(eq(readers.id, late.reader.id));
      expect(blocked).toMatchObject({ isBlocked: true });
      expect(blocked!.blockReason).toContain('30');
      expect((await db().select().from(readers).where(eq(readers.id, recent.reader.id)))[0]!.isBlocked).toBe(false);
    });
  },
  { config: { get KITEPKANA_SMTP_URL() { return smtp.smtpUrl; } } as unknown as Record<string, string> },
);
