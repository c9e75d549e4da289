/**
 * The catalogue's "on the shelf in this library" follows the desk: a library leaves a record's list when
 * its last copy there is lent, also when two desks lend its last two copies at the same moment, and comes
 * back with the first copy returned. A change that moves no copy on or off a shelf leaves the search row alone.
 */
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { describeOnEachDatabase } from '../test/harness';
import { buildCopy, buildDesk, buildReader, buildRecord, type Desk } from './circulation.test-support';

describeOnEachDatabase('shelf availability in the catalogue', (ctx) => {
  let d: Desk;
  const db = () => ctx.database.db;
  const setup = async () => (d ??= await buildDesk(db(), ctx.app));

  async function searchRow(recordId: string) {
    const rows = rowsOf<{ available: string[]; holding: string[]; version: string }>(
      await db().execute(sql`select available_library_ids as available, library_ids as holding, xmin::text as version
        from bib_search where record_id = ${recordId}`),
    );
    return rows[0]!;
  }
  const lend = (desk: Desk['deskA'], libraryId: string, readerId: string, barcode: string) =>
    desk.post('/api/v1/circulation/checkout', { libraryId, readerId, barcode });
  const giveBack = (desk: Desk['deskA'], libraryId: string, barcode: string) => desk.post('/api/v1/circulation/return', { libraryId, barcode });

  it('a library leaves the list with its last copy lent and comes back with the first returned', async () => {
    const { deskA, deskB, branchA, branchB } = await setup();
    const record = await buildRecord(db());
    const [a1, a2] = [await buildCopy(db(), record.id, branchA), await buildCopy(db(), record.id, branchA)];
    const b1 = await buildCopy(db(), record.id, branchB);
    const both = [branchA.id, branchB.id].sort();
    expect((await searchRow(record.id)).available).toEqual(both);
    const readerA = await buildReader(db(), branchA);
    const readerB = await buildReader(db(), branchB);

    expect((await lend(deskA, branchA.id, readerA.id, a1.barcode)).statusCode).toBe(201);
    expect((await searchRow(record.id)).available).toEqual(both);
    expect((await lend(deskA, branchA.id, readerA.id, a2.barcode)).statusCode).toBe(201);
    expect((await searchRow(record.id)).available).toEqual([branchB.id]);
    expect((await lend(deskB, branchB.id, readerB.id, b1.barcode)).statusCode).toBe(201);
    expect(await searchRow(record.id)).toMatchObject({ available: [], holding: both });

    expect((await giveBack(deskB, branchB.id, b1.barcode)).statusCode).toBe(200);
    expect((await searchRow(record.id)).available).toEqual([branchB.id]);
    expect((await giveBack(deskA, branchA.id, a2.barcode)).statusCode).toBe(200);
    expect((await searchRow(record.id)).available).toEqual(both);
    expect((await giveBack(deskA, branchA.id, a1.barcode)).statusCode).toBe(200);
    expect((await searchRow(record.id)).available).toEqual(both);
  });

  it('two desks lending the last two copies of a library at once: the library leaves the list', async () => {
    const { deskA, branchA, branchB, director } = await setup();
    for (let round = 0; round < 5; round++) {
      const record = await buildRecord(db());
      const [a1, a2] = [await buildCopy(db(), record.id, branchA), await buildCopy(db(), record.id, branchA)];
      await buildCopy(db(), record.id, branchB);
      const [r1, r2] = [await buildReader(db(), branchA), await buildReader(db(), branchA)];
      const results = await Promise.all([lend(deskA, branchA.id, r1.id, a1.barcode), lend(director, branchA.id, r2.id, a2.barcode)]);
      expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
      expect((await searchRow(record.id)).available).toEqual([branchB.id]);
      // And both returned at once bring it back.
      const back = await Promise.all([giveBack(deskA, branchA.id, a1.barcode), giveBack(director, branchA.id, a2.barcode)]);
      expect(back.map((r) => r.statusCode)).toEqual([200, 200]);
      expect((await searchRow(record.id)).available).toEqual([branchA.id, branchB.id].sort());
    }
  });

  it('a change that moves no copy on or off a shelf leaves the search row as it is; moving a copy updates both lists', async () => {
    const { branchA, branchB } = await setup();
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, branchA);
    const before = await searchRow(record.id);
    expect(before.available).toEqual([branchA.id]);
    await db().execute(sql`update items set notes = 'корешок подклеен', updated_at = now() where id = ${copy.id}`);
    expect(await searchRow(record.id)).toEqual(before);
    await db().execute(sql`update items set status = 'in_repair' where id = ${copy.id}`);
    const offShelf = await searchRow(record.id);
    expect(offShelf.available).toEqual([]);
    await db().execute(sql`update items set status = 'lost' where id = ${copy.id}`);
    expect(await searchRow(record.id)).toEqual(offShelf);

    await db().execute(sql`update items set library_id = ${branchB.id}, status = 'available' where id = ${copy.id}`);
    expect(await searchRow(record.id)).toMatchObject({ available: [branchB.id], holding: [branchB.id] });
    await db().execute(sql`update items set status = 'written_off' where id = ${copy.id}`);
    expect(await searchRow(record.id)).toMatchObject({ available: [], holding: [] });
  });
});
