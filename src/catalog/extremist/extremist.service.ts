/**
 * Checking the collection against the Federal list of extremist materials: import a version of the
 * list, match it against the records a network holds copies of (folded title and author, trigram
 * similarity), let the commission confirm or dismiss each match, flag or withdraw confirmed copies.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { foldedSql, foldText, likeEscape } from '../../app/text-fold';
import { enqueueJob } from '../../app/jobs';
import { writeAudit, type AuditActor } from '../../audit';
import { libraries, networks } from '../../network';
import { CatalogError } from '../catalog.errors';
import { DESK_STATUSES, type TItemStatus } from '../catalog.schemas';
import { bibRecords, items } from '../catalog.tables';
import { changeItemStatus } from '../items.service';
import type { ActData, WithdrawnCopy } from './extremist-act';
import { parseExtremistList, type ListEntry } from './extremist-parse';
import type { TExtremistCheckInput, TMatchDecision } from './extremist.schemas';
import { extremistChecks, extremistEntries, extremistLists, extremistMatches, type MATCH_DECISIONS } from './extremist.tables';

type TMatchDecisionValue = (typeof MATCH_DECISIONS)[number];

export type ExtremistCheck = typeof extremistChecks.$inferSelect;

/**
 * Copies a reader has, or that travel between libraries or sit at a service point (the desk's statuses):
 * each has an open loan, transfer or deposit, which a write-off would leave open. They come back first;
 * the commission then confirms the withdrawal again.
 */
const WITH_READERS = DESK_STATUSES;

export const EXTREMIST_CHECK_JOB = 'catalog.extremist_check';

export interface ExtremistCheckJobPayload {
  [key: string]: unknown;
  checkId: string;
  actorId: string | null;
  actorLogin: string;
}

