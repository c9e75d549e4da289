/**
 * Registration for an event from the portal. The capacity is enforced by the database: the counter is
 * raised by one conditional UPDATE and a check constraint forbids it from passing the capacity, so
 * simultaneous visitors can never overbook, on PGlite or on a PostgreSQL server shared by several
 * processes. A person registers once per event: the same name with the same phone number (digits
 * compared, so "+996 555 000 111" and "996555000111" are one number) or the same e-mail address is
 * refused; another name with that number or address is someone else of the family. The check runs after the event's row is locked by the seat's
 * UPDATE, so the same form sent twice at once is counted once.
 */
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { foldedContains } from '../app/text-fold';
import { writeAudit, type AuditActor } from '../audit';
import type { TRegistrationInput } from './events.schemas';
import { eventRegistrations, events } from './events.tables';

export type RegistrationResult =
  | { kind: 'registered'; id: string }
  | { kind: 'full' }
  | { kind: 'closed' }
  | { kind: 'already_registered' };

/** The digits of a phone number, as registrations are compared: "+996 (555) 00-01-11" → "99655500011". */
function phoneDigits(phone: string): string {
  return phone.replace(/[^0-9]/g, '');
}

/** A name as registrations are compared: case, ё and spacing aside. */
function nameKey(name: string): string {
  return name.trim().toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ');
}

const phoneDigitsOf = sql`regexp_replace(${eventRegistrations.phone}, '[^0-9]', '', 'g')`;
const nameKeyOf = sql`regexp_replace(replace(lower(trim(${eventRegistrations.name})), 'ё', 'е'), '\\s+', ' ', 'g')`;

/** Thrown inside the transaction so that the seat it took is given back. */
class AlreadyRegistered extends Error {}

/** Registers a visitor; `today` is the local day, after which a planned event no longer takes people. */
export async function registerForEvent(
  db: Db,
  actor: AuditActor,
  eventId: string,
  input: TRegistrationInput,
  today: string,
): Promise<RegistrationResult> {
  const digits = phoneDigits(input.phone);
  const email = input.email.trim().toLowerCase();
  try {
    return await db.transaction(async (tx) => {
      const [seat] = await tx
        .update(events)
        .set({ registeredCount: sql`${events.registeredCount} + 1` })
        .where(
          and(
            eq(events.id, eventId),
            eq(events.isPublic, true),
            eq(events.isRegistrationOpen, true),
            eq(events.status, 'planned'),
            sql`${events.plannedOn} >= ${today}::date`,
            or(isNull(events.capacity), lt(events.registeredCount, events.capacity)),
          ),
        )
        .returning({ id: events.id, networkId: events.networkId, libraryId: events.libraryId, title: events.title });
      if (!seat) {
        const [event] = await tx.select().from(events).where(eq(events.id, eventId));
        const isOpen = event?.isPublic && event.isRegistrationOpen && event.status === 'planned' && event.plannedOn >= today;
        return isOpen ? { kind: 'full' as const } : { kind: 'closed' as const };
      }
      // The same name with the same phone number or the same e-mail address.
      const sameContact = [
        ...(digits ? [sql`${phoneDigitsOf} = ${digits}`] : []),
        ...(email ? [sql`lower(${eventRegistrations.email}) = ${email}`] : []),
      ];
      if (sameContact.length) {
        const [taken] = await tx
          .select({ id: eventRegistrations.id })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, eventId), sql`${nameKeyOf} = ${nameKey(input.name)}`, or(...sameContact)))
          .limit(1);
        if (taken) throw new AlreadyRegistered();
      }
      const [row] = await tx.insert(eventRegistrations).values({ eventId, ...input }).returning();
      await writeAudit(tx, actor, {
        action: 'event.register',
        objectType: 'event',
        objectId: eventId,
        networkId: seat.networkId,
        libraryId: seat.libraryId,
        // The visitor's name and contacts stay out of the log: it is read by more people than the list.
        summary: seat.title,
        after: { registrationId: row!.id },
      });
      return { kind: 'registered' as const, id: row!.id };
    });
  } catch (error) {
    if (error instanceof AlreadyRegistered) return { kind: 'already_registered' };
    throw error;
  }
}

export async function listRegistrations(db: Db, eventId: string, query: { q?: string | undefined; page: number; pageSize: number }) {
  const where = and(
    eq(eventRegistrations.eventId, eventId),
    query.q ? or(foldedContains(eventRegistrations.name, query.q), foldedContains(eventRegistrations.phone, query.q), foldedContains(eventRegistrations.email, query.q)) : undefined,
  );
  const [items, total] = await Promise.all([
    db
      .select()
      .from(eventRegistrations)
      .where(where)
      .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(eventRegistrations).where(where),
  ]);
  return { items, total: total[0]?.n ?? 0 };
}

/** Removes a registration (the visitor called to say they will not come) and frees the seat. */
export async function cancelRegistration(db: Db, actor: AuditActor, eventId: string, registrationId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(eventRegistrations)
      .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
      .returning();
    if (!gone) return false;
    const [event] = await tx
      .update(events)
      .set({ registeredCount: sql`${events.registeredCount} - 1` })
      .where(eq(events.id, eventId))
      .returning();
    await writeAudit(tx, actor, {
      action: 'event.unregister',
      objectType: 'event',
      objectId: eventId,
      networkId: event?.networkId ?? null,
      libraryId: event?.libraryId ?? null,
      summary: event?.title ?? '',
      before: { registrationId },
    });
    return true;
  });
}

