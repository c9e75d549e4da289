/**
 * The loan desk under concurrency: 100 desks try to lend the same copy at once, to different readers
 * (one open loan per copy); 20 desks lend 20 different copies to one reader whose rules allow 3 (the
 * maximum holds). On PostgreSQL (TEST_DATABASE_URL) the requests really race over the pool's
 * connections; PGlite serves one connection and so checks the same outcome serialised.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { createSession } from '../app/auth';
import { buildStaff, client } from '../test/factories';
import { buildCopy, buildDesk, buildReader, buildRecord, itemStatus } from './circulation.test-support';
import { loanRules, loans, readerLoanCounts } from './circulation.tables';

describeOnEachDatabase('concurrent checkouts of one copy', (ctx) => {
  it('100 desks at once: exactly one loan, 99 clear refusals', async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    const record = await buildRecord(db);
    const copy = await buildCopy(db, record.id, d.branchA);
    const desks = [];
    for (let i = 0; i < 100; i++) {
      const reader = await buildReader(db, d.branchA);
      const staff = await buildStaff(db, 'librarian', 'library', d.branchA.id, { language: 'en' });
      const { token, csrfToken } = await createSession(db, staff.id, 1, '127.0.0.1', 'desk');
      desks.push({ reader, http: client(ctx.app, { cookie: `kp_session=${token}`, csrf: csrfToken }) });
    }
    const results = await Promise.all(
      desks.map(({ reader, http }) => http.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copy.barcode })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    const refusals = results.filter((r) => r.statusCode !== 201);
    expect(refusals).toHaveLength(99);
    for (const r of refusals) {
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'already_on_loan', title: 'This copy is already on loan. Return it first.' });
    }
    expect(await db.select().from(loans).where(eq(loans.itemId, copy.id))).toHaveLength(1);
    expect(await itemStatus(db, copy.id)).toBe('on_loan');
  });
});


describeOnEachDatabase('concurrent checkouts to one reader', (ctx) => {
  it('20 desks lend 20 different copies to a reader allowed 3: exactly 3 loans, 17 clear refusals', async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    await db.insert(loanRules).values({ networkId: d.network.id, loanDays: 14, maxItems: 3, maxRenewals: 1, holdsAllowed: true });
    const reader = await buildReader(db, d.branchA);
    const desks = [];
    for (let i = 0; i < 20; i++) {
      const copy = await buildCopy(db, (await buildRecord(db)).id, d.branchA);
      const staff = await buildStaff(db, 'librarian', 'library', d.branchA.id, { language: 'en' });
      const { token, csrfToken } = await createSession(db, staff.id, 1, '127.0.0.1', 'desk');
      desks.push({ copy, http: client(ctx.app, { cookie: `kp_session=${token}`, csrf: csrfToken }) });
    }
    const results = await Promise.all(
      desks.map(({ copy, http }) => http.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copy.barcode })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const refusals = results.filter((r) => r.statusCode !== 201);
    expect(refusals).toHaveLength(17);
    for (const r of refusals) {
      expect(r.statusCode).toBe(409);
      expect(r.json()).toMatchObject({ code: 'max_items', title: 'The reader already has as many items as the loan rules allow.' });
    }
    expect(await db.select().from(loans).where(and(eq(loans.readerId, reader.id), isNull(loans.returnedAt)))).toHaveLength(3);
    expect(await db.select({ n: readerLoanCounts.openLoans }).from(readerLoanCounts).where(eq(readerLoanCounts.readerId, reader.id))).toEqual([{ n: 3 }]);
    // The copies refused stay on the shelf.
    const statuses = await Promise.all(desks.map(({ copy }) => itemStatus(db, copy.id)));
    expect(statuses.filter((s) => s === 'on_loan')).toHaveLength(3);
    expect(statuses.filter((s) => s === 'available')).toHaveLength(17);
  });
});