export async function importExtremistList(db: Db, actor: AuditActor, input: string, meta: { sourceName: string; publishedOn?: string }) {
  const { entries, skipped } = parseExtremistList(input);
  if (entries.length === 0) throw new CatalogError(422, 'extremist_list_empty', 'catalog.extremist_list_empty', 'file');
  return db.transaction(async (tx) => {
    await refuseRepeatedList(tx, entries, meta.publishedOn ?? null);
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

/** The entries as one text, number and text a line each in number order, hashed: equal lists, equal hashes. */
const entriesHash = (entries: readonly ListEntry[]) =>
  createHash('md5')
    .update(entries.map((e) => `${e.number}\t${e.text}`).join('\n'))
    .digest('hex');
const storedEntriesHash = sql<string>`(select md5(string_agg(e.number::text || E'\t' || e.text, E'\n' order by e.number)) from ${extremistEntries} e where e.list_id = ${extremistLists.id})`;

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

/**
 * The same file uploaded again (or another file with the very same entries) for the same edition
 * would only give a second, identical version to choose from; the librarian is told which one is
 * there already. A new edition date, or any changed entry, makes a list of its own.
 */
async function refuseRepeatedList(tx: Db, entries: readonly ListEntry[], publishedOn: string | null) {
  const [same] = await tx
    .select({ publishedOn: extremistLists.publishedOn, createdAt: extremistLists.createdAt })
    .from(extremistLists)
    .where(and(sql`${extremistLists.publishedOn} is not distinct from ${publishedOn}`, eq(extremistLists.entryCount, entries.length), eq(storedEntriesHash, entriesHash(entries))))
    .limit(1);
  if (!same) return;
  const count = entries.length;
  if (same.publishedOn) throw new AppError(409, 'extremist_list_duplicate', 'catalog.extremist_list_duplicate', [], { date: ruDate(same.publishedOn), count });
  const uploaded = ruDate(same.createdAt.toISOString().slice(0, 10));
  throw new AppError(409, 'extremist_list_duplicate', 'catalog.extremist_list_duplicate_undated', [], { date: uploaded, count });
}

export async function listExtremistLists(db: Db, page: number, pageSize: number) {
  const rows = await db.select().from(extremistLists).orderBy(desc(extremistLists.createdAt)).limit(pageSize).offset((page - 1) * pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(extremistLists);
  return { items: rows, total: count?.n ?? 0, page, pageSize };
}

export async function findExtremistList(db: Db, id: string) {
  return (await db.select().from(extremistLists).where(eq(extremistLists.id, id)))[0] ?? null;
}

/** Creates a check in the "matching" state and queues the background job that finds its matches. */
export async function createExtremistCheck(db: Db, actor: AuditActor, input: TExtremistCheckInput) {
  return db.transaction(async (tx) => {
    const [entries] = await tx.select({ n: sql<number>`count(*)::int` }).from(extremistEntries).where(eq(extremistEntries.listId, input.listId));
    const [created] = await tx
      .insert(extremistChecks)
      .values({ ...input, status: 'matching', recordsChecked: 0, entriesChecked: entries?.n ?? 0, createdBy: actor.login })
      .returning();
    const payload: ExtremistCheckJobPayload = { checkId: created!.id, actorId: actor.id, actorLogin: actor.login };
    const job = await enqueueJob(tx, { kind: EXTREMIST_CHECK_JOB, payload, createdBy: actor.id, networkId: input.networkId });
    const [check] = await tx.update(extremistChecks).set({ jobId: job.id }).where(eq(extremistChecks.id, created!.id)).returning();
    await writeAudit(tx, actor, {
      action: 'extremist_check.create',
      objectType: 'extremist_check',
      objectId: check!.id,
      networkId: input.networkId,
      summary: input.checkedOn,
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

/** Which of a check's matches to list: a decision, and words or an entry number to look for. */
export interface MatchFilter {
  decision?: TMatchDecisionValue;
  /** Words of the entry's text or of the record's title and description (ё = е, any case); or, all digits, the entry's number. */
  q?: string;
}

function matchConditions(check: ExtremistCheck, filter: MatchFilter): SQL {
  const where: (SQL | undefined)[] = [eq(extremistMatches.checkId, check.id)];
  if (filter.decision) where.push(eq(extremistMatches.decision, filter.decision));
  const q = filter.q?.trim();
  if (q) {
    if (/^\d{1,9}$/.test(q)) where.push(eq(extremistEntries.number, Number(q)));
    else {
      const text = sql`${foldedSql(extremistEntries.text)} || ' ' || ${foldedSql(bibRecords.title)} || ' ' || ${foldedSql(bibRecords.description)}`;
      for (const word of foldText(q).split(/\s+/).filter(Boolean)) where.push(sql`${text} like ${`%${likeEscape(word)}%`}`);
    }
  }
  return and(...where)!;
}

/**
 * A check's matches, best first (then by entry number), with the entry, the record and the copies the
 * network holds: all of them (the act), or those a filter keeps, a page at a time (the review screen).
 */
export async function listCheckMatches(db: Db, check: ExtremistCheck, filter: MatchFilter = {}, paging?: { page: number; pageSize: number }) {
  const query = db
    .select({
      id: extremistMatches.id,
      score: extremistMatches.score,
      decision: extremistMatches.decision,
      action: extremistMatches.action,
      copiesAffected: extremistMatches.copiesAffected,
      itemIds: extremistMatches.itemIds,
      note: extremistMatches.note,
      decidedBy: extremistMatches.decidedBy,
      decidedAt: extremistMatches.decidedAt,
      entryNumber: extremistEntries.number,
      entryText: extremistEntries.text,
      recordId: bibRecords.id,
      recordTitle: bibRecords.title,
      recordDescription: bibRecords.description,
      copies: sql<number>`(select count(*)::int from ${items} i where i.record_id = ${bibRecords.id} and i.network_id = ${check.networkId} and i.status <> 'written_off')`,
      // For the question before a withdrawal: which libraries lose copies, and how many copies readers have.
      copiesWithReaders: sql<number>`(select count(*)::int from ${items} i where i.record_id = ${bibRecords.id} and i.network_id = ${check.networkId} and i.status in (${sql.join(WITH_READERS.map((status) => sql`${status}`), sql`, `)}))`,
      libraries: sql<string[]>`array(select distinct kp_library_label(l.name, l.settlement) from ${items} i join ${libraries} l on l.id = i.library_id where i.record_id = ${bibRecords.id} and i.network_id = ${check.networkId} and i.status <> 'written_off' order by 1)`,
    })
    .from(extremistMatches)
    .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
    .innerJoin(bibRecords, eq(bibRecords.id, extremistMatches.recordId))
    .where(matchConditions(check, filter))
    .orderBy(desc(extremistMatches.score), extremistEntries.number, extremistMatches.id);
  return paging ? query.limit(paging.pageSize).offset((paging.page - 1) * paging.pageSize) : query;
}

/** How many of a check's matches a filter keeps. */
export async function countCheckMatches(db: Db, check: ExtremistCheck, filter: MatchFilter = {}) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(extremistMatches)
    .innerJoin(extremistEntries, eq(extremistEntries.id, extremistMatches.entryId))
    .innerJoin(bibRecords, eq(bibRecords.id, extremistMatches.recordId))
    .where(matchConditions(check, filter));
  return row?.n ?? 0;
}

/**
 * The commission's decision on one match. Confirming flags the network's copies (a note naming the
 * entry) or withdraws them (written off), each change audited as the copy's own.
 */
export async function decideMatch(db: Db, actor: AuditActor, check: ExtremistCheck, matchId: string, input: TMatchDecision) {
  assertOpen(check);
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
    const isNewlyConfirmed = input.decision === 'confirmed' && before.match.decision !== 'confirmed';
    // Locked, so the desk cannot lend one of them between the check below and the write-off.
    const copies = isNewlyConfirmed
      ? await tx
          .select()
          .from(items)
          .where(and(eq(items.recordId, before.match.recordId), eq(items.networkId, check.networkId), ne(items.status, 'written_off')))
          .orderBy(items.inventoryNumber)
          .for('update')
      : [];
    if (action === 'withdraw') assertOnShelf(copies);
    const [after] = await tx
      .update(extremistMatches)
      .set({
        decision: input.decision,
        action,
        note: input.note,
        decidedBy: actor.login,
        decidedAt: new Date(),
        ...(isNewlyConfirmed ? { copiesAffected: copies.length, itemIds: copies.map((c) => c.id) } : {}),
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
    if (isNewlyConfirmed) {
      const mark = withdrawalMark(before.number, check.checkedOn);
      for (const copy of copies) {
        const notes = [copy.notes, mark].filter(Boolean).join('; ');
        await changeItemStatus(tx, actor, copy, action === 'withdraw' ? 'written_off' : copy.status, notes);
      }
    }
    return after!;
  });
}

/** How many inventory numbers the refusal names; the rest the librarian finds on the record's copies. */
const NAMED_COPIES = 10;

function assertOnShelf(copies: readonly { status: TItemStatus; inventoryNumber: string }[]) {
  const out = copies.filter((c) => WITH_READERS.includes(c.status));
  if (out.length === 0) return;
  const named = out.slice(0, NAMED_COPIES).map((c) => c.inventoryNumber);
  const numbers = out.length > NAMED_COPIES ? `${named.join(', ')} …` : named.join(', ');
  throw new AppError(409, 'extremist_copies_on_loan', 'catalog.extremist_copies_on_loan', [], { count: out.length, numbers });
}

/** The note a confirmed match leaves on each copy, for whoever opens the copy later. */
const withdrawalMark = (entryNumber: number, checkedOn: string) => `ФСЭМ № ${entryNumber}, сверка от ${checkedOn}`;

/** The copies a match wrote off, as its confirmation recorded them: what the write-off of the collection needs, by library. */
async function withdrawnCopies(db: Db, itemIds: readonly string[]): Promise<WithdrawnCopy[]> {
  if (!itemIds.length) return [];
  return db
    .select({ inventoryNumber: items.inventoryNumber, libraryName: sql<string>`kp_library_label(${libraries.name}, ${libraries.settlement})` })
    .from(items)
    .innerJoin(libraries, eq(libraries.id, items.libraryId))
    .where(inArray(items.id, [...itemIds]))
    .orderBy(libraries.name, items.inventoryNumber);
}

/** Everything the act of a check says: the network's country decides which list it names. */
export async function extremistActData(db: Db, check: ExtremistCheck & { networkName: string; matchesFound: number; matchesPending: number }): Promise<ActData> {
  const [network] = await db.select({ country: networks.country }).from(networks).where(eq(networks.id, check.networkId));
  const list = await findExtremistList(db, check.listId);
  const matches = await listCheckMatches(db, check);
  const confirmed: ActData['confirmed'] = [];
  for (const m of matches.filter((x) => x.decision === 'confirmed').sort((a, b) => a.entryNumber - b.entryNumber)) {
    confirmed.push({
      entryNumber: m.entryNumber,
      description: m.recordDescription || m.recordTitle,
      copies: m.copiesAffected ?? m.copies,
      action: m.action,
      withdrawn: m.action === 'withdraw' ? await withdrawnCopies(db, m.itemIds) : [],
    });
  }
  return {
    checkedOn: check.checkedOn,
    networkName: check.networkName,
    country: network?.country ?? 'RU',
    commission: check.commission,
    listEdition: list?.publishedOn ?? null,
    listUploadedOn: list ? list.createdAt.toISOString().slice(0, 10) : null,
    listEntries: check.entriesChecked,
    recordsChecked: check.recordsChecked,
    matchesFound: check.matchesFound,
    dismissed: matches.filter((m) => m.decision === 'dismissed').length,
    pending: check.matchesPending,
    confirmed,
  };
}

/** Decisions, closing and the act wait for the matching to finish; a failed check has none. */
export function assertMatched(check: ExtremistCheck) {
  if (check.status === 'matching') throw new CatalogError(409, 'extremist_check_matching', 'catalog.extremist_check_matching');
  if (check.status === 'failed') throw new CatalogError(409, 'extremist_check_failed', 'catalog.extremist_check_failed');
}

/** Only an open check takes decisions; a closed one changes no more. */
function assertOpen(check: ExtremistCheck) {
  assertMatched(check);
  if (check.status !== 'open') throw new CatalogError(409, 'extremist_check_closed', 'catalog.extremist_check_closed');
}

export async function closeExtremistCheck(db: Db, actor: AuditActor, check: ExtremistCheck) {
  assertOpen(check);
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
