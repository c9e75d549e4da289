/** Catalogue cards: the ГОСТ description with its heading and call number, the library's inventory numbers, continuation cards, scope. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit';
import { buildLibrary, buildNetwork, buildStaff, client, login, uniq } from '../test/factories';
import { describeOnEachDatabase } from '../test/harness';
import { callNumberLines, cardWords, renderCards, tracings } from './cards';
import { ZRecordCreate } from './catalog.schemas';
import { addItem } from './items.service';
import { createRecordFromForm } from './records.service';

const MM = 72 / 25.4;
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

/** The PDF's text as pdftotext reads it, one card's lines kept together (-layout). */
const pdfText = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-cards-'));
  writeFileSync(join(dir, 'cards.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir, 'cards.pdf'), '-'], { encoding: 'utf8' });
};

it('sets the author mark under the ББК index and numbers the subject tracings', () => {
  expect(callNumberLines('84(5Кир)6 А 36')).toEqual(['84(5Кир)6', 'А 36']);
  expect(callNumberLines('84(2Рос=Рус)6 Т33')).toEqual(['84(2Рос=Рус)6', 'Т33']);
  expect(callNumberLines('Ф 12/3')).toEqual(['Ф 12/3']);
  expect(callNumberLines('  ')).toEqual([]);
  expect(tracings(['Кыргызская литература', 'Повести.'])).toBe('1. Кыргызская литература. 2. Повести.');
});

it('never ends a line with "ISBN" or "№": the number goes with it', async () => {
  expect(cardWords('– 96 с. – ISBN  5-655-00012-3. – (Серия ; № 3)')).toEqual(['–', '96', 'с.', '–', 'ISBN 5-655-00012-3.', '–', '(Серия', ';', '№ 3)']);
  // A description whose ISBN falls at the end of a line on the card.
  for (let pad = 0; pad < 12; pad++) {
    const description = `${'Повесть '.repeat(pad)}Джамиля : повесть / Чингиз Айтматов. – Бишкек : Кыргызстан, 1988. – 96 с. – ISBN 5-655-00012-3.`;
    const card = { callNumber: '84(5Кир)6 А 36', heading: 'Айтматов, Ч.', description, subjects: [], bbk: [], udc: [], inventoryNumbers: [] };
    expect(pdfText(await renderCards([card], { layout: 'card' }))).toMatch(/ISBN 5-655-00012-3/);
  }
});

it('goes on to a continuation card when the description does not fit, three cards to an A4 sheet', async () => {
  const card = { callNumber: '84(5Кир)6 А 36', heading: 'Айтматов, Ч.', description: 'Джамиля : повесть.', subjects: [], bbk: ['84(5Кир)6'], udc: [], inventoryNumbers: ['1'] };
  const long = { ...card, description: Array(40).fill('Көк жаңгак токойлору жана алардын тарыхы.').join(' ') };
  expect(pageCount(await renderCards([card, card, card], { layout: 'a4' }))).toBe(1);
  expect(pageCount(await renderCards([card, card, card, card], { layout: 'a4' }))).toBe(2);
  expect(pageCount(await renderCards([card], { layout: 'card' }))).toBe(1);
  const continued = await renderCards([long], { layout: 'card' });
  expect(pageCount(continued)).toBeGreaterThan(1);
  expect(pdfText(continued)).toContain('(Продолжение)');
});

it('keeps the rod hole at the bottom centre of the card free of text', async () => {
  const numbers = Array.from({ length: 40 }, (_, i) => String(100200 + i));
  const card = { callNumber: '84(5Кир)6 А 36', heading: 'Айтматов, Ч.', description: 'Джамиля : повесть.', subjects: [], bbk: ['84(5Кир)6', '83.3(5Кир)'], udc: ['821.512.154-31'], inventoryNumbers: numbers };
  const dir = mkdtempSync(join(tmpdir(), 'kp-cards-'));
  writeFileSync(join(dir, 'card.pdf'), await renderCards([card], { layout: 'card' }));
  const html = execFileSync('pdftotext', ['-bbox', join(dir, 'card.pdf'), '-'], { encoding: 'utf8' });
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]) / MM, y1: Number(m[4]) / MM, x1: Number(m[3]) / MM, text: m[5]!,
  }));
  // Every number is printed; none of the words in the bottom 15 mm reaches within 5 mm of the centre line.
  expect(numbers.every((n) => words.some((w) => w.text.startsWith(n)))).toBe(true);
  const bottom = words.filter((w) => w.y1 > 75 - 15);
  expect(bottom.length).toBeGreaterThan(0);
  expect(bottom.filter((w) => w.x1 > 62.5 - 5 && w.x0 < 62.5 + 5)).toEqual([]);
});

