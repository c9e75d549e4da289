/**
 * Checking the collection against the Federal list of extremist materials: import a version of the
 * list, match it against the records a network holds copies of (folded title and author, trigram
 * similarity), let the commission confirm or dismiss each match, flag or withdraw confirmed copies.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { foldedSql } from '../../app/text-fold';
import { writeAudit, type AuditActor } from '../../audit';
import { networks } from '../../network';
import { CatalogError } from '../catalog.errors';
import { bibRecords, bibSearch, items } from '../catalog.tables';
import { changeItemStatus } from '../items.service';
import { parseExtremistList } from './extremist-parse';
import type { TExtremistCheckInput, TMatchDecision } from './extremist.schemas';
import { extremistChecks, extremistEntries, extremistLists, extremistMatches } from './extremist.tables';

/** Below this score a candidate is not shown to the commission. */
export const MATCH_THRESHOLD = 0.6;

export type ExtremistCheck = typeof extremistChecks.$inferSelect;

export async function importExtremistList(db: Db, actor: AuditActor, input: string, meta: { sourceName: string; publishedOn?: string }) {
  const { entries, skipped } = parseExtremistList(input);
  if (entries.length === 0) throw new CatalogError(422, 'extremist_list_empty', 'catalog.extremist_list_empty', 'file');
  return db.transaction(async (tx) => {
    const [list] = await tx
      .insert(extremistLists)
      .values({ sourceName: meta.sourceName, publishedOn: meta.publishedOn ?? null, entryCount: entries.length, importedBy: actor.login })
      .returning();
    for (let i = 0; i < entries.length; i += 500) {
      await tx.insert(extremistEntries).values(entries.slice(i, i + 500).map((e) => ({ listId: list!.id, ...e })));
    }
    await writeAudit(tx, actor, {
      action: 'extremist_list.import',
      objectType: 'extremist_list',
      objectId: list!.id,
      summary: `${meta.sourceName || '—'}: ${entries.length}`,
      after: { ...list, skipped },
    });
    return { ...list!, skipped };
  });
}

export async function listExtremistLists(db: Db, page: number, pageSize: number) {
  const rows = await db.select().from(extremistLists).orderBy(desc(extremistLists.createdAt)).limit(pageSize).offset((page - 1) * pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(extremistLists);
  return { items: rows, total: count?.n ?? 0, page, pageSize };
}

export async function findExtremistList(db: Db, id: string) {
  return (await db.select().from(extremistLists).where(eq(extremistLists.id, id)))[0] ?? null;
}

/** Records a network holds: live records with at least one copy there that is not written off. */
const heldIn = (networkId: string) =>
  sql`exists (select 1 from ${items} where ${items.recordId} = ${sql.raw('"bib_records"."id"')} and ${items.networkId} = ${networkId} and ${items.status} <> 'written_off')`;

/** Creates a check and fills its matches in one statement: candidates by word similarity through the trigram index, then scored. */
export async function createExtremistCheck(db: Db, actor: AuditActor, input: TExtremistCheckInput) {
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ n: sql<number>`count(*)::int` }).from(bibRecords).where(and(eq(bibRecords.isDeleted, false), heldIn(input.networkId)));
    const [entries] = await tx.select({ n: sql<number>`count(*)::int` }).from(extremistEntries).where(eq(extremistEntries.listId, input.listId));
    const [check] = await tx
      .insert(extremistChecks)
      .values({ ...input, recordsChecked: held?.n ?? 0, entriesChecked: entries?.n ?? 0, createdBy: actor.login })
      .returning();
    const title = foldedSql(sql.raw('r.title'));
    const author = foldedSql(sql.raw(`coalesce(r.first_author, '')`));
    await tx.execute(sql`
      insert into ${extremistMatches} (check_id, entry_id, record_id, score)
      select ${check!.id}, e.id, c.id, c.score
      from ${extremistEntries} e
      cross join lateral (
        select r.id,
          least(1, similarity(${title}, e.title_key)
            + case when e.author_key = '' or coalesce(r.first_author, '') = '' then 0
                   when ${author} like left(e.author_key, greatest(length(e.author_key) - 2, 4)) || '%' then 0.15
                   else -0.25 end) as score
        from ${bibSearch} s
        join ${bibRecords} r on r.id = s.record_id
        where r.is_deleted = false
          and e.title_key <% s.trgm
          and exists (select 1 from ${items} i where i.record_id = r.id and i.network_id = ${input.networkId} and i.status <> 'written_off')
      ) c
      where e.list_id = ${input.listId} and e.title_key <> '' and c.score >= ${MATCH_THRESHOLD}`);
    const [found] = await tx.select({ n: sql<number>`count(*)::int` }).from(extremistMatches).where(eq(extremistMatches.checkId, check!.id));
    await writeAudit(tx, actor, {
      action: 'extremist_check.create',
      objectType: 'extremist_check',
      objectId: check!.id,
      networkId: input.networkId,
      summary: `${input.checkedOn}: ${found?.n ?? 0}`,
      after: check,
    });
    return check!;
  });
}

