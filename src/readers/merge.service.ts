/**
 * Merging duplicate readers (the same person registered twice: same name and birth date). The survivor
 * takes over the duplicate's loans, holds, registrations, visits and reading-room uses in one
 * transaction; the duplicate keeps its row with `mergedIntoId`, so its card still leads to the survivor
 * at the desk. Rows the survivor already has (a registration at the same library and year, a visit on the
 * same day, an active hold on the same record) are counted once: the duplicate's copy is dropped or cancelled.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';
import { writeAudit, type AuditActor } from '../audit';
import { cancelHoldsAndPassOn } from '../circulation';
import { readerProblem } from './readers.errors';
import { findReader, type Reader } from './readers.service';
import { readers } from './readers.tables';

/** Contact fields the survivor takes from the duplicate when its own are empty. */
const FILLABLE = ['phone', 'email', 'address', 'guardianName', 'guardianRelation', 'guardianPhone'] as const;

export interface MergeOutcome {
  survivor: Reader;
  moved: { loans: number; holds: number; registrations: number; visits: number; inLibraryUses: number };
}

const count = (result: unknown) => rowsOf(result).length;

export async function mergeReaders(
  db: Db,
  actor: AuditActor,
  survivorId: string,
  duplicateId: string,
): Promise<MergeOutcome> {
  if (survivorId === duplicateId) throw readerProblem(409, 'merge_same', 'readers.merge_same');
  return db.transaction(async (tx) => {
    // Both rows locked in a fixed order, so two desks merging the same pair cannot interleave.
    await tx.execute(sql`select id from readers where id in (${survivorId}, ${duplicateId}) order by id for update`);
    const survivor = await findReader(tx, survivorId);
    const duplicate = await findReader(tx, duplicateId);
    if (!survivor || !duplicate) throw readerProblem(404, 'not_found', 'error.not_found');
    if (survivor.networkId !== duplicate.networkId) throw readerProblem(409, 'other_network', 'readers.other_network');
    if (survivor.isAnonymised || duplicate.isAnonymised)
      throw readerProblem(409, 'reader_anonymised', 'readers.anonymised');
    if (survivor.mergedIntoId || duplicate.mergedIntoId) throw readerProblem(409, 'reader_merged', 'readers.merged');

    const s = survivor.id;
    const d = duplicate.id;
    const loans = count(await tx.execute(sql`update loans set reader_id = ${s} where reader_id = ${d} returning id`));
    const uses = count(
      await tx.execute(sql`update in_library_uses set reader_id = ${s} where reader_id = ${d} returning id`),
    );
    const twice = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select h.id from holds h
        where h.reader_id = ${d} and h.status in ('waiting','in_transit','ready')
          and exists (select 1 from holds o where o.reader_id = ${s} and o.record_id = h.record_id
                      and o.status in ('waiting','in_transit','ready'))`),
    );
    // A copy trapped for a cancelled hold goes on to the next hold in the queue (often the survivor's) or back.
    await cancelHoldsAndPassOn(tx, actor, twice.map((h) => h.id), new Date());
    const holdsMoved = count(
      await tx.execute(sql`update holds set reader_id = ${s} where reader_id = ${d} returning id`),
    );
    await tx.execute(sql`
      delete from reader_registrations g where g.reader_id = ${d}
        and exists (select 1 from reader_registrations o where o.reader_id = ${s} and o.library_id = g.library_id and o.year = g.year)`);
    const regs = count(
      await tx.execute(sql`update reader_registrations set reader_id = ${s} where reader_id = ${d} returning id`),
    );
    await tx.execute(sql`
      delete from reader_visits v where v.reader_id = ${d}
        and exists (select 1 from reader_visits o where o.reader_id = ${s} and o.library_id = v.library_id and o.day = v.day)`);
    const visits = count(
      await tx.execute(sql`update reader_visits set reader_id = ${s} where reader_id = ${d} returning day`),
    );

    // The duplicate's portal account ends: the reader signs in with the survivor's card.
    await tx.execute(sql`delete from reader_sessions where reader_id = ${d}`);
    await tx.execute(sql`delete from reader_password_tokens where reader_id = ${d}`);

    const filled: Partial<Record<(typeof FILLABLE)[number], string>> = {};
    for (const field of FILLABLE) if (!survivor[field] && duplicate[field]) filled[field] = duplicate[field];
    const now = new Date();
    const [after] = await tx
      .update(readers)
      .set({ ...filled, updatedAt: now })
      .where(sql`${readers.id} = ${s}`)
      .returning();
    await tx
      .update(readers)
      .set({ mergedIntoId: s, passwordHash: null, updatedAt: now })
      .where(sql`${readers.id} = ${d}`);
    const moved = { loans, holds: holdsMoved, registrations: regs, visits, inLibraryUses: uses };
    await writeAudit(tx, actor, {
      action: 'reader.merge',
      objectType: 'reader',
      objectId: s,
      networkId: survivor.networkId,
      summary: `${duplicate.cardNumber} → ${survivor.cardNumber}`,
      after: { mergedCard: duplicate.cardNumber, mergedId: d, moved, filled: Object.keys(filled) },
    });
    await writeAudit(tx, actor, {
      action: 'reader.merged_into',
      objectType: 'reader',
      objectId: d,
      networkId: survivor.networkId,
      summary: `${duplicate.cardNumber} → ${survivor.cardNumber}`,
      after: { mergedIntoId: s },
    });
    return { survivor: after!, moved };
  });
}