/** Each word pdftotext finds on the first page, with its box in mm from the card's top left. */
const wordBoxes = (pdf: Buffer) => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-cards-'));
  writeFileSync(join(dir, 'card.pdf'), pdf);
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', join(dir, 'card.pdf'), '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: Number(m[1]) / MM, y0: Number(m[2]) / MM, x1: Number(m[3]) / MM, y1: Number(m[4]) / MM, text: m[5]!,
  }));
};

it('wraps a call number or inventory number wider than its column within it, nothing drawn over anything', async () => {
  const cases = [
    { callNumber: '84(2Кир=Кир)6-44 Ж88', index: ['84(2Кир=', 'Кир)6-44'], mark: 'Ж88' },
    { callNumber: '63.3(2Ки)6-8 А 12', index: ['63.3(2Ки)', '6-8'], mark: 'А 12' },
  ];
  for (const { callNumber, index, mark } of cases) {
    const card = {
      callNumber, heading: 'Жусупов, К.', description: 'Сынган кылыч : роман / Төлөгөн Касымбеков. – Бишкек : Шам, 2005. – 580 б.', subjects: ['Кыргыз адабияты'],
      bbk: ['84(2Кир=Кир)6-44', '63.3(2Ки)6-8'], udc: ['821.512.154-31'], inventoryNumbers: ['КХ-2024/000123456789', 'ОФ-000457-2023/12345678901234567890'],
    };
    const words = wordBoxes(await renderCards([card], { layout: 'card' }));
    // The left column (before the body at 27 mm) holds the index over as many lines as it needs, then the mark.
    const column = words.filter((w) => w.x0 < 26 && w.y1 < 30).sort((a, b) => a.y0 - b.y0);
    expect(column.map((w) => w.text).join(' ')).toBe([...index, mark].join(' '));
    expect(column.every((w) => w.x1 <= 26)).toBe(true);
    // No two words overlap, and all stay on the card.
    const overlapping = words.flatMap((a, i) => words.slice(i + 1).filter((b) => a.x0 < b.x1 - 0.1 && b.x0 < a.x1 - 0.1 && a.y0 < b.y1 - 0.1 && b.y0 < a.y1 - 0.1).map((b) => `${a.text} × ${b.text}`));
    expect(overlapping).toEqual([]);
    expect(words.every((w) => w.x0 >= 0 && w.x1 <= 125 && w.y0 >= 0 && w.y1 <= 75)).toBe(true);
    // Every piece of the long inventory numbers is printed, left of the rod hole.
    const footer = words.filter((w) => w.y0 > 50 && w.x1 < 56).map((w) => w.text).join('');
    expect(footer).toContain('КХ-2024/000123456789');
    expect(footer).toContain('ОФ-000457-2023/12345678901234567890');
  }
});

