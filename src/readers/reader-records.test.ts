/** Merging duplicates, a reader's data on request (export, erasure keeping statistics), printed cards and consent. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rowsOf } from '../app/db';
import { summarizeCirculation } from '../circulation';
import {
  birthDateYearsAgo,
  buildCopy,
  buildDesk,
  buildReader,
  buildRecord,
} from '../circulation/circulation.test-support';
import { describeOnEachDatabase } from '../test/harness';
import { uniq } from '../test/factories';
import { findReader } from './readers.service';

const pdfText = (body: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-pdf-'));
  writeFileSync(join(dir, 'a.pdf'), body);
  return execFileSync('pdftotext', [join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
};

describeOnEachDatabase('reader records', (ctx) => {
  const setup = async () => {
    const db = ctx.database.db;
    const d = await buildDesk(db, ctx.app);
    const record = await buildRecord(db, { title: uniq('Жамиля ') });
    const lend = async (readerId: string, branch = d.branchA, desk = d.deskA) => {
      const copy = await buildCopy(db, record.id, branch);
      const res = await desk.post('/api/v1/circulation/checkout', {
        libraryId: branch.id,
        readerId,
        barcode: copy.barcode,
      });
      expect(res.statusCode, res.body).toBe(201);
      return copy;
    };
    return { db, d, record, lend };
  };

  it('merges a duplicate: its loans and registrations move to the survivor, its card still finds the survivor at the desk', async () => {
    const { db, d, lend } = await setup();
    const surname = uniq('Токтогулова');
    const survivor = await buildReader(db, d.branchA, {
      surname,
      firstName: 'Айпери',
      birthDate: '1988-03-08',
      phone: '',
    });
    const duplicate = await buildReader(db, d.branchB, {
      surname: surname.toUpperCase(),
      firstName: 'Айпери',
      birthDate: '1988-03-08',
      phone: '+996 555 101010',
      allowDuplicate: true,
    });
    await lend(duplicate.id, d.branchB, d.deskB);
    await lend(survivor.id);

    const found = await d.director.get(`/api/v1/readers/${survivor.id}/duplicates`);
    expect(found.json<{ id: string }[]>().map((r) => r.id)).toEqual([duplicate.id]);

    const merged = await d.director.post(`/api/v1/readers/${survivor.id}/merge`, { duplicateId: duplicate.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const out = merged.json<{ phone: string; registrations: { libraryId: string }[] }>();
    expect(out.phone).toBe('+996 555 101010');
    expect(out.registrations.map((r) => r.libraryId).sort()).toEqual([d.branchA.id, d.branchB.id].sort());

    const loans = await d.director.get(`/api/v1/readers/${survivor.id}/loans`);
    expect(loans.json<{ open: unknown[] }>().open).toHaveLength(2);
    expect((await findReader(db, duplicate.id))!.mergedIntoId).toBe(survivor.id);

    const atDesk = await d.deskB.get(
      `/api/v1/circulation/desk/reader?libraryId=${d.branchB.id}&card=${duplicate.cardNumber}`,
    );
    expect(atDesk.statusCode, atDesk.body).toBe(200);
    expect(atDesk.json<{ reader: { id: string } }>().reader.id).toBe(survivor.id);

    // Both had a hold on the same book; the duplicate's copy waited on the hold shelf: it goes to the survivor's hold.
    const record = await buildRecord(db);
    const copy = await buildCopy(db, record.id, d.branchA);
    const another = await buildReader(db, d.branchA);
    const second = await buildReader(db, d.branchB, { surname, firstName: 'Айпери', birthDate: '1988-03-08', allowDuplicate: true });
    const hold = async (readerId: string) =>
      (await d.deskA.post('/api/v1/circulation/holds', { readerId, recordId: record.id, pickupLibraryId: d.branchA.id })).json<{ id: string }>().id;
    const secondHold = await hold(second.id);
    const survivorHold = await hold(survivor.id);
    await hold(another.id);
    expect((await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode })).json()).toMatchObject({ next: { kind: 'hold_shelf', holdId: secondHold } });
    expect((await d.director.post(`/api/v1/readers/${survivor.id}/merge`, { duplicateId: second.id })).statusCode).toBe(200);
    const states = rowsOf<{ id: string; status: string; itemId: string | null }>(
      await db.execute(sql`select id, status, item_id as "itemId" from holds where id in (${secondHold}, ${survivorHold})`),
    );
    expect(Object.fromEntries(states.map((h) => [h.id, [h.status, h.itemId]]))).toEqual({
      [secondHold]: ['cancelled', copy.id],
      [survivorHold]: ['ready', copy.id],
    });

    const listed = await d.director.get(`/api/v1/readers?q=${encodeURIComponent(surname)}`);
    expect(listed.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([survivor.id]);
    const again = await d.director.post(`/api/v1/readers/${survivor.id}/merge`, { duplicateId: duplicate.id });
    expect(again.statusCode).toBe(409);
  });

  it('filters the list by age group, library and block', async () => {
    const { db, d } = await setup();
    const tag = uniq('Бекмуратов');
    const guardian = { guardianName: 'Бекмуратова Айжан', guardianRelation: 'мать', guardianPhone: '+996 555 111222' };
    const child = await buildReader(db, d.branchA, { surname: tag, birthDate: birthDateYearsAgo(8), ...guardian });
    const adult = await buildReader(db, d.branchB, { surname: tag, birthDate: birthDateYearsAgo(40) });
    await d.director.post(`/api/v1/readers/${adult.id}/block`, { reason: 'Долг' });
    const ids = async (query: string) =>
      (await d.director.get(`/api/v1/readers?q=${encodeURIComponent(tag)}&${query}`))
        .json<{ items: { id: string }[] }>()
        .items.map((r) => r.id);
    expect(await ids('ageGroup=upTo14')).toEqual([child.id]);
    expect(await ids('ageGroup=over30')).toEqual([adult.id]);
    expect(await ids(`libraryId=${d.branchB.id}`)).toEqual([adult.id]);
    expect(await ids('isBlocked=true')).toEqual([adult.id]);
  });

  it('refuses to merge readers who are not the same person', async () => {
    const { db, d } = await setup();
    const a = await buildReader(db, d.branchA);
    const b = await buildReader(db, d.branchA);
    const res = await d.director.post(`/api/v1/readers/${a.id}/merge`, { duplicateId: b.id });
    expect(res.statusCode).toBe(409);
    expect(res.json<{ title: string }>().title).toContain('same name');
  });

  it('exports everything held about a reader, loan history included', async () => {
    const { db, d, lend, record } = await setup();
    const reader = await buildReader(db, d.branchA, { address: 'с. Кемин, ул. Манаса 5' });
    const copy = await lend(reader.id);
    await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    const json = await d.deskA.get(`/api/v1/readers/${reader.id}/data.json`);
    expect(json.statusCode).toBe(200);
    const data = json.json<{
      reader: { address: string };
      loans: { title: string; returnedAt: string | null }[];
      visits: unknown[];
    }>();
    expect(data.reader.address).toBe('с. Кемин, ул. Манаса 5');
    expect(data.loans).toEqual([expect.objectContaining({ title: record.title, returnedAt: expect.any(String) })]);
    expect(data.visits).toHaveLength(1);
    const pdf = await d.deskA.get(`/api/v1/readers/${reader.id}/data.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain(reader.cardNumber);
    expect(text).toContain(record.title);
  });

  it('erases on request: refused while loans are open; afterwards nothing personal remains and statistics are unchanged', async () => {
    const { db, d, lend } = await setup();
    const child = await buildReader(db, d.branchA, {
      birthDate: birthDateYearsAgo(10),
      guardianName: 'Асанова Гүлнара',
      guardianRelation: 'мать',
      guardianPhone: '+996 555 123456',
    });
    const copy = await lend(child.id);
    await lend(child.id);
    const year = new Date().getUTCFullYear();
    const today = new Date().toISOString().slice(0, 10);
    const period = { libraryIds: [d.branchA.id], from: `${year}-01-01`, to: today };
    const byCategory = async () =>
      rowsOf<{ category_id: string; n: number }>(
        await db.execute(sql`select r.category_id, count(*)::int as n from loans l join readers r on r.id = l.reader_id
                             where l.library_id = ${d.branchA.id} group by r.category_id`),
      );

    const refused = await d.director.post(`/api/v1/readers/${child.id}/erase`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ code: string; title: string }>()).toMatchObject({
      code: 'erase_open_loans',
      title: expect.stringContaining('return'),
    });
    expect((await findReader(db, child.id))!.surname).toBe(child.surname);

    await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: copy.barcode });
    const loans = await d.director.get(`/api/v1/readers/${child.id}/loans`);
    const open = loans.json<{ open: { barcode: string }[] }>().open;
    for (const l of open)
      await d.deskA.post('/api/v1/circulation/return', { libraryId: d.branchA.id, barcode: l.barcode });
    const before = await summarizeCirculation(db, period);
    const categoriesBefore = await byCategory();
    await d.director.post(`/api/v1/readers/${child.id}/block`, { reason: 'Телефон матери +996 555 123456' });
    await d.director.post(`/api/v1/readers/${child.id}/unblock`, {});
    const auditOf = async () =>
      rowsOf<{ action: string; actor_login: string; at: unknown; summary: string; before: unknown; after: unknown }>(
        await db.execute(sql`select action, actor_login, at, summary, before, after from audit_log
                             where object_type = 'reader' and object_id = ${child.id} order by id`),
      );
    const entriesBefore = await auditOf();
    expect(JSON.stringify(entriesBefore)).toContain(child.cardNumber);
    expect(JSON.stringify(entriesBefore)).toContain('+996 555 123456');

    const librarian = await d.deskA.post(`/api/v1/readers/${child.id}/erase`, {});
    expect(librarian.statusCode).toBe(403);
    const erased = await d.director.post(`/api/v1/readers/${child.id}/erase`, {});
    expect(erased.statusCode, erased.body).toBe(200);

    const row = (await findReader(db, child.id))!;
    expect(row).toMatchObject({
      isAnonymised: true,
      surname: '',
      firstName: '',
      birthDate: null,
      phone: '',
      guardianName: '',
      guardianPhone: '',
    });
    expect(row.cardNumber).not.toBe(child.cardNumber);
    expect(row.birthYear).toBe(child.birthYear);
    expect(await summarizeCirculation(db, period)).toEqual(before);
    expect(before.loans.children).toBe(2);
    expect(await byCategory()).toEqual(categoriesBefore);
    const audit = rowsOf(await db.execute(sql`select * from audit_log where object_id = ${child.id}`));
    expect(JSON.stringify(audit)).not.toContain('Асанова');
    // The earlier entries keep what was done, when and by whom, under the anonymous id; the card and personal values are gone.
    const entriesAfter = await auditOf();
    expect(JSON.stringify(entriesAfter)).not.toContain(child.cardNumber);
    expect(JSON.stringify(entriesAfter)).not.toContain('+996 555 123456');
    expect(entriesAfter.map((e) => e.action)).toEqual([...entriesBefore.map((e) => e.action), 'reader.erase']);
    expect(entriesAfter.slice(0, -1).map((e) => [e.actor_login, String(e.at)])).toEqual(entriesBefore.map((e) => [e.actor_login, String(e.at)]));
    expect(entriesAfter.find((e) => e.action === 'reader.block')!.after).toEqual({ isBlocked: true });
    const atDesk = await d.deskA.get(
      `/api/v1/circulation/desk/reader?libraryId=${d.branchA.id}&card=${child.cardNumber}`,
    );
    expect(atDesk.statusCode).toBe(404);
  });

  it('prints a card and a batch on A4 with the card numbers, and the consent form with the guardian block', async () => {
    const { db, d } = await setup();
    const child = await buildReader(db, d.branchA, {
      surname: uniq('Үсөнова'),
      birthDate: birthDateYearsAgo(9),
      guardianName: 'Үсөнова Гүлнара',
      guardianRelation: 'мать',
      guardianPhone: '+996 555 123456',
    });
    const adult = await buildReader(db, d.branchA);
    const card = await d.deskA.get(`/api/v1/readers/${child.id}/card.pdf`);
    expect(card.headers['content-type']).toBe('application/pdf');
    const text = pdfText(card.rawPayload);
    expect(text).toContain(child.cardNumber);
    expect(text).toContain(child.surname);
    const batch = await d.deskA.get(`/api/v1/readers/cards.pdf?ids=${child.id},${adult.id}`);
    const batchText = pdfText(batch.rawPayload);
    expect(batchText).toContain(child.cardNumber);
    expect(batchText).toContain(adult.cardNumber);
    const consent = pdfText((await d.deskA.get(`/api/v1/readers/${child.id}/consent.pdf?language=ru`)).rawPayload);
    expect(consent).toContain('Закон');
    expect(consent).toContain('Үсөнова Гүлнара');
    expect(consent).toContain('2026.1');
  });
});
