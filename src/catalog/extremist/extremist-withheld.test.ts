/**
 * A copy withheld from readers by a check against the list of extremist materials («Снять с выдачи»)
 * stays withheld: the desk does not lend it, no hold waits for it (staff app, API, the reader on the
 * portal), and nobody puts it back on the shelf by hand — each refusal names the check. Copies
 * withheld before copies carried their check are recognised by the migration that added it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { auditLog } from '../../audit';
import { buildCopy, buildDesk, buildReader, type Desk } from '../../circulation/circulation.test-support';
import { visibleText } from '../../portal/portal.test-support';
import { buildStaff, client, login } from '../../test/factories';
import { describeOnEachDatabase, type TestContext } from '../../test/harness';
import { items } from '../catalog.tables';
import type { Item } from '../items.service';
import { makeRecord } from '../interop/interop.test-support';
import { matchedCheck } from './extremist.test-support';
import { extremistMatches } from './extremist.tables';

const PASSWORD = 'reader-pass-1';

/** A KG network (buildDesk), a record with a copy in each branch, its match flagged in a check of 01.12.2026. */
async function flagged(ctx: TestContext, beforeCheck?: (desk: Desk, copies: Item[]) => Promise<void>) {
  const db = ctx.database.db;
  const desk = await buildDesk(db, ctx.app);
  const cataloguer = await login(ctx.app, (await buildStaff(db, 'cataloguer', 'network', desk.network.id)).login);
  const http = client(ctx.app, cataloguer);
  const title = `Путь воина ${crypto.randomUUID().slice(0, 8)}`;
  const record = await makeRecord(db, { title, authors: ['Иванов, И. И.'] });
  const copies = [await buildCopy(db, record.id, desk.branchA), await buildCopy(db, record.id, desk.branchB)];
  await beforeCheck?.(desk, copies);
  const { checkId, matches } = await matchedCheck(
    ctx,
    cataloguer,
    desk.network.id,
    `7. Книга Иванова И.И. «${title}» (решение суда от 01.02.2010);\n`,
  );
  const matchId = matches.find((m) => m.recordId === record.id)!.id;
  const decided = await http.post(`/api/v1/catalog/extremist/checks/${checkId}/matches/${matchId}`, {
    decision: 'confirmed',
    action: 'flag',
  });
  expect(decided.statusCode, decided.body).toBe(200);
  return { desk, http, record, copies, matchId };
}

