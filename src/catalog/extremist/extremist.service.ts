/**
 * Checking the collection against the Federal list of extremist materials: import a version of the
 * list, start a check of a network's collection (matched in the background, extremist.job.ts), list
 * its matches for the commission. Decisions and closing are in extremist-decide.ts, the act's data in
 * extremist-act-data.ts.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { foldedSql, foldText, likeEscape } from '../../app/text-fold';
import { enqueueJob } from '../../app/jobs';
import { writeAudit, type AuditActor } from '../../audit';
import { libraries, networks } from '../../network';
import { CatalogError } from '../catalog.errors';
import { DESK_STATUSES } from '../catalog.schemas';
import { bibRecords, items } from '../catalog.tables';
import { parseExtremistList, type ListEntry } from './extremist-parse';
import type { TExtremistCheckInput } from './extremist.schemas';
import { extremistChecks, extremistEntries, extremistLists, extremistMatches, type MATCH_DECISIONS } from './extremist.tables';

type TMatchDecisionValue = (typeof MATCH_DECISIONS)[number];

export type ExtremistCheck = typeof extremistChecks.$inferSelect;

/** Copies a reader has, or that travel between libraries or sit at a service point (the desk's statuses). */
const WITH_READERS = DESK_STATUSES;

export const EXTREMIST_CHECK_JOB = 'catalog.extremist_check';

export interface ExtremistCheckJobPayload {
  [key: string]: unknown;
  checkId: string;
  actorId: string | null;
  actorLogin: string;
}

export async function importExtremistList(db: Db, actor: AuditActor, input: string, meta: { sourceName: string; publishedOn?: string }) {
  const { entries, skipped, skippedLines, joined, duplicates } = parseExtremistList(input);
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
    // What was not read as an entry, named by line, for the person who uploaded the file to look at.
    return { ...list!, skipped, skippedLines, joined, duplicates };
  });
}

/** The entries as one text, number and text a line each in number order, hashed: equal lists, equal hashes. */
const entriesHash = (entries: readonly ListEntry[]) =>
  createHash('md5')
    .update(entries.map((e) => `${e.number}\t${e.text}`).join('\n'))
    .digest('hex');
const storedEntriesHash = sql<string>`(select md5(string_agg(e.number::text || E'\t' || e.text, E'\n' order by e.number)) from ${extremistEntries} e where e.list_id = ${extremistLists.id})`;

export const ruDate = (iso: string) => iso.split('-').reverse().join('.');

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

/**
 * The versions of the list, newest first, a page at a time; `q` keeps those whose file name has the
 * text (any case) or whose edition or upload day has it as written in the app (30.11.2026) or in ISO.
 */
export async function listExtremistLists(db: Db, page: number, pageSize: number, q = '') {
  const text = q.trim();
  const like = `%${likeEscape(text.toLowerCase())}%`;
  const where = text
    ? or(
        sql`lower(${extremistLists.sourceName}) like ${like}`,
        sql`to_char(${extremistLists.publishedOn}, 'DD.MM.YYYY YYYY-MM-DD') like ${like}`,
        sql`to_char(${extremistLists.createdAt}, 'DD.MM.YYYY YYYY-MM-DD') like ${like}`,
      )
    : undefined;
  const rows = await db.select().from(extremistLists).where(where).orderBy(desc(extremistLists.createdAt)).limit(pageSize).offset((page - 1) * pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(extremistLists).where(where);
  return { items: rows, total: count?.n ?? 0, page, pageSize };
}

export async function findExtremistList(db: Db, id: string) {
  return (await db.select().from(extremistLists).where(eq(extremistLists.id, id)))[0] ?? null;
}

type ExtremistList = typeof extremistLists.$inferSelect;

/** The day a version of the list stands for: its edition's date, or the day it was uploaded when none was given. */
export const listDay = (list: Pick<ExtremistList, 'publishedOn' | 'createdAt'>) => list.publishedOn ?? list.createdAt.toISOString().slice(0, 10);

/**
 * Creates a check in the "matching" state and queues the background job that finds its matches. A
 * check cannot be dated before the edition of the list it uses: that edition did not exist yet.
 */
export async function createExtremistCheck(db: Db, actor: AuditActor, input: TExtremistCheckInput, list: ExtremistList) {
  if (input.checkedOn < listDay(list)) {
    const date = ruDate(listDay(list));
    const key = list.publishedOn ? 'catalog.extremist_check_before_list' : 'catalog.extremist_check_before_upload';
    throw new AppError(422, 'extremist_check_before_list', key, [{ field: 'checkedOn', code: 'extremist_check_before_list', key, params: { date } }], { date });
  }
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

/** What an earlier closed check of the network decided about the same entry (number and title) and record. */
export interface EarlierDecision {
  decision: 'confirmed' | 'dismissed';
  action: 'flag' | 'withdraw' | null;
  note: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The day of that check. */
  checkedOn: string;
}

const earlierJson = (p: SQL) => sql`json_build_object('decision', ${p}.decision, 'action', ${p}.action, 'note', ${p}.note, 'decidedBy', ${p}.decided_by, 'decidedAt', ${p}.decided_at, 'checkedOn', pc.checked_on)`;

/**
 * The decision a match repeats (carried over), or else the latest one on the same pair in an earlier
 * closed check of the network: the commission sees what it said last time.
 */
function earlierDecision(check: ExtremistCheck) {
  const p = sql.raw('p');
  return sql<EarlierDecision | null>`coalesce(
    (select ${earlierJson(p)} from ${extremistMatches} p join ${extremistChecks} pc on pc.id = p.check_id where p.id = ${extremistMatches.carriedFrom}),
    (select ${earlierJson(p)}
     from ${extremistMatches} p
     join ${extremistEntries} pe on pe.id = p.entry_id
     join ${extremistChecks} pc on pc.id = p.check_id
     where p.record_id = ${extremistMatches.recordId} and pe.number = ${extremistEntries.number} and pe.title_key = ${extremistEntries.titleKey}
       and p.decision <> 'pending' and pc.network_id = ${check.networkId} and pc.status = 'closed'
       and pc.created_at < (select c.created_at from ${extremistChecks} c where c.id = ${check.id})
     order by pc.created_at desc limit 1))`;
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
      /** Dismissed by the carry-over of an earlier check's dismissal, not by a person in this one. */
      carried: sql<boolean>`${extremistMatches.carriedFrom} is not null`,
      earlier: earlierDecision(check),
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

/** Decisions, closing and the act wait for the matching to finish; a failed check has none. */
export function assertMatched(check: Pick<ExtremistCheck, 'status'>) {
  if (check.status === 'matching') throw new CatalogError(409, 'extremist_check_matching', 'catalog.extremist_check_matching');
  if (check.status === 'failed') throw new CatalogError(409, 'extremist_check_failed', 'catalog.extremist_check_failed');
}

/** Only an open check takes decisions; a closed one changes no more. */
export function assertOpen(check: Pick<ExtremistCheck, 'status'>) {
  assertMatched(check);
  if (check.status !== 'open') throw new CatalogError(409, 'extremist_check_closed', 'catalog.extremist_check_closed');
}
