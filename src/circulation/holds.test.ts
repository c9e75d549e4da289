/** Holds: queue order, one active hold per reader per record, transit between branches, hold shelf expiry. */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../test/harness';
import { runDailyCirculation } from './circulation.jobs';
import { buildCopy, buildDesk, buildReader, buildRecord, itemStatus, type Desk } from './circulation.test-support';
import { holds, loanRules } from './circulation.tables';

interface Hold { id: string; status: string; position: number | null; expiresOn: string | null }

describeOnEachDatabase('holds', (ctx) => {
  let d: Desk;
  const db = () => ctx.database.db;
  const setup = async () => (d ??= await buildDesk(db(), ctx.app));

  it('queues holds in order, sends the returned copy to the first reader’s branch, receives it there onto the hold shelf', async () => {
    await setup();
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, d.branchA);
    const borrower = await buildReader(db(), d.branchA);
    const teacher = await buildReader(db(), d.branchB);
    const second = await buildReader(db(), d.branchA);
    expect((await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: borrower.id, barcode: copy.barcode })).statusCode).toBe(201);

    const first = await d.deskB.post('/api/v1/circulation/holds', { readerId: teacher.id, recordId: record.id, pickupLibraryId: d.branchB.id });
    expect(first.statusCode, first.body).toBe(201);
    const next = await d.deskA.post('/api/v1/circulation/holds', { readerId: second.id, recordId: record.id, pickupLibraryId: d.branchA.id });
    expect((next.json() as Hold).position).toBe(2);
    expect((first.json() as Hold).position).toBe(1);
    const dup = await d.deskA.post('/api/v1/circulation/holds', { readerId: second.id, recordId: record.id, pickupLibraryId: d.branchA.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'hold_exists' });

    // Renewal is refused while others wait.
    expect((await d.deskA.post('/api/v1/circulation/renew', { libraryId: d.branchA.id, barcode: copy.barcode })).json()).toMatchObject({ code: 'renew_has_holds' });

    const returned = await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    expect(returned.json()).toMatchObject({ next: { kind: 'transit', toLibraryId: d.branchB.id, toLibraryName: d.branchB.name, holdId: (first.json() as Hold).id } });
    expect(await itemStatus(db(), copy.id)).toBe('in_transit');
    const inTransit = (await d.deskB.get(`/api/v1/circulation/holds?libraryId=${d.branchB.id}&kind=in_transit`)).json() as Hold[];
    expect(inTransit.map((h) => h.id)).toContain((first.json() as Hold).id);

    // The copy cannot be lent while travelling, nor received at the wrong branch.
    expect((await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: second.id, barcode: copy.barcode })).json()).toMatchObject({ code: 'not_available' });
    const received = await d.deskB.post('/api/v1/circulation/return', { libraryId: d.branchB.id, barcode: copy.barcode });
    expect(received.json()).toMatchObject({ next: { kind: 'hold_shelf' } });
    expect(await itemStatus(db(), copy.id)).toBe('available');
    const ready = (await d.deskB.get(`/api/v1/circulation/holds?libraryId=${d.branchB.id}&kind=ready`)).json() as Hold[];
    const readyHold = ready.find((h) => h.id === (first.json() as Hold).id)!;
    expect(readyHold.status).toBe('ready');
    expect(readyHold.expiresOn).not.toBeNull();

    // On the hold shelf it is kept for the teacher only.
    expect((await d.deskB.post('/api/v1/circulation/checkout', { libraryId: d.branchB.id, readerId: second.id, barcode: copy.barcode })).json()).toMatchObject({ code: 'held_for_other' });
    const pickup = await d.deskB.post('/api/v1/circulation/checkout', { libraryId: d.branchB.id, readerId: teacher.id, barcode: copy.barcode });
    expect(pickup.statusCode, pickup.body).toBe(201);
    expect((await db().select().from(holds).where(eq(holds.id, (first.json() as Hold).id)))[0]!.status).toBe('fulfilled');

    // Returned at B, it goes to the next hold, whose pickup is A: back in transit.
    const back = await d.deskB.post('/api/v1/circulation/return', { libraryId: d.branchB.id, barcode: copy.barcode });
    expect(back.json()).toMatchObject({ next: { kind: 'transit', toLibraryId: d.branchA.id } });
  });

  it('expires holds left on the shelf past their day, and lets staff and readers cancel', async () => {
    await setup();
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, d.branchA);
    const reader = await buildReader(db(), d.branchA);
    const placed = (await d.deskA.post('/api/v1/circulation/holds', { readerId: reader.id, recordId: record.id, pickupLibraryId: d.branchA.id })).json() as Hold;
    // The copy is pulled from the shelf and checked in: it goes onto the hold shelf here.
    const pull = (await d.deskA.get(`/api/v1/circulation/holds?libraryId=${d.branchA.id}&kind=to_pull`)).json() as Hold[];
    expect(pull.map((h) => h.id)).toContain(placed.id);
    expect((await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'hold_shelf' } });
    const later = new Date(Date.now() + 30 * 86400_000);
    const result = await runDailyCirculation(db(), later);
    expect(result.expiredHolds).toBeGreaterThanOrEqual(1);
    expect((await db().select().from(holds).where(eq(holds.id, placed.id)))[0]!.status).toBe('expired');

    const again = (await d.deskA.post('/api/v1/circulation/holds', { readerId: reader.id, recordId: record.id, pickupLibraryId: d.branchA.id })).json() as Hold;
    expect((await d.deskB.post(`/api/v1/circulation/holds/${again.id}/cancel`)).statusCode).toBe(403);
    const cancelled = await d.deskA.post(`/api/v1/circulation/holds/${again.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await d.deskA.post(`/api/v1/circulation/holds/${again.id}/cancel`)).json()).toMatchObject({ code: 'hold_closed' });
  });

  it('passes the copy of a cancelled hold to the next hold in the queue, or back to the shelf', async () => {
    await setup();
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, d.branchA);
    const place = async (pickup: { id: string }, desk = d.deskA) => {
      const reader = await buildReader(db(), d.branchA);
      const res = await desk.post('/api/v1/circulation/holds', { readerId: reader.id, recordId: record.id, pickupLibraryId: pickup.id });
      expect(res.statusCode, res.body).toBe(201);
      return { reader, hold: res.json() as Hold };
    };
    const holdRow = async (id: string) => (await db().select().from(holds).where(eq(holds.id, id)))[0]!;
    const first = await place(d.branchA);
    const second = await place(d.branchB, d.deskB);
    const third = await place(d.branchA);
    expect((await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'hold_shelf', holdId: first.hold.id } });

    // On the hold shelf at A; the next reader picks up at B: the copy is sent there for them.
    expect((await d.deskA.post(`/api/v1/circulation/holds/${first.hold.id}/cancel`)).statusCode).toBe(200);
    expect(await holdRow(second.hold.id)).toMatchObject({ status: 'in_transit', itemId: copy.id });
    expect(await itemStatus(db(), copy.id)).toBe('in_transit');
    const toB = (await d.deskB.get(`/api/v1/circulation/holds?libraryId=${d.branchB.id}&kind=in_transit`)).json() as Hold[];
    expect(toB.map((h) => h.id)).toContain(second.hold.id);

    // Cancelled on the way: the copy arrives at B as a plain copy and, checked in there, goes on to the third reader at A.
    expect((await d.deskB.post(`/api/v1/circulation/holds/${second.hold.id}/cancel`)).statusCode).toBe(200);
    expect((await d.deskB.post('/api/v1/circulation/return', { libraryId: d.branchB.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'shelf' } });
    expect((await d.deskB.post('/api/v1/circulation/return', { libraryId: d.branchB.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'transit', toLibraryId: d.branchA.id, holdId: third.hold.id } });
    expect((await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'hold_shelf', holdId: third.hold.id } });

    // No one else waits: the copy is free again; anyone may borrow it.
    expect((await d.deskA.post(`/api/v1/circulation/holds/${third.hold.id}/cancel`)).statusCode).toBe(200);
    expect(await itemStatus(db(), copy.id)).toBe('available');
    const anyone = await buildReader(db(), d.branchA);
    const lent = await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: anyone.id, barcode: copy.barcode });
    expect(lent.statusCode, lent.body).toBe(201);
  });

  it('refuses holds when the rules forbid them or nothing can be lent', async () => {
    await setup();
    const reader = await buildReader(db(), d.branchA);
    const empty = await buildRecord(db());
    expect((await d.deskA.post('/api/v1/circulation/holds', { readerId: reader.id, recordId: empty.id, pickupLibraryId: d.branchA.id })).json()).toMatchObject({ code: 'no_copies' });
    const record = await buildRecord(db(), { materialType: 'periodical' });
    await buildCopy(db(), record.id, d.branchA);
    await db().insert(loanRules).values({ networkId: d.network.id, itemType: 'periodical', loanDays: 3, maxItems: 5, maxRenewals: 0, holdsAllowed: false });
    expect((await d.deskA.post('/api/v1/circulation/holds', { readerId: reader.id, recordId: record.id, pickupLibraryId: d.branchA.id })).json()).toMatchObject({ code: 'holds_not_allowed' });
  });
});
