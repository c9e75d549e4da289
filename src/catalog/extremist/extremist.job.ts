/**
 * The background side of a check against the Federal list: the list's entries are matched against
 * the network's holdings a step of entries at a time, in the order of their numbers. Each step is one
 * statement that ignores matches already found, and the number it reached is saved as the job's
 * checkpoint, so a server restarted mid-way continues the check without finding anything twice.
 *
 * On PGlite the database runs in the server's own thread: a statement holds every request until it
 * ends, and a chain of them, awaited one after another, never lets a request in. So a step is sized to
 * take about STEP_TARGET_MS (halved when slower, doubled when much faster), and after each step the
 * job gives the event loop a turn (setImmediate): requests, the progress poll among them, are answered
 * between steps. Only one step's entries are ever read at a time.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import type { JobContext } from '../../app/jobs';
import { foldedSql } from '../../app/text-fold';
import { writeAudit, type AuditActor } from '../../audit';
import { bibRecords, bibSearch, items, searchWords } from '../catalog.tables';
import type { ExtremistCheck, ExtremistCheckJobPayload } from './extremist.service';
import { extremistChecks, extremistEntries, extremistMatches } from './extremist.tables';

/** Below this score a candidate is not shown to the commission. */
export const MATCH_THRESHOLD = 0.6;
/** Added to the title's similarity when the author agrees: a title less alike than the threshold by more cannot match. */
const AUTHOR_BONUS = 0.15;
/** How much of an entry's title must be found in a record's title and authors (pg_trgm word similarity). */
const WORD_THRESHOLD = 0.6;
/** Entries matched by the first statement: small enough for the progress bar to move and a restart to lose little. */
export const ENTRIES_PER_STEP = 50;
/** How long one step should hold the database (and, on PGlite, the server); the step size follows it. */
const STEP_TARGET_MS = 100;
const MAX_ENTRIES_PER_STEP = 400;

/** The next step's size from how long the last one took: halved when it was twice too slow, doubled when half as fast. */
export function nextStepSize(size: number, elapsedMs: number): number {
  if (elapsedMs > 2 * STEP_TARGET_MS) return Math.max(1, Math.floor(size / 2));
  if (elapsedMs < STEP_TARGET_MS / 2) return Math.min(MAX_ENTRIES_PER_STEP, size * 2);
  return size;
}

interface ExtremistCheckpoint {
  [key: string]: unknown;
  /** The highest entry number already matched. */
  afterNumber: number;
  done: number;
}

/** Records a network holds: live records with at least one copy there that is not written off. */
const isHeldIn = (networkId: string, recordId = sql.raw('"bib_records"."id"')) =>
  sql`exists (select 1 from ${items} i where i.record_id = ${recordId} and i.network_id = ${networkId} and i.status <> 'written_off')`;

/**
 * The catalogue's title words an entry's title can mean: each of its words (three letters or more, as
 * the catalogue's word list keeps them; all of them when none is that long) as written, and the
 * catalogue words like it (pg_trgm `%`): the three most alike and every one at least half alike, so a
 * typo or another ending on either side still finds the title. One tsquery, any of the words.
 */
const entryWords = (titleKey: SQL) => sql`
  select to_tsquery('simple', string_agg(distinct a.word, ' | ')) as query
  from (select k.word from unnest(string_to_array(${titleKey}, ' ')) as k(word)
        where length(k.word) >= 3 or ${titleKey} !~ '[[:alnum:]]{3}') k
  cross join lateral (
    select k.word
    union all
    select x.word from (
      select w.word, similarity(w.word, k.word) as alike, row_number() over (order by similarity(w.word, k.word) desc, w.word) as n
      from ${searchWords} w where w.word % k.word) x
    where x.n <= 3 or x.alike >= 0.5
  ) a`;

/**
 * Matches the next entries after `afterNumber`: candidates are the records with one of the entry's
 * words in their title (entryWords, through the titles' index), narrowed by the similarity of the whole
 * titles (the score cannot reach the threshold below it), kept when the entry's title is like a part of
 * their title and authors (pg_trgm word similarity), then scored by title and author. Returns the last
 * entry number taken and how many, or null when no entry is left.
 */
