/**
 * Registrations: a reader × library × year row. The first one at a library is a registration, later
 * years are re-registrations; statistics count both. A registration is valid to the end of its year.
 */
import { and, asc, desc, eq, gte, lte, lt } from 'drizzle-orm';
import type { Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { libraries, type Library } from '../network';
import { readerProblem } from './readers.errors';
import type { readers } from './readers.tables';
import { readerRegistrations } from './readers.tables';

type Reader = typeof readers.$inferSelect;
export type Registration = typeof readerRegistrations.$inferSelect;

/** The row registering a reader at a library on a day: kind decided by earlier years there. */
export async function registrationValues(tx: Db, readerId: string, lib: Library, on: string, actor: AuditActor) {
  const year = Number(on.slice(0, 4));
  const earlier = await tx
    .select({ id: readerRegistrations.id })
    .from(readerRegistrations)
    .where(
      and(
        eq(readerRegistrations.readerId, readerId),
        eq(readerRegistrations.libraryId, lib.id),
        lt(readerRegistrations.year, year),
      ),
    )
    .limit(1);
  return {
    readerId,
    libraryId: lib.id,
    networkId: lib.networkId,
    year,
    kind: earlier.length ? ('re_registration' as const) : ('registration' as const),
    registeredOn: on,
    expiresOn: `${year}-12-31`,
    createdBy: actor.id,
  };
}

/** Registers (or re-registers, in a new year) a reader at a library of their network. */
export async function reRegister(db: Db, actor: AuditActor, reader: Reader, lib: Library, on: string) {
  if (reader.isAnonymised) throw readerProblem(409, 'reader_anonymised', 'readers.anonymised');
  if (reader.mergedIntoId) throw readerProblem(409, 'reader_merged', 'readers.merged');
  if (lib.networkId !== reader.networkId) throw readerProblem(409, 'other_network', 'readers.other_network');
  return db.transaction(async (tx) => {
    const values = await registrationValues(tx, reader.id, lib, on, actor);
    const existing = await tx
      .select({ id: readerRegistrations.id })
      .from(readerRegistrations)
      .where(
        and(
          eq(readerRegistrations.readerId, reader.id),
          eq(readerRegistrations.libraryId, lib.id),
          eq(readerRegistrations.year, values.year),
        ),
      );
    if (existing.length) throw readerProblem(409, 'already_registered', 'readers.already_registered');
    const [row] = await tx.insert(readerRegistrations).values(values).returning();
    await writeAudit(tx, actor, {
      action: values.kind === 'registration' ? 'reader.registration' : 'reader.re_registration',
      objectType: 'reader',
      objectId: reader.id,
      networkId: reader.networkId,
      libraryId: lib.id,
      summary: `${reader.cardNumber}: ${values.year}`,
      after: { year: values.year, kind: values.kind },
    });
    return row!;
  });
}

/** A reader's registrations with their libraries, newest first. */
export async function listRegistrations(db: Db, readerId: string) {
  return db
    .select({ registration: readerRegistrations, libraryName: libraries.name })
    .from(readerRegistrations)
    .innerJoin(libraries, eq(libraries.id, readerRegistrations.libraryId))
    .where(eq(readerRegistrations.readerId, readerId))
    .orderBy(desc(readerRegistrations.year), asc(libraries.name));
}

/** The registration that lets the reader be served at the library on the day, or null. */
export async function registrationOn(
  db: Db,
  readerId: string,
  libraryId: string,
  on: string,
): Promise<Registration | null> {
  const rows = await db
    .select()
    .from(readerRegistrations)
    .where(
      and(
        eq(readerRegistrations.readerId, readerId),
        eq(readerRegistrations.libraryId, libraryId),
        lte(readerRegistrations.registeredOn, on),
        gte(readerRegistrations.expiresOn, on),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Whether the reader's registration lets them be served at the library on the day: registered there
 * for that day, not erased or merged away. A block is separate (`reader.isBlocked`), so the desk can
 * say which of the two stops a loan.
 */
export async function isRegistrationValid(
  db: Db,
  reader: Pick<Reader, 'id' | 'isAnonymised' | 'mergedIntoId'>,
  library: { id: string },
  on: string | Date = new Date(),
): Promise<boolean> {
  if (reader.isAnonymised || reader.mergedIntoId) return false;
  const day = typeof on === 'string' ? on : on.toISOString().slice(0, 10);
  return (await registrationOn(db, reader.id, library.id, day)) !== null;
}