describeOnEachDatabase('catalogue cards (PDF)', (ctx) => {
  async function fixture() {
    const db = ctx.database.db;
    const network = await buildNetwork(db);
    const library = await buildLibrary(db, network.id);
    const other = await buildLibrary(db, network.id);
    const record = await createRecordFromForm(
      db,
      SYSTEM_ACTOR,
      ZRecordCreate.parse({ title: 'Джамиля', otherTitle: 'повесть', authors: ['Айтматов, Ч.'], responsibility: 'Чингиз Айтматов', place: 'Бишкек', publisher: 'Кыргызстан', year: 1988, subjects: ['Кыргызская литература'], bbk: ['84(5Кир)6'], language: 'rus' }),
    );
    const titleEntry = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ title: uniq('История Кыргызстана '), year: 2015, language: 'rus' }));
    const copy = (lib: typeof library, inventoryNumber: string, callNumber: string) =>
      addItem(db, SYSTEM_ACTOR, record.id, lib, {
        libraryId: lib.id, inventoryNumber, barcode: uniq('B'), callNumber, location: '', price: null, currency: null, acquiredOn: null, status: 'available', notes: '',
      });
    // "7-…" before "8-…" in the inventory book's order (digits compared as numbers), whatever follows.
    const mine = [uniq('7-'), uniq('8-')];
    await copy(library, mine[0]!, '84(5Кир)6 А 36');
    await copy(library, mine[1]!, '84(5Кир)6 А 36');
    const theirs = uniq('9');
    await copy(other, theirs, '84(5Кир)6 А 37');
    return { db, library, other, record, titleEntry, mine, theirs };
  }

  it('prints a librarian the cards of records with the call number and inventory numbers of their library', async () => {
    const { db, library, record, titleEntry, mine, theirs } = await fixture();
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    const res = await client(ctx.app, await login(ctx.app, librarian.login)).get(`/api/v1/catalog/cards.pdf?recordIds=${record.id},${titleEntry.id}&layout=card`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(pageCount(res.rawPayload)).toBe(2);
    const [first, second] = pdfText(res.rawPayload).split('\f').map((page) => page.replace(/\s+/g, ' '));
    // The index, the heading, the author mark, then the description without the heading.
    expect(first).toContain('84(5Кир)6 Айтматов, Ч. А 36 Джамиля : повесть / Чингиз Айтматов. – Бишкек : Кыргызстан, 1988.');
    expect(first).toContain('1. Кыргызская литература.');
    expect(first).toContain(`Инв. № ${mine.join(', ')}`);
    expect(first).not.toContain(theirs);
    expect(first).toContain('ББК 84(5Кир)6');
    // A record without copies here and without an author: a title entry, its call number suggested.
    expect(second).toContain(titleEntry.title);
    expect(second).not.toContain('Инв. №');
  });

  it('lists the copies and prints their inventory numbers in the order of the inventory book: 9, 10, 100', async () => {
    const { db, library, record } = await fixture();
    const numbered = await createRecordFromForm(db, SYSTEM_ACTOR, ZRecordCreate.parse({ title: uniq('Ак кеме '), year: 1970, language: 'kir' }));
    // Added out of order, and as text "10" < "100" < "9"; a letter prefix is ordered the same way.
    for (const inventoryNumber of ['100', '9', 'Ф-100', '10', 'Ф-99']) {
      await addItem(db, SYSTEM_ACTOR, numbered.id, library, {
        libraryId: library.id, inventoryNumber, barcode: uniq('B'), callNumber: '', location: '', price: null, currency: null, acquiredOn: null, status: 'available', notes: '',
      });
    }
    const order = ['9', '10', '100', 'Ф-99', 'Ф-100'];
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    const asLibrarian = client(ctx.app, await login(ctx.app, librarian.login));
    // The record page's copies tab.
    const detail = await asLibrarian.get(`/api/v1/catalog/records/${numbered.id}`);
    expect(detail.statusCode).toBe(200);
    const groups = detail.json<{ copies: { libraryId: string; items: { inventoryNumber: string }[] }[] }>().copies;
    expect(groups.find((g) => g.libraryId === library.id)?.items.map((i) => i.inventoryNumber)).toEqual(order);
    const rows = await asLibrarian.get(`/api/v1/catalog/records/${numbered.id}/items`);
    expect(rows.json<{ inventoryNumber: string }[]>().map((i) => i.inventoryNumber)).toEqual(order);
    // The catalogue card.
    const res = await asLibrarian.get(`/api/v1/catalog/cards.pdf?recordIds=${numbered.id},${record.id}&layout=card`);
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload).replace(/\s+/g, ' ')).toContain('Инв. № 9, 10, 100, Ф-99, Ф-100');
  });

  it('prints the network’s managers another library’s numbers when asked, and refuses what is out of scope or malformed', async () => {
    const { db, library, other, record, theirs } = await fixture();
    const director = await buildStaff(db, 'director', 'network', library.networkId);
    const asDirector = client(ctx.app, await login(ctx.app, director.login));
    const res = await asDirector.get(`/api/v1/catalog/cards.pdf?recordIds=${record.id}&libraryId=${other.id}`);
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain(`Инв. № ${theirs}`);

    const url = `/api/v1/catalog/cards.pdf?recordIds=${record.id}`;
    expect((await client(ctx.app).get(url)).statusCode).toBe(401);
    const librarian = await buildStaff(db, 'librarian', 'library', library.id);
    const asLibrarian = client(ctx.app, await login(ctx.app, librarian.login));
    expect((await asLibrarian.get(`${url}&libraryId=${other.id}`)).statusCode).toBe(403);
    const strangerNetwork = await buildNetwork(db);
    const stranger = await buildStaff(db, 'director', 'network', strangerNetwork.id);
    expect((await client(ctx.app, await login(ctx.app, stranger.login)).get(`${url}&libraryId=${library.id}`)).statusCode).toBe(403);
    const official = await buildStaff(db, 'municipal_official', 'network', library.networkId);
    expect((await client(ctx.app, await login(ctx.app, official.login)).get(url)).statusCode).toBe(403);
    expect((await asLibrarian.get('/api/v1/catalog/cards.pdf?recordIds=not-an-id')).statusCode).toBe(422);
    expect((await asLibrarian.get(`/api/v1/catalog/cards.pdf?recordIds=${crypto.randomUUID()}`)).statusCode).toBe(422);
  });
});
