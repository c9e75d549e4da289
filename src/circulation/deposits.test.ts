/** Deposit collections: copies go to a service point for a season, loans there are entered in bulk, all come back together. */
import { expect, it } from 'vitest';
import { servicePoints } from '../network';
import { describeOnEachDatabase } from '../test/harness';
import { buildCopy, buildDesk, buildRecord, itemStatus } from './circulation.test-support';

describeOnEachDatabase('deposit collections', (ctx) => {
  it('moves 3 copies to a summer camp, records what was read there, returns them together', async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    const [camp] = await db.insert(servicePoints).values({ libraryId: d.branchA.id, kind: 'deposit_camp', name: 'Лагерь «Жаштык»', isSeasonal: true }).returning();
    const record = await buildRecord(db);
    const copies = [await buildCopy(db, record.id, d.branchA), await buildCopy(db, record.id, d.branchA), await buildCopy(db, record.id, d.branchA)];
    const otherBranchCopy = await buildCopy(db, record.id, d.branchB);
    const body = { servicePointId: camp!.id, name: 'Лето', startsOn: '2026-06-01', endsOn: '2026-08-31', barcodes: copies.map((c) => c.barcode) };
    const url = `/api/v1/circulation/deposits?libraryId=${d.branchA.id}`;

    const refused = await d.deskA.post(url, { ...body, barcodes: [...body.barcodes, otherBranchCopy.barcode] });
    expect(refused.statusCode).toBe(404);
    expect(await itemStatus(db, copies[0]!.id)).toBe('available');
    expect((await d.deskB.post(url, body)).statusCode).toBe(403);
    const badDates = await d.deskA.post(url, { ...body, endsOn: '2026-05-01' });
    expect(badDates.statusCode).toBe(422);

    const created = await d.deskA.post(url, body);
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    for (const c of copies) expect(await itemStatus(db, c.id)).toBe('at_service_point');
    // A copy already at the point cannot go into another collection.
    expect((await d.deskA.post(url, { ...body, barcodes: [copies[0]!.barcode] })).json()).toMatchObject({ code: 'not_available' });

    const entered = await d.deskA.put(`/api/v1/circulation/deposits/${id}/loans`, {
      items: [{ barcode: copies[0]!.barcode, loans: 4 }, { barcode: copies[1]!.barcode, loans: 2 }],
      days: [{ day: '2026-07-01', readers: 12, loans: 0 }],
    });
    expect(entered.statusCode, entered.body).toBe(204);
    expect((await d.deskA.put(`/api/v1/circulation/deposits/${id}/loans`, { items: [{ barcode: otherBranchCopy.barcode, loans: 1 }] })).json()).toMatchObject({ code: 'not_at_point' });

    const list = (await d.deskA.get(`/api/v1/circulation/deposits?libraryId=${d.branchA.id}`)).json() as { id: string; copies: number; loans: number; readers: number }[];
    expect(list.find((c) => c.id === id)).toMatchObject({ copies: 3, loans: 6, readers: 12 });

    const back = await d.deskA.post(`/api/v1/circulation/deposits/${id}/return`);
    expect(back.statusCode, back.body).toBe(200);
    for (const c of copies) expect(await itemStatus(db, c.id)).toBe('available');
    expect((await d.deskA.post(`/api/v1/circulation/deposits/${id}/return`)).json()).toMatchObject({ code: 'collection_returned' });
    const items = (await d.deskA.get(`/api/v1/circulation/deposits/${id}/items`)).json() as { isReturned: boolean }[];
    expect(items.every((i) => i.isReturned)).toBe(true);
  });
});
