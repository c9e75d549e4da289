/**
 * A copy's status by hand and at the loan desk: what the desk lent, moved or deposited is not changed
 * from the catalogue (the open loan would be left behind and the book could never be checked in),
 * except a lent copy reported lost; and the desk's statuses are not set by hand.
 */
import { expect, it } from 'vitest';
import { buildCopy, buildDesk, buildReader, buildRecord, itemStatus, type Desk } from '../circulation/circulation.test-support';
import { buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';

describeOnEachDatabase('a copy’s status by hand and at the loan desk', (ctx) => {
  let d: Desk;
  let cataloguer: ReturnType<typeof client>;
  const db = () => ctx.database.db;

  it('sets up a desk and a cataloguer of its network', async () => {
    d = await buildDesk(db(), ctx.app);
    cataloguer = client(ctx.app, await login(ctx.app, (await buildStaff(db(), 'cataloguer', 'network', d.network.id, { language: 'ru' })).login), 'ru');
  });

  async function lentCopy() {
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, d.branchA);
    const reader = await buildReader(db(), d.branchA);
    const lent = await d.deskA.post('/api/v1/circulation/checkout', { libraryId: d.branchA.id, readerId: reader.id, barcode: copy.barcode });
    expect(lent.statusCode, lent.body).toBe(201);
    return { record, copy };
  }

  it('refuses to put a lent copy on the shelf or write it off, and the desk still checks it in', async () => {
    const { copy } = await lentCopy();
    for (const status of ['available', 'written_off', 'in_repair']) {
      const res = await cataloguer.post(`/api/v1/catalog/items/${copy.id}/status`, { status });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'item_in_circulation', title: expect.stringContaining('оформите возврат') });
    }
    // Editing its shelf keeps the status it has, and is allowed.
    const edited = await cataloguer.put(`/api/v1/catalog/items/${copy.id}`, {
      libraryId: d.branchA.id, inventoryNumber: copy.inventoryNumber, barcode: copy.barcode, location: 'Полка 3', status: 'on_loan',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const putBack = await cataloguer.put(`/api/v1/catalog/items/${copy.id}`, { libraryId: d.branchA.id, inventoryNumber: copy.inventoryNumber, barcode: copy.barcode, status: 'available' });
    expect(putBack.statusCode).toBe(409);
    expect(await itemStatus(db(), copy.id)).toBe('on_loan');
    const returned = await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await itemStatus(db(), copy.id)).toBe('available');
  });

  it('lets a lent copy be reported lost: the loan stays open, and a copy that turns up is checked in', async () => {
    const { copy } = await lentCopy();
    expect((await cataloguer.post(`/api/v1/catalog/items/${copy.id}/status`, { status: 'lost' })).statusCode).toBe(200);
    const returned = await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    expect(returned.statusCode, returned.body).toBe(200);
  });

  it('does not set the desk’s statuses by hand, on a new copy or an existing one, and names the field', async () => {
    const record = await buildRecord(db());
    const copy = await buildCopy(db(), record.id, d.branchA);
    for (const status of ['on_loan', 'in_transit', 'at_service_point']) {
      const changed = await cataloguer.post(`/api/v1/catalog/items/${copy.id}/status`, { status });
      expect(changed.statusCode).toBe(422);
      expect(changed.json()).toMatchObject({ errors: [{ field: 'status', code: 'item_status_by_desk' }] });
    }
    const added = await cataloguer.post(`/api/v1/catalog/records/${record.id}/items`, { libraryId: d.branchA.id, inventoryNumber: uniq('I'), barcode: uniq('B'), status: 'on_loan' });
    expect(added.statusCode).toBe(422);
    expect(JSON.stringify(added.json())).toContain('кафедра выдачи');
    expect(await itemStatus(db(), copy.id)).toBe('available');
  });
});