const counts = {
  matchesFound: sql<number>`(select count(*)::int from ${extremistMatches} m where m.check_id = ${extremistChecks.id})`,
  matchesConfirmed: sql<number>`(select count(*)::int from ${extremistMatches} m where m.check_id = ${extremistChecks.id} and m.decision = 'confirmed')`,
  matchesPending: sql<number>`(select count(*)::int from ${extremistMatches} m where m.check_id = ${extremistChecks.id} and m.decision = 'pending')`,
};

/** The history of checks of the networks a person may read, newest first. */
export async function listExtremistChecks(db: Db, networkIds: string[] | 'all', page: number, pageSize: number) {
  const where = networkIds === 'all' ? undefined : networkIds.length ? inArray(extremistChecks.networkId, networkIds) : sql`false`;
  const rows = await db
    .select({ check: extremistChecks, networkName: networks.name, ...counts })
    .from(extremistChecks)
    .innerJoin(networks, eq(networks.id, extremistChecks.networkId))
    .where(where)
    .orderBy(desc(extremistChecks.checkedOn), desc(extremistChecks.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(extremistChecks).where(where);
  return { items: rows.map((r) => ({ ...r.check, networkName: r.networkName, matchesFound: r.matchesFound, matchesConfirmed: r.matchesConfirmed, matchesPending: r.matchesPending })), total: count?.n ?? 0, page, pageSize };
}

export async function findExtremistCheck(db: Db, id: string) {
  const [row] = await db
    .select({ check: extremistChecks, networkName: networks.name, ...counts })
    .from(extremistChecks)
    .innerJoin(networks, eq(networks.id, extremistChecks.networkId))
    .where(eq(extremistChecks.id, id));
  return row ? { ...row.check, networkName: row.networkName, matchesFound: row.matchesFound, matchesConfirmed: row.matchesConfirmed, matchesPending: row.matchesPending } : null;
}

/** The matches of a check, best first, with the entry, the record and the copies the network holds. */
export async function listCheckMatches(db: Db, check: ExtremistCheck) {
  return db
    .select({
      id: extremistMatches.id,
      score: extremistMatches.score,
      decision: extremistMatches.decision,
      action: extremistMatches.action,
      note: extremistMatches.note,
      decidedBy: extremistMatches.decidedBy,
      decidedAt: extremistMatches.decidedAt,
      entryNumber: extremistEntries.number,
      entryText: extremistEntries.text,
      recordId: bibRecords.id,
      recordTitle: bibRecords.title,
      recordDescription: bibRecords.description,
      copies: sql<number>`(select count(*)::int from ${items} i where i.record_id = ${bibRecords.id} and i.network_id = ${check.networkId} and i.status <> 'written_off')`,
    })
    .from(extremistMatches)
    .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
    .innerJoin(bibRecords, eq(bibRecords.id, extremistMatches.recordId))
    .where(eq(extremistMatches.checkId, check.id))
    .orderBy(desc(extremistMatches.score), extremistEntries.number);
}

/**
 * The commission's decision on one match. Confirming flags the network's copies (a note naming the
 * entry) or withdraws them (written off), each change audited as the copy's own.
 */
export async function decideMatch(db: Db, actor: AuditActor, check: ExtremistCheck, matchId: string, input: TMatchDecision) {
  if (check.status !== 'open') throw new CatalogError(409, 'extremist_check_closed', 'catalog.extremist_check_closed');
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ match: extremistMatches, number: extremistEntries.number })
      .from(extremistMatches)
      .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
      .where(and(eq(extremistMatches.id, matchId), eq(extremistMatches.checkId, check.id)));
    if (!before) return null;
    if (before.match.decision === 'confirmed' && input.decision !== 'confirmed') {
      throw new CatalogError(409, 'extremist_match_confirmed', 'catalog.extremist_match_confirmed');
    }
    const action = input.decision === 'confirmed' ? input.action : null;
    const [after] = await tx
      .update(extremistMatches)
      .set({ decision: input.decision, action, note: input.note, decidedBy: actor.login, decidedAt: new Date() })
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
    if (input.decision === 'confirmed' && before.match.decision !== 'confirmed') {
      const copies = await tx
        .select()
        .from(items)
        .where(and(eq(items.recordId, before.match.recordId), eq(items.networkId, check.networkId), ne(items.status, 'written_off')));
      const mark = `ФСЭМ № ${before.number}, сверка от ${check.checkedOn}`;
      for (const copy of copies) {
        const notes = [copy.notes, mark].filter(Boolean).join('; ');
        await changeItemStatus(tx, actor, copy, action === 'withdraw' ? 'written_off' : copy.status, notes);
      }
    }
    return after!;
  });
}

export async function closeExtremistCheck(db: Db, actor: AuditActor, check: ExtremistCheck) {
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(extremistChecks)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(extremistChecks.id, check.id))
      .returning();
    await writeAudit(tx, actor, { action: 'extremist_check.close', objectType: 'extremist_check', objectId: check.id, networkId: check.networkId, summary: check.checkedOn, before: check, after });
    return after!;
  });
}
