/**
 * The commission's decision on one match of a check against the Federal list. Confirming acts on all
 * the network's copies of the record at once, each change audited as the copy's own:
 * - withdraw: the copies are written off (the write-off of the collection follows the act);
 * - flag: the copies stay in the collection but are withheld from readers until they are written off:
 *   a copy on the shelf gets WITHHELD_STATUS, which the loan desk never lends and the OPAC never shows
 *   as on the shelf, every copy a note naming the entry, and every copy the match itself (withheld_by):
 *   neither lent nor held, nor put back on the shelf by hand (extremist-withheld.ts).
 * Either way the copies must be in the library: a copy with a reader (on loan, in transit, at a service
 * point) is not acted on behind the desk's back — the confirmation is refused, naming them, until they
 * are back. Holds on the record end with it (nothing is left to wait for). A confirmed decision is final:
 * the copies have been dealt with and the act says so.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { writeAudit, type AuditActor } from '../../audit';
import { DESK_STATUSES, type TItemStatus } from '../catalog.schemas';
import { items } from '../catalog.tables';
import { changeItemStatus } from '../items.service';
import type { TMatchDecision } from './extremist.schemas';
import { assertOpen, ruDate, type ExtremistCheck } from './extremist.service';
import { extremistChecks, extremistEntries, extremistMatches } from './extremist.tables';
import { endHoldsOfWithheld } from './extremist-withheld';

/**
 * The status of a flagged copy. The catalogue has no status of its own for "withheld from readers";
 * "in repair" is the one that keeps a copy in the collection while the desk refuses to lend it
 * (checkout lends only `available` copies) and the OPAC shows it as not on the shelf. The copy's
 * withheld_by names the match, which the desk, the holds and the copy's form heed; its note says why.
 */
export const WITHHELD_STATUS: TItemStatus = 'in_repair';

/** Copies a reader has, or that travel between libraries or sit at a service point: each has an open loan, transfer or deposit. */
const WITH_READERS = DESK_STATUSES;

/** How many inventory numbers the refusal names; the rest the librarian finds on the record's copies. */
const NAMED_COPIES = 10;

function assertInLibrary(
  copies: readonly { status: TItemStatus; inventoryNumber: string }[],
  action: 'flag' | 'withdraw',
) {
  const out = copies.filter((c) => WITH_READERS.includes(c.status));
  if (out.length === 0) return;
  const named = out.slice(0, NAMED_COPIES).map((c) => c.inventoryNumber);
  const numbers = out.length > NAMED_COPIES ? `${named.join(', ')} …` : named.join(', ');
  const key = action === 'withdraw' ? 'catalog.extremist_copies_on_loan' : 'catalog.extremist_copies_on_loan_flag';
  throw new AppError(409, 'extremist_copies_on_loan', key, [], { count: out.length, numbers });
}

/** The note a confirmed match leaves on each copy, for whoever opens the copy later. */
export const copyMark = (entryNumber: number, checkedOn: string, action: 'flag' | 'withdraw') =>
  `ФСЭМ № ${entryNumber}, сверка от ${ruDate(checkedOn)}: ${action === 'withdraw' ? 'списан' : 'не выдавать, снят с выдачи до списания'}`;

/** A copy's status once its match is confirmed: written off, or withheld when it was on the shelf (lost and in-repair copies stay so). */
const confirmedStatus = (status: TItemStatus, action: 'flag' | 'withdraw'): TItemStatus =>
  action === 'withdraw' ? 'written_off' : status === 'available' ? WITHHELD_STATUS : status;

