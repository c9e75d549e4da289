/** Report figures of circulation equal what happened at the desk: readers, visits and loans by age group. */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { birthDateYearsAgo, buildCopy, buildDesk, buildReader, buildRecord } from './circulation.test-support';
import { summarizeCirculation } from './summary.service';

describeOnEachDatabase('circulation figures for reports', (ctx) => {
  it('counts readers, visits and loans of the libraries by age group, and nothing of other libraries', async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    const child = await buildReader(db, d.branchA, {
      birthDate: birthDateYearsAgo(10),
      guardianName: 'Асанова Гүлнара',
      guardianRelation: 'мать',
      guardianPhone: '+996 555 123456',
    });
    const adult = await buildReader(db, d.branchA, { birthDate: birthDateYearsAgo(45) });
    const elsewhere = await buildReader(db, d.branchB, { birthDate: birthDateYearsAgo(20) });
    const record = await buildRecord(db);
    const lend = async (reader: { id: string }, branch: { id: string; networkId: string }, desk: typeof d.deskA) => {
      const copy = await buildCopy(db, record.id, branch);
      const res = await desk.post('/api/v1/circulation/checkout', { libraryId: branch.id, readerId: reader.id, barcode: copy.barcode });
      expect(res.statusCode, res.body).toBe(201);
    };
    await lend(child, d.branchA, d.deskA);
    await lend(child, d.branchA, d.deskA);
    await lend(adult, d.branchA, d.deskA);
    await lend(elsewhere, d.branchB, d.deskB);
    const manual = await d.deskA.post('/api/v1/circulation/visits', { libraryId: d.branchA.id, add: 5 });
    expect(manual.statusCode, manual.body).toBe(200);

    const year = new Date().getUTCFullYear();
    const today = new Date().toISOString().slice(0, 10);
    const summary = await summarizeCirculation(db, { libraryIds: [d.branchA.id], from: `${year}-01-01`, to: today });
    expect(summary.readers).toEqual({ total: 2, children: 1, youth: 0, adults: 1 });
    expect(summary.loans).toEqual({ total: 3, children: 2, youth: 0, adults: 1 });
    // One visit per reader per library per day, plus the five counted by hand.
    expect(summary.visits).toEqual({ total: 7, children: 1, youth: 0, adults: 1, manual: 5 });

    const lastYear = await summarizeCirculation(db, { libraryIds: [d.branchA.id], from: `${year - 1}-01-01`, to: `${year - 1}-12-31` });
    expect(lastYear.loans.total).toBe(0);
    expect(lastYear.readers.total).toBe(0);
  });
});
