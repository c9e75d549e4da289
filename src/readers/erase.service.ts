/**
 * Erasing a reader's data on their request (152-ФЗ, Закон КР №58). The row stays so that loans,
 * visits and registrations are still counted by age group and category; everything that names or
 * reaches the person goes: names, birth date (the birth year stays), contacts, address, notes,
 * guardian, portal password, and the card number (replaced). The reader's earlier audit entries keep
 * their action, time, actor and the reader's (now anonymous) id, but lose the card number and every
 * personal value they held. Cards merged into this one are the same person: erased with it.
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
    const merged = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from readers where merged_into_id = ${reader.id}`),
    );
    for (const m of merged)
      await tx
        .update(readers)
        .set(erasedFields(now))
        .where(sql`${readers.id} = ${m.id}`);
    const [erased] = await tx
      .update(readers)
      .set(erasedFields(now))
      .where(sql`${readers.id} = ${reader.id}`)
      .returning();
    await scrubAudit(tx, [reader.id, ...merged.map((m) => m.id)]);
    await writeAudit(tx, actor, {
      action: 'reader.erase',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      after: {
        isAnonymised: true,
        birthYear: reader.birthYear,
        categoryId: reader.categoryId,
        mergedCards: merged.length,
      },
    });
    return erased!;
  });
}

/** Keys of audit values that name or reach a reader. */
const PERSONAL_AUDIT_KEYS = [
  'cardNumber',
  'mergedCard',
  'blockReason',
  'surname',
  'firstName',
  'patronymic',
  'birthDate',
  'phone',
  'email',
  'address',
  'notes',
  'guardianName',
  'guardianRelation',
  'guardianPhone',
];

/** The readers' audit entries keep what happened, when and by whom; the summary (the card number) and personal values go. */
async function scrubAudit(tx: Db, readerIds: string[]) {
  const keys = sql`array[${sql.join(
    PERSONAL_AUDIT_KEYS.map((k) => sql`${k}`),
    sql`, `,
  )}]::text[]`;
  await tx.execute(sql`
    update audit_log set summary = '', before = before - ${keys}, after = after - ${keys}
    where object_type = 'reader' and object_id in (${sql.join(
      readerIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
}

function erasedFields(now: Date) {
  return {
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
  };
}
