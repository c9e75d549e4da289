/**
 * The demo reader: the person behind the demo account `reader`, registered at the Kemin central
 * library with card KEM-000001 and the demo password for the portal account, two books on loan (one
 * of them overdue) and a hold waiting in the queue.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { SYSTEM_ACTOR } from '../audit';
import { checkOutItem, placeHold } from '../circulation';
import { libraries } from '../network/network.tables';
import { ensureDefaultCategories, findCategoryByCode, readers } from '../readers';
import { ZReaderRegistration } from '../readers/readers.schemas';
import { registerReader } from '../readers/readers.service';
import { staffUsers } from '../staff/staff.tables';

export const DEMO_READER_CARD = 'KEM-000001';

export async function insertDemoReader(tx: Db, passwordHash: string, now = new Date()) {
  const [lib] = await tx.select().from(libraries).where(eq(libraries.code, 'KEM-CB'));
  if (!lib) return;
  await ensureDefaultCategories(tx, lib.networkId);
  const category = await findCategoryByCode(tx, lib.networkId, 'teacher');
  const registered = new Date(now.getTime() - 40 * 86400_000);
  const reader = await registerReader(
    tx,
    SYSTEM_ACTOR,
    lib,
    ZReaderRegistration.parse({
      surname: 'Токтосунов',
      firstName: 'Азамат',
      patronymic: 'Эркинович',
      birthDate: '1986-03-14',
      categoryId: category!.id,
      phone: '+996 555 310 486',
      address: 'с. Кемин, ул. Манаса, 12',
      libraryId: lib.id,
      cardNumber: DEMO_READER_CARD,
      consentGiven: true,
      consentDate: registered.toISOString().slice(0, 10),
    }),
    registered,
  );
  await tx.update(readers).set({ passwordHash }).where(eq(readers.id, reader.id));

  // Copies on the central library's shelves, one per record, the classics first.
  const copies = rowsOf<{ barcode: string; recordId: string; title: string }>(
    await tx.execute(sql`
      select distinct on (b.title) i.barcode, i.record_id as "recordId", b.title
      from items i join bib_records b on b.id = i.record_id
      where i.library_id = ${lib.id} and i.status = 'available' and b.age_label is distinct from '18+'
      order by b.title, i.barcode`),
  );
  const wanted = ['Джамиля', 'Белый пароход', 'Манас'];
  const pick = wanted.map((title) => copies.find((c) => c.title === title)).filter((c) => !!c);
  const desk = { id: lib.id, networkId: lib.networkId };
  // Lent at the desk by a staff member of the library (the desk's undo log names who lent).
  const [clerk] = await tx
    .select({ id: staffUsers.id, login: staffUsers.login })
    .from(staffUsers)
    .where(and(eq(staffUsers.libraryId, lib.id), inArray(staffUsers.role, ['director', 'librarian', 'network_admin'])))
    .limit(1);
  const actor = clerk ?? SYSTEM_ACTOR;
  const [overdue, current, held] = [pick[0] ?? copies[0], pick[1] ?? copies[1], pick[2] ?? copies[2]];
  if (overdue) await checkOutItem(tx, actor, desk, { libraryId: lib.id, readerId: reader.id, barcode: overdue.barcode }, new Date(now.getTime() - 35 * 86400_000));
  if (current) await checkOutItem(tx, actor, desk, { libraryId: lib.id, readerId: reader.id, barcode: current.barcode }, new Date(now.getTime() - 5 * 86400_000));
  if (held) await placeHold(tx, actor, desk, { readerId: reader.id, recordId: held.recordId, pickupLibraryId: lib.id }, null, now);
}