export async function decideMatch(
  db: Db,
  actor: AuditActor,
  check: ExtremistCheck,
  matchId: string,
  input: TMatchDecision,
) {
  assertOpen(check);
  return db.transaction(async (tx) => {
    // Shared with other decisions, exclusive to the closing: no decision lands in a check being closed.
    const [current] = await tx
      .select({ status: extremistChecks.status })
      .from(extremistChecks)
      .where(eq(extremistChecks.id, check.id))
      .for('share');
    assertOpen({ ...check, status: current?.status ?? check.status });
    // Locked, so two clicks on one match act once.
    const [before] = await tx
      .select({ match: extremistMatches, number: extremistEntries.number })
      .from(extremistMatches)
      .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
      .where(and(eq(extremistMatches.id, matchId), eq(extremistMatches.checkId, check.id)))
      .for('update', { of: extremistMatches });
    if (!before) return null;
    if (before.match.decision === 'confirmed') {
      const date = before.match.decidedAt ? ruDate(before.match.decidedAt.toISOString().slice(0, 10)) : '—';
      const key =
        before.match.action === 'withdraw'
          ? 'catalog.extremist_match_confirmed'
          : 'catalog.extremist_match_confirmed_flag';
      throw new AppError(409, 'extremist_match_confirmed', key, [], { date, by: before.match.decidedBy ?? '—' });
    }
    const action = input.decision === 'confirmed' ? input.action : null;
    // Locked, so the desk cannot lend one of them between the check below and the change of status.
    const copies = action
      ? await tx
          .select()
          .from(items)
          .where(
            and(
              eq(items.recordId, before.match.recordId),
              eq(items.networkId, check.networkId),
              ne(items.status, 'written_off'),
            ),
          )
          .orderBy(items.inventoryNumber)
          .for('update')
      : [];
    if (action) assertInLibrary(copies, action);
    const [after] = await tx
      .update(extremistMatches)
      .set({
        decision: input.decision,
        action,
        note: input.note,
        decidedBy: input.decision === 'pending' ? null : actor.login,
        decidedAt: input.decision === 'pending' ? null : new Date(),
        // Decided in this check now, not carried over from an earlier one.
        carriedFrom: null,
        ...(action ? { copiesAffected: copies.length, itemIds: copies.map((c) => c.id) } : {}),
      })
      .where(eq(extremistMatches.id, matchId))
      .returning();
    await writeAudit(tx, actor, {
      action: 'extremist_match.decide',
      objectType: 'extremist_match',
      objectId: matchId,
      networkId: check.networkId,
      summary: `№ ${before.number}: ${input.decision}${action ? ` (${action})` : ''}`,
      before: before.match,
      after,
    });
    if (action) {
      const mark = copyMark(before.number, check.checkedOn, action);
      for (const copy of copies) {
        const notes = [copy.notes, mark].filter(Boolean).join('; ');
        // A flagged copy keeps the match that withheld it (an earlier check's, when one came first).
        const withheldBy = action === 'flag' && !copy.withheldBy ? matchId : undefined;
        await changeItemStatus(tx, actor, copy, confirmedStatus(copy.status, action), notes, withheldBy);
      }
      await endHoldsOfWithheld(tx, actor, before.match.recordId, check.networkId, before.number);
    }
    return after!;
  });
}

/** How many of a check's matches wait for a decision. */
export async function pendingCount(db: Db, checkId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(extremistMatches)
    .where(and(eq(extremistMatches.checkId, checkId), eq(extremistMatches.decision, 'pending')));
  return row?.n ?? 0;
}

/**
 * Closes a check: its decisions become final and its act can be signed. Refused while a match waits
 * for a decision — the act of a closed check must say what was decided about every one.
 */
export async function closeExtremistCheck(db: Db, actor: AuditActor, check: ExtremistCheck) {
  assertOpen(check);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: extremistChecks.status })
      .from(extremistChecks)
      .where(eq(extremistChecks.id, check.id))
      .for('update');
    assertOpen({ ...check, status: current?.status ?? check.status });
    const pending = await pendingCount(tx, check.id);
    if (pending > 0)
      throw new AppError(409, 'extremist_check_undecided', 'catalog.extremist_check_undecided', [], { count: pending });
    const [after] = await tx
      .update(extremistChecks)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(extremistChecks.id, check.id))
      .returning();
    await writeAudit(tx, actor, {
      action: 'extremist_check.close',
      objectType: 'extremist_check',
      objectId: check.id,
      networkId: check.networkId,
      summary: check.checkedOn,
      before: check,
      after,
    });
    return after!;
  });
}
