/**
 * The demo catalogue: a few well-known Kyrgyz books (so "айтматов джамиля" finds something) and a few
 * thousand generated plausible records, with copies spread over the demo libraries. Inserted in bulk,
 * deterministic, and written through the same MARC writer and column extraction as real cataloguing.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../app/db';
import { bibRecords, columnsFromMarc, items, ZRecordInput, type TRecordInput } from '../catalog';
import { suggestCallNumber } from '../catalog/author-mark';
import { generateRecord } from '../catalog/catalog.generator';
import { writeFormToMarc } from '../catalog/record-writer';
import type { libraries } from '../network';
import { rngFor } from './demo.random';

export const DEMO_RECORD_COUNT = 3000;

const CLASSICS: TRecordInput[] = [
  { title: 'Джамиля', otherTitle: 'повесть', authors: ['Айтматов, Ч.'], responsibility: 'Чингиз Айтматов', place: 'Фрунзе', publisher: 'Кыргызстан', year: 1988, language: 'rus', subjects: ['Кыргызская литература'], bbk: ['84(2Ки)6'] },
  { title: 'Белый пароход', otherTitle: 'повесть', authors: ['Айтматов, Ч.'], responsibility: 'Чингиз Айтматов', place: 'Фрунзе', publisher: 'Кыргызстан', year: 1970, language: 'rus', subjects: ['Кыргызская литература'], bbk: ['84(2Ки)6'] },
  { title: 'И дольше века длится день', otherTitle: 'роман', authors: ['Айтматов, Ч.'], place: 'Москва', publisher: 'Молодая гвардия', year: 1981, language: 'rus', subjects: ['Кыргызская литература'], bbk: ['84(2Ки)6'] },
  { title: 'Манас', otherTitle: 'кыргыз эли эпосу', authors: [], responsibility: 'Саякбай Каралаев айтуусу боюнча', place: 'Бишкек', publisher: 'Шам', year: 1995, language: 'kir', subjects: ['Кыргызский эпос'], bbk: ['82.3(2Ки)'] },
  { title: 'Өнөр жана турмуш', authors: ['Токомбаев, А.'], place: 'Бишкек', publisher: 'Кыргызстан', year: 2001, language: 'kir', subjects: ['Кыргызская литература'], bbk: ['84(2Ки)6'] },
  { title: 'Кыргыз эл жомоктору', authors: [], place: 'Бишкек', publisher: 'Мектеп', year: 2010, language: 'kir', subjects: ['Сказки'], bbk: ['82.3(2Ки)'], ageLabel: '0+' },
].map((r) => ZRecordInput.parse(r));

type DemoLibrary = typeof libraries.$inferInsert & { id: string; networkId: string; code: string };

/** Records and copies for the demo libraries; the first library of each network is its central one. */
export async function insertDemoCatalogue(tx: Db, demoLibraries: DemoLibrary[]) {
  const forms = [
    ...CLASSICS.map((form) => ({ form, format: 'rusmarc' as const, copies: 12 })),
    ...Array.from({ length: DEMO_RECORD_COUNT - CLASSICS.length }, (_, i) => generateRecord(i, 7)),
  ];
  const rng = rngFor('demo catalogue');
  // Shelf and acquisition of each copy, drawn apart so that the copies' libraries stay as they were.
  const shelf = rngFor('demo copies: shelf and acquisition');
  const now = new Date('2026-01-01T00:00:00Z');
  const inventory = new Map<string, number>();
  for (let start = 0; start < forms.length; start += 500) {
    const records: (typeof bibRecords.$inferInsert)[] = [];
    const copies: (typeof items.$inferInsert)[] = [];
    for (const { form, format, copies: wanted } of forms.slice(start, start + 500)) {
      const id = randomUUID();
      records.push({ id, ...columnsFromMarc(writeFormToMarc(form, format, null, { controlNumber: id, now }), format) });
      const count = Math.min(wanted, 1 + rng.int(0, 3));
      const callNumber = suggestCallNumber(form.bbk, form.authors[0] ?? null, form.title);
      const forChildren = form.ageLabel === '0+' || form.ageLabel === '6+';
      for (let c = 0; c < count; c++) {
        const library = demoLibraries[rng.int(0, demoLibraries.length - 1)]!;
        const next = (inventory.get(library.networkId) ?? 10000) + 1;
        inventory.set(library.networkId, next);
        const status = rng.int(0, 9) === 0 ? 'on_loan' : 'available';
        copies.push({
          recordId: id,
          libraryId: library.id,
          networkId: library.networkId,
          inventoryNumber: String(next),
          barcode: `${library.code}-${next}`,
          callNumber,
          location: forChildren ? 'Детский абонемент' : shelf.pick(['Абонемент', 'Абонемент', 'Читальный зал']),
          acquiredOn: `${shelf.int(Math.min(Math.max(form.year ?? 1995, 1995), 2025), 2025)}-${String(shelf.int(1, 12)).padStart(2, '0')}-${String(shelf.int(1, 28)).padStart(2, '0')}`,
          price: rng.int(50, 900),
          currency: 'KGS',
          status,
        });
      }
    }
    await tx.insert(bibRecords).values(records);
    await tx.insert(items).values(copies);
  }
  return { records: forms.length };
}