async function readerOnPortal(ctx: TestContext, desk: Desk) {
  const reader = await buildReader(ctx.database.db, desk.branchA);
  expect((await desk.deskA.post(`/api/v1/readers/${reader.id}/password`, { password: PASSWORD })).statusCode).toBe(204);
  const form = (url: string, fields: Record<string, string>, cookie = '') =>
    ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const signedIn = await form('/account/login', { card: reader.cardNumber, password: PASSWORD });
  expect(signedIn.statusCode, signedIn.body).toBe(303);
  const cookie = `kp_reader=${signedIn.cookies.find((c) => c.name === 'kp_reader')!.value}`;
  const home = await ctx.app.inject({ method: 'GET', url: '/account', headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
  return {
    reader,
    cookie,
    hold: (recordId: string) =>
      form('/account/holds', { _csrf: csrf, recordId, pickupLibraryId: desk.branchA.id }, cookie),
  };
}

describeOnEachDatabase('copies withheld by a check against the list of extremist materials', (ctx) => {
  it('are neither lent nor held nor put back on the shelf, each refusal naming the check', async () => {
    const db = ctx.database.db;
    const { desk, record, copies, matchId } = await flagged(ctx);
    const [inA, inB] = copies as [(typeof copies)[number], (typeof copies)[number]];
    const rows = await db
      .select()
      .from(items)
      .where(inArray(items.id, [inA.id, inB.id]));
    expect(rows.map((c) => [c.status, c.withheldBy])).toEqual([
      ['in_repair', matchId],
      ['in_repair', matchId],
    ]);
    const reader = await buildReader(db, desk.branchA);
    const names = (title: string) => expect(title).toMatch(/01\.12\.2026.*No\. 7/);

    // The desk: not lent, the check named.
    const lend = await desk.deskA.post('/api/v1/circulation/checkout', {
      libraryId: desk.branchA.id,
      readerId: reader.id,
      barcode: inA.barcode,
    });
    expect(lend.statusCode).toBe(409);
    expect(lend.json<{ code: string }>().code).toBe('withheld');
    names(lend.json<{ title: string }>().title);

    // A hold: nothing in the network a reader could wait for.
    const hold = await desk.deskA.post('/api/v1/circulation/holds', {
      readerId: reader.id,
      recordId: record.id,
      pickupLibraryId: desk.branchA.id,
    });
    expect(hold.statusCode).toBe(409);
    expect(hold.json<{ code: string; title: string }>()).toMatchObject({
      code: 'record_withheld',
      title: expect.stringContaining('list of extremist materials'),
    });

    // By hand: back on the shelf neither by the status menu nor by the copy's form; lost or written off is fine.
    const back = await desk.deskA.post(`/api/v1/catalog/items/${inA.id}/status`, { status: 'available' });
    expect(back.statusCode).toBe(409);
    expect(back.json<{ code: string }>().code).toBe('item_withheld');
    names(back.json<{ title: string }>().title);
    const {
      id: _id,
      recordId: _r,
      networkId: _n,
      status: _s,
      withheldBy: _w,
      createdAt: _c,
      updatedAt: _u,
      ...fields
    } = inA;
    const edited = await desk.deskA.put(`/api/v1/catalog/items/${inA.id}`, {
      ...fields,
      status: 'available',
      location: 'Абонемент',
    });
    expect(edited.statusCode, edited.body).toBe(409);
    expect(edited.json<{ code: string }>().code).toBe('item_withheld');
    expect((await desk.deskB.post(`/api/v1/catalog/items/${inB.id}/status`, { status: 'lost' })).statusCode).toBe(200);
    expect(
      (await desk.deskB.post(`/api/v1/catalog/items/${inB.id}/status`, { status: 'available' })).json<{
        code: string;
      }>().code,
    ).toBe('item_withheld');
    expect(
      (
        await db
          .select()
          .from(items)
          .where(inArray(items.id, [inA.id, inB.id]))
      )
        .map((c) => [c.status, c.withheldBy])
        .sort(),
    ).toEqual([
      ['in_repair', matchId],
      ['lost', matchId],
    ]);
    // The refused changes left nothing in the audit log; the flag and the loss did.
    const audited = await db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.objectId, [inA.id, inB.id]));
    expect(audited.map((a) => a.action).sort()).toEqual(['item.status', 'item.status', 'item.status']);
    expect(audited.find((a) => a.objectId === inA.id)!.after).toMatchObject({
      status: 'in_repair',
      withheldBy: matchId,
    });

    // The portal does not offer a hold and says why; a hold sent anyway is refused.
    const page = await ctx.app.inject({ method: 'GET', url: `/catalog/records/${record.id}` });
    expect(page.body).not.toContain('/account?back=');
    expect(visibleText(page.body)).toContain('Эта книга снята с выдачи читателям по закону');
    const portal = await readerOnPortal(ctx, desk);
    const signedInPage = await ctx.app.inject({
      method: 'GET',
      url: `/catalog/records/${record.id}`,
      headers: { cookie: portal.cookie },
    });
    expect(signedInPage.body).not.toContain('name="pickupLibraryId"');
    expect((await portal.hold(record.id)).headers.location).toBe(
      `/catalog/records/${record.id}?hold_error=record_withheld#hold`,
    );

    // A copy catalogued after the check is not withheld by it: it may be held and lent.
    const later = await buildCopy(db, record.id, desk.branchA);
    expect(
      (
        await ctx.app.inject({
          method: 'GET',
          url: `/catalog/records/${record.id}`,
          headers: { cookie: portal.cookie },
        })
      ).body,
    ).toContain('name="pickupLibraryId"');
    expect((await portal.hold(record.id)).statusCode).toBe(303);
    const lent = await desk.deskA.post('/api/v1/circulation/checkout', {
      libraryId: desk.branchA.id,
      readerId: portal.reader.id,
      barcode: later.barcode,
    });
    expect(lent.statusCode, lent.body).toBe(201);
  });

  it('end the holds already waiting for the record, nothing being left to wait for', async () => {
    const db = ctx.database.db;
    const waiting: string[] = [];
    const { desk, record } = await flagged(ctx, async (d, copies) => {
      for (const [pickup, staff] of [
        [d.branchA, d.deskA],
        [d.branchB, d.deskB],
      ] as const) {
        const reader = await buildReader(db, pickup);
        const placed = await staff.post('/api/v1/circulation/holds', {
          readerId: reader.id,
          recordId: copies[0]!.recordId,
          pickupLibraryId: pickup.id,
        });
        expect(placed.statusCode, placed.body).toBe(201);
        waiting.push(placed.json<{ id: string }>().id);
      }
    });
    const holds = rowsOf<{ id: string; status: string }>(
      await db.execute(
        sql`select id, status from holds where id in (${sql.join(
          waiting.map((id) => sql`${id}`),
          sql`, `,
        )}) order by id`,
      ),
    );
    expect(holds.map((h) => h.status)).toEqual(['cancelled', 'cancelled']);
    const audited = await db
      .select({ objectId: auditLog.objectId, summary: auditLog.summary })
      .from(auditLog)
      .where(inArray(auditLog.objectId, waiting));
    expect(
      audited
        .filter((a) => /ФСЭМ № 7/.test(a.summary ?? ''))
        .map((a) => a.objectId)
        .sort(),
    ).toEqual([...waiting].sort());
    // Nothing of the record is offered for a hold any more (the first test: the refusal names the check).
    const again = await desk.deskA.post('/api/v1/circulation/holds', {
      readerId: (await buildReader(db, desk.branchA)).id,
      recordId: record.id,
      pickupLibraryId: desk.branchA.id,
    });
    expect(again.json<{ code: string }>().code).toBe('record_withheld');
  });

  it('come back from a reader withheld, to no hold, when one was lost on loan', async () => {
    const db = ctx.database.db;
    let lostOne: Item | undefined;
    const { desk, record } = await flagged(ctx, async (d, copies) => {
      const [copy] = copies;
      const holder = await buildReader(db, d.branchA);
      expect(
        (
          await d.deskA.post('/api/v1/circulation/checkout', {
            libraryId: d.branchA.id,
            readerId: holder.id,
            barcode: copy!.barcode,
          })
        ).statusCode,
      ).toBe(201);
      expect((await d.deskA.post(`/api/v1/catalog/items/${copy!.id}/status`, { status: 'lost' })).statusCode).toBe(200);
      lostOne = copy;
    });
    // Someone waits for the record (placed with a copy of another library in the network the hold counts).
    const fresh = await buildCopy(db, record.id, desk.branchB);
    const waiting = await buildReader(db, desk.branchA);
    expect(
      (
        await desk.deskA.post('/api/v1/circulation/holds', {
          readerId: waiting.id,
          recordId: record.id,
          pickupLibraryId: desk.branchA.id,
        })
      ).statusCode,
    ).toBe(201);
    await db.update(items).set({ status: 'written_off' }).where(eq(items.id, fresh.id));
    const back = await desk.deskA.post('/api/v1/circulation/return', {
      libraryId: desk.branchA.id,
      barcode: lostOne!.barcode,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json<{ next: { kind: string } }>().next.kind).toBe('shelf');
    const [copy] = await db.select().from(items).where(eq(items.id, lostOne!.id));
    expect(copy).toMatchObject({ status: 'in_repair', withheldBy: expect.any(String) });
    const holds = await db.execute(sql`select status, item_id as "itemId" from holds where reader_id = ${waiting.id}`);
    expect(rowsOf(holds)).toEqual([{ status: 'waiting', itemId: null }]);
  });

  it('are recognised by the migration when only their note and status said so', async () => {
    const db = ctx.database.db;
    const { desk, copies, matchId } = await flagged(ctx);
    // As before copies carried their check: the status and the note, the match with no copies listed.
    await db
      .update(items)
      .set({ withheldBy: null })
      .where(
        inArray(
          items.id,
          copies.map((c) => c.id),
        ),
      );
    await db.update(extremistMatches).set({ itemIds: [] }).where(eq(extremistMatches.id, matchId));
    // Another record's copy whose note names another entry is no business of this match.
    const other = await makeRecord(db, { title: 'Другая книга' });
    const bystander = await buildCopy(db, other.id, desk.branchA, 'in_repair');
    await db
      .update(items)
      .set({ notes: 'ФСЭМ № 8, сверка от 01.12.2026: не выдавать, снят с выдачи до списания' })
      .where(eq(items.id, bystander.id));

    const dir = join(process.cwd(), 'drizzle');
    const file = readdirSync(dir).find((f) => f.endsWith('_extremist_withheld_copies.sql'))!;
    const backfill = readFileSync(join(dir, file), 'utf8').split('--> statement-breakpoint').at(-1)!;
    await db.execute(sql.raw(backfill));

    const after = await db
      .select()
      .from(items)
      .where(inArray(items.id, [...copies.map((c) => c.id), bystander.id]));
    expect(
      after
        .filter((c) => c.withheldBy === matchId)
        .map((c) => c.id)
        .sort(),
    ).toEqual(copies.map((c) => c.id).sort());
    expect(after.find((c) => c.id === bystander.id)!.withheldBy).toBeNull();
    expect(
      (await desk.deskA.post(`/api/v1/catalog/items/${copies[0]!.id}/status`, { status: 'available' })).json<{
        code: string;
      }>().code,
    ).toBe('item_withheld');
  });
});
