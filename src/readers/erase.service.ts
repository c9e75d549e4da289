/**
 * Erasing a reader's data on their request (152-ФЗ, Закон КР №58). The row stays so that loans,
 * visits and registrations are still counted by age group and category; everything that names or
 * reaches the person goes: names, birth date (the birth year stays), contacts, address, notes,
 * guardian, portal password, and the card number (replaced, so old audit entries lead nowhere).
 * Refused while the reader holds books or a hold waits for them on a shelf or in transit.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { readerProblem } from './readers.errors';
import type { Reader } from './readers.service';
import { readers } from './readers.tables';

export async function eraseReader(db: Db, actor: AuditActor, reader: Reader, now = new Date()): Promise<Reader> {
  if (reader.isAnonymised) throw readerProblem(409, 'reader_anonymised', 'readers.anonymised');
  if (reader.mergedIntoId) throw readerProblem(409, 'reader_merged', 'readers.merged');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from readers where id = ${reader.id} for update`);
    const open = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from loans where reader_id = ${reader.id} and returned_at is null`,
      ),
    );
    if ((open[0]?.n ?? 0) > 0) throw readerProblem(409, 'erase_open_loans', 'readers.erase_open_loans');
    const held = rowsOf<{ n: number }>(
      await tx.execute(
        sql`select count(*)::int as n from holds where reader_id = ${reader.id} and status in ('in_transit','ready')`,
      ),
    );
    if ((held[0]?.n ?? 0) > 0) throw readerProblem(409, 'erase_holds', 'readers.erase_holds');
    await tx.execute(
      sql`update holds set status = 'cancelled', closed_at = ${now} where reader_id = ${reader.id} and status = 'waiting'`,
    );
    const [erased] = await tx
      .update(readers)
      .set({
        cardNumber: `X-${randomUUID()}`,
        surname: '',
        firstName: '',
        patronymic: '',
        birthDate: null,
        sex: null,
        phone: '',
        email: '',
        address: '',
        notes: '',
        guardianName: '',
        guardianRelation: '',
        guardianPhone: '',
        nameFolded: '',
        searchText: '',
        passwordHash: null,
        blockReason: '',
        isAnonymised: true,
        anonymisedAt: now,
        updatedAt: now,
      })
      .where(sql`${readers.id} = ${reader.id}`)
      .returning();
    await writeAudit(tx, actor, {
      action: 'reader.erase',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      after: { isAnonymised: true, birthYear: reader.birthYear, categoryId: reader.categoryId },
    });
    return erased!;
  });
}