async function matchNextEntries(db: Db, check: ExtremistCheck, afterNumber: number, size: number) {
  const author = foldedSql(sql.raw(`coalesce(r.first_author, '')`));
  const rows = await db.execute(sql`
    with step as (
      select id, number, title_key, author_key from ${extremistEntries}
      where list_id = ${check.listId} and number > ${afterNumber}
      order by number
      limit ${size}
    ), found as (
      insert into ${extremistMatches} (check_id, entry_id, record_id, score)
      select ${check.id}, e.id, c.id, c.score
      from step e
      cross join lateral (
        select r.id,
          least(1, s.alike
            + case when e.author_key = '' or coalesce(r.first_author, '') = '' then 0
                   when ${author} like left(e.author_key, greatest(length(e.author_key) - 2, 4)) || '%' then ${AUTHOR_BONUS}
                   else -0.25 end) as score
        from (${entryWords(sql.raw('e.title_key'))}) q
        cross join lateral (
          select s.record_id, similarity(s.title_key, e.title_key) as alike from ${bibSearch} s where s.title_vector @@ q.query) s
        join ${bibRecords} r on r.id = s.record_id
        where s.alike >= ${MATCH_THRESHOLD - AUTHOR_BONUS}
          and r.is_deleted = false
          and word_similarity(e.title_key, ${foldedSql(sql.raw('r.search_title'))} || ' ' || ${foldedSql(sql.raw('r.search_authors'))}) >= ${WORD_THRESHOLD}
          and ${isHeldIn(check.networkId, sql.raw('r.id'))}
      ) c
      where e.title_key <> '' and c.score >= ${MATCH_THRESHOLD}
      on conflict (check_id, entry_id, record_id) do nothing
    )
    select max(number) as last, count(*)::int as taken from step`);
  const row = rowsOf<{ last: number | null; taken: number }>(rows)[0];
  return row?.last == null ? null : { last: Number(row.last), taken: row.taken };
}

/**
 * The pairs the commission dismissed before need no second review: a match whose entry (the same
 * number and title) and record were last decided in an earlier closed check of the network, and
 * dismissed there, is dismissed again with that person, day and reason, and points to that match.
 */
async function carryDismissals(tx: Db, check: ExtremistCheck): Promise<number> {
  const rows = await tx.execute(sql`
    with prior as (
      select distinct on (m.id) m.id as match_id, p.id as prior_id, p.decision, p.note, p.decided_by, p.decided_at
      from ${extremistMatches} m
      join ${extremistEntries} e on e.id = m.entry_id
      join ${extremistMatches} p on p.record_id = m.record_id and p.decision <> 'pending'
      join ${extremistEntries} pe on pe.id = p.entry_id and pe.number = e.number and pe.title_key = e.title_key
      join ${extremistChecks} pc on pc.id = p.check_id
      where m.check_id = ${check.id} and m.decision = 'pending'
        and pc.network_id = ${check.networkId} and pc.status = 'closed'
        and pc.created_at < (select c.created_at from ${extremistChecks} c where c.id = ${check.id})
      order by m.id, pc.created_at desc
    )
    update ${extremistMatches} m
    set decision = 'dismissed', note = prior.note, decided_by = prior.decided_by, decided_at = prior.decided_at, carried_from = prior.prior_id
    from prior where m.id = prior.match_id and prior.decision = 'dismissed'
    returning m.id`);
  return rowsOf<{ id: string }>(rows).length;
}

/** The matching is over: the check opens for review with the count of records the network holds now. */
async function finishMatching(db: Db, check: ExtremistCheck, actor: AuditActor) {
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ n: sql<number>`count(*)::int` }).from(bibRecords).where(and(eq(bibRecords.isDeleted, false), isHeldIn(check.networkId)));
    const [found] = await tx.select({ n: sql<number>`count(*)::int` }).from(extremistMatches).where(eq(extremistMatches.checkId, check.id));
    const [after] = await tx
      .update(extremistChecks)
      .set({ status: 'open', recordsChecked: held?.n ?? 0 })
      .where(and(eq(extremistChecks.id, check.id), eq(extremistChecks.status, 'matching')))
      .returning();
    const carried = after ? await carryDismissals(tx, check) : 0;
    await writeAudit(tx, actor, {
      action: 'extremist_check.match',
      objectType: 'extremist_check',
      objectId: check.id,
      networkId: check.networkId,
      summary: `${check.checkedOn}: ${found?.n ?? 0}${carried ? ` (${carried} dismissed before)` : ''}`,
      before: check,
      after: after && { ...after, dismissalsCarried: carried },
    });
    return { recordsChecked: held?.n ?? 0, matchesFound: found?.n ?? 0, dismissalsCarried: carried };
  });
}

export async function runExtremistCheckJob({ db, job, reportProgress, saveCheckpoint }: JobContext) {
  const payload = job.payload as ExtremistCheckJobPayload;
  const [check] = await db.select().from(extremistChecks).where(eq(extremistChecks.id, payload.checkId));
  if (!check || check.status !== 'matching') return null;
  let { afterNumber, done } = (job.checkpoint as ExtremistCheckpoint | null) ?? { afterNumber: -1, done: 0 };
  let size = ENTRIES_PER_STEP;
  try {
    for (;;) {
      await reportProgress(done, check.entriesChecked);
      // A turn for the requests waiting (see the top of the file) before the next statement.
      await nextTurn();
      const started = performance.now();
      const step = await matchNextEntries(db, check, afterNumber, size);
      if (!step) break;
      size = nextStepSize(size, performance.now() - started);
      afterNumber = step.last;
      done += step.taken;
      await saveCheckpoint({ afterNumber, done } satisfies ExtremistCheckpoint);
    }
    await reportProgress(done, check.entriesChecked);
    return await finishMatching(db, check, { id: payload.actorId, login: payload.actorLogin });
  } catch (error) {
    await db.update(extremistChecks).set({ status: 'failed' }).where(eq(extremistChecks.id, check.id));
    throw error;
  }
}
