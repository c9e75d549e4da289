/**
 * Undo at the desk: a checkout, return or renewal is reverted within a minute by the person who did
 * it, as long as nothing happened to the copy since. The undo itself is audited.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { circulationError, toCirculationProblem } from './circulation.errors';
import { UNDO_SECONDS, type TDeskActionKind } from './circulation.schemas';

interface ActionRow {
  id: string | number;
  kind: TDeskActionKind;
  loanId: string;
  actorId: string;
  libraryId: string;
  undo: Record<string, unknown>;
  ageSeconds: number;
  undoneAt: string | null;
  itemId: string;
  networkId: string;
  returnedAt: string | null;
  laterActions: number;
  isItemOnLoan: boolean;
}

/** What a desk action saved so it can be put back (see the undo column written by each service). */
interface UndoData {
  itemStatus?: string;
  hold?: HoldSnapshot | null;
  holdId?: string | null;
  transitId?: string | null;
  openTransitId?: string | null;
  dueOn?: string;
  renewals?: number;
}

interface HoldSnapshot {
  id: string;
  status: string;
}

export async function undoDeskAction(db: Db, actor: AuditActor & { id: string }, actionId: number, now = new Date()) {
  try {
    return await db.transaction(async (tx) => {
      const rows = await tx.execute(sql`
        select a.id, a.kind, a.loan_id as "loanId", a.actor_id as "actorId", a.library_id as "libraryId", a.undo,
          extract(epoch from (${now}::timestamptz - a.at))::float8 as "ageSeconds", a.undone_at as "undoneAt",
          l.item_id as "itemId", l.network_id as "networkId", l.returned_at as "returnedAt",
          (select count(*)::int from desk_actions b where b.loan_id = a.loan_id and b.id > a.id and b.undone_at is null) as "laterActions",
          exists (select 1 from loans o where o.item_id = l.item_id and o.returned_at is null and o.id <> l.id) as "isItemOnLoan"
        from desk_actions a join loans l on l.id = a.loan_id
        where a.id = ${actionId}
        for update of a, l`);
      const action = rowsOf<ActionRow>(rows)[0];
      if (!action || action.actorId !== actor.id) return null;
      if (action.undoneAt || action.ageSeconds > UNDO_SECONDS) throw circulationError('undo_expired');
      if (action.laterActions > 0 || action.isItemOnLoan) throw circulationError('undo_not_possible');
      const undo = action.undo as UndoData;
      const hold = undo.hold;
      if (action.kind === 'checkout') {
        // A checkout that never happened: the loan goes, the copy and any fulfilled hold are as before.
        await tx.execute(sql`update items set status = ${undo.itemStatus ?? 'available'}, updated_at = ${now} where id = ${action.itemId}`);
        if (hold) await tx.execute(sql`update holds set status = ${hold.status}, closed_at = null where id = ${hold.id}`);
        await tx.execute(sql`delete from loans where id = ${action.loanId}`);
      } else if (action.kind === 'return') {
        await tx.execute(sql`update loans set returned_at = null, return_library_id = null, returned_by = null where id = ${action.loanId}`);
        await tx.execute(sql`update items set status = 'on_loan', updated_at = ${now} where id = ${action.itemId}`);
        if (undo.transitId) await tx.execute(sql`delete from item_transits where id = ${undo.transitId}`);
        if (undo.openTransitId) await tx.execute(sql`update item_transits set received_at = null where id = ${undo.openTransitId}`);
        if (undo.holdId) {
          await tx.execute(sql`
            update holds set status = 'waiting', item_id = null, ready_at = null, expires_on = null
            where id = ${undo.holdId} and status in ('ready','in_transit') and item_id = ${action.itemId}`);
        }
      } else {
        await tx.execute(sql`update loans set due_on = ${undo.dueOn}, renewals = ${undo.renewals ?? 0} where id = ${action.loanId}`);
      }
      if (action.kind !== 'checkout') {
        await tx.execute(sql`update desk_actions set undone_at = ${now} where id = ${actionId}`);
      }
      await writeAudit(tx, actor, {
        action: `loan.undo_${action.kind}`,
        objectType: 'loan',
        objectId: action.loanId,
        networkId: action.networkId,
        libraryId: action.libraryId,
        summary: `undo ${action.kind}`,
        before: undo,
      });
      return { kind: action.kind, loanId: action.loanId };
    });
  } catch (error) {
    toCirculationProblem(error);
  }
}
