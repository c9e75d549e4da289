/**
 * A confirmed decision is final, and it is what the act says: «withdraw» writes the copies off, «flag»
 * withholds them from readers — the desk does not lend them, the OPAC does not show them on the shelf,
 * the record shows the mark — and neither can be turned into the other or undone afterwards.
 */
import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { buildCopy, buildDesk, buildReader } from '../../circulation/circulation.test-support';
import { auditLog } from '../../audit';
import { buildStaff, client, login } from '../../test/factories';
import { describeOnEachDatabase } from '../../test/harness';
import { items } from '../catalog.tables';
import { makeRecord } from '../interop/interop.test-support';
import { actText, matchedCheck } from './extremist.test-support';

const LIST = `1. Книга Иванова И.И. «Путь воина света» (решение суда от 01.02.2010);
2. Брошюра П.П. Петрова «Ночной дозор на рассвете» (решение суда от 05.05.2012);
`;

describeOnEachDatabase('the decision on a match of the Federal list', (ctx) => {
  it('flags by withholding the copies from readers, and a confirmed decision never changes', async () => {
    const db = ctx.database.db;
    const desk = await buildDesk(db, ctx.app);
    const staff = await buildStaff(db, 'cataloguer', 'network', desk.network.id);
    const cataloguer = await login(ctx.app, staff.login);
    const http = client(ctx.app, cataloguer);
    const warrior = await makeRecord(db, { title: 'Путь воина света', authors: ['Иванов, И. И.'] });
    const dozor = await makeRecord(db, { title: 'Ночной дозор на рассвете', authors: ['Петров, П. П.'] });
    const flagged = [await buildCopy(db, warrior.id, desk.branchA), await buildCopy(db, warrior.id, desk.branchB)];
    const repaired = await buildCopy(db, warrior.id, desk.branchA, 'in_repair');
    const withdrawn = await buildCopy(db, dozor.id, desk.branchA);

    const { checkId, matches } = await matchedCheck(ctx, cataloguer, desk.network.id, LIST, '&sourceName=fsem.txt');
    const matchOf = (recordId: string) => matches.find((m) => m.recordId === recordId)!.id;
    const decide = (recordId: string, body: object) =>
      http.post(`/api/v1/catalog/extremist/checks/${checkId}/matches/${matchOf(recordId)}`, body);
    const statusOf = async (ids: string[]) =>
      (await db.select().from(items).where(inArray(items.id, ids))).map((c) => c.status).sort();

    // Flag: the copies on the shelf can no longer be lent; a copy in repair stays in repair; all get the note.
    expect((await decide(warrior.id, { decision: 'confirmed', action: 'flag' })).statusCode).toBe(200);
    expect(await statusOf([...flagged.map((c) => c.id), repaired.id])).toEqual(['in_repair', 'in_repair', 'in_repair']);
    const notes = (await db.select().from(items).where(eq(items.recordId, warrior.id))).map((c) => c.notes);
    expect(notes.every((n) => n.includes('ФСЭМ № 1, сверка от 01.12.2026: не выдавать'))).toBe(true);
    const reader = await buildReader(db, desk.branchA);
    const lend = await desk.deskA.post('/api/v1/circulation/checkout', {
      libraryId: desk.branchA.id,
      readerId: reader.id,
      barcode: flagged[0]!.barcode,
    });
    expect(lend.statusCode).not.toBe(201);
    expect(lend.json<{ code: string; title: string }>()).toMatchObject({
      code: 'withheld',
      title: expect.stringContaining('01.12.2026'),
    });
    // Each copy's change is audited as the copy's own.
    expect(
      (await db.select().from(auditLog).where(eq(auditLog.objectId, flagged[0]!.id))).map((a) => a.action),
    ).toEqual(['item.status']);

    // The record shows the mark to the staff who lend it; not to another network's.
    const marks = await desk.deskA.get(`/api/v1/catalog/extremist/records/${warrior.id}/marks`);
    expect(marks.statusCode, marks.body).toBe(200);
    expect(marks.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ checkId, entryNumber: 1, action: 'flag', copiesAffected: 3, checkedOn: '2026-12-01' }),
    ]);
    const outsider = await buildDesk(db, ctx.app);
    expect(
      (await outsider.deskA.get(`/api/v1/catalog/extremist/records/${warrior.id}/marks`)).json<{ items: unknown[] }>()
        .items,
    ).toEqual([]);

    // Withdraw the other: written off.
    expect((await decide(dozor.id, { decision: 'confirmed', action: 'withdraw' })).statusCode).toBe(200);
    expect(await statusOf([withdrawn.id])).toEqual(['written_off']);

    // Neither decision changes any more: not into the other action, not back to pending or dismissed, not even repeated.
    for (const [recordId, body] of [
      [warrior.id, { decision: 'confirmed', action: 'withdraw' }],
      [warrior.id, { decision: 'confirmed', action: 'flag' }],
      [warrior.id, { decision: 'dismissed' }],
      [dozor.id, { decision: 'confirmed', action: 'flag' }],
      [dozor.id, { decision: 'pending' }],
    ] as const) {
      const res = await decide(recordId, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(409);
      expect(res.json<{ code: string; title: string }>()).toMatchObject({
        code: 'extremist_match_confirmed',
        title: expect.stringContaining(staff.login),
      });
    }
    expect(await statusOf([...flagged.map((c) => c.id), repaired.id])).toEqual(['in_repair', 'in_repair', 'in_repair']);
    expect(await statusOf([withdrawn.id])).toEqual(['written_off']);
    const decided = (await http.get(`/api/v1/catalog/extremist/checks/${checkId}/matches`)).json<{
      items: { recordId: string; action: string; copiesAffected: number }[];
    }>().items;
    expect(decided.find((m) => m.recordId === warrior.id)).toMatchObject({ action: 'flag', copiesAffected: 3 });
    expect(decided.find((m) => m.recordId === dozor.id)).toMatchObject({ action: 'withdraw', copiesAffected: 1 });

    // The act says what was done: the flagged copies withheld from readers and kept, listed by number.
    expect((await http.post(`/api/v1/catalog/extremist/checks/${checkId}/close`)).statusCode).toBe(200);
    const act = actText((await http.get(`/api/v1/catalog/extremist/checks/${checkId}/act.pdf`)).rawPayload);
    if (act === null) return;
    const flat = act.replace(/\s+/g, ' ');
    expect(flat).not.toContain('отмечены в каталоге');
    expect(flat).toContain('сняты с выдачи читателям, хранятся до списания');
    expect(flat).toContain('изъяты из фонда (списаны)');
    expect(flat).toContain('Сняты с выдачи читателям (хранятся до списания) экземпляры:');
    for (const copy of [...flagged, repaired]) expect(flat).toContain(copy.inventoryNumber);
  });
});
