/**
 * A broad search ranked by relevance ("история", "сказки" on one library's shelf: tens of thousands of
 * hits) answered without reading every hit. The index numbers its documents in the order equal scores
 * are ranked (more libraries first, then by title; memory-index.ts), so its hits are read along the
 * shortest clause's postings in that order and the reading stops as soon as no hit further on could
 * make the page, even with the best score the clauses allow. Read apart, before: the documents out of
 * that order (written since the load, or whose libraries changed) and those whose title is the one
 * typed or begins with it (they score more than the clauses alone allow). The total and the facets come
 * from a sample of the shortest clause taken at even steps when the reading stopped early (the total
 * is then "about N"); when it read every hit, or the sample says they are few, they are counted exactly.
 */
import { facetsOf } from './facets';
import { passes, rankedKey, titleBoost, WEIGHT_SCORE, type HitRules } from './hit-rules';
import { FLAG_MOVED, HOT, HOT_STRIDE } from './hot';
import type { ClauseList, MemoryHits } from './memory-search';
import { searchLimits } from './limits';
import { seek } from './postings';
import type { TopK } from './top-k';

/** How many entries of the shortest clause are sampled for an estimated total and facets. */
const SAMPLE = 500;

export function broadSearch(
  r: HitRules,
  lists: ClauseList[],
  scored: number,
  top: TopK,
  offset: number,
  withFacets: boolean,
): MemoryHits {
  const { index } = r;
  const hot = index.hot;
  const driving = lists.reduce((best, l, i) => (l.list.length < lists[best]!.list.length ? i : best), 0);
  const drive = lists[driving]!;
  const cursors = new Int32Array(lists.length);
  const masks = new Uint8Array(lists.length);
  /** Whether a document is in every list but `skip` (its masks put in `masks`), each list sought from its cursor on. */
  const inAll = (doc: number, skip: number) => {
    for (let j = 0; j < lists.length; j++) {
      if (j === skip) continue;
      const { list, weights } = lists[j]!;
      const at = (cursors[j] = seek(list, doc, cursors[j]!));
      if (at >= list.length || list.docs[at] !== doc) return false;
      const mask = list.masks[at]! & weights;
      if (!mask) return false;
      masks[j] = mask;
    }
    return true;
  };
  const scoreOf = () => {
    let score = 0;
    for (let c = 0; c < scored; c++) score += WEIGHT_SCORE[masks[c]!]!;
    return score;
  };
  const hits: number[] = [];

  // Read apart: the documents out of the order of ties, and those the title typed lifts.
  const apart = new Set<number>(index.moved);
  for (let i = seek(drive.list, index.orderedUntil, 0); i < drive.list.length; i++) apart.add(drive.list.docs[i]!);
  if (r.title) for (const doc of index.docsByKeyRank(r.title.from, r.title.to)) apart.add(doc);
  cursors.fill(0);
  for (const doc of Int32Array.from(apart).sort()) {
    if (!inAll(doc, -1) || !passes(r, doc)) continue;
    const score = scoreOf() + titleBoost(r, doc);
    top.offer(doc, rankedKey(hot, doc, score), score);
    hits.push(doc);
  }

  // The rest in the order of ties, until no later document could come before the last of the page.
  let best = 0;
  for (let c = 0; c < scored; c++) best += WEIGHT_SCORE[lists[c]!.allowed]!;
  const end = seek(drive.list, index.orderedUntil, 0);
  /** Whether the driving list's entry i is a hit not read apart (its masks then in `masks`). */
  const isHit = (i: number, doc: number) => {
    const mask = drive.list.masks[i]! & drive.weights;
    if (!mask) return false;
    masks[driving] = mask;
    if (!inAll(doc, driving) || hot[doc * HOT_STRIDE + HOT.flags]! & FLAG_MOVED) return false;
    return passes(r, doc) && titleBoost(r, doc) === 0;
  };
  let stoppedAt = end;
  cursors.fill(0);
  for (let i = 0; i < end; i++) {
    const doc = drive.list.docs[i]!;
    if (!isHit(i, doc)) continue;
    if (top.full) {
      const bound = rankedKey(hot, doc, best);
      const last = top.lastDoc;
      // Equal keys of documents in that order go by record id, as the numbers do.
      const inOrder = last < index.orderedUntil && !(hot[last * HOT_STRIDE + HOT.flags]! & FLAG_MOVED);
      if (top.lastKey > bound || (top.lastKey === bound && inOrder && last < doc)) {
        stoppedAt = i;
        break;
      }
    }
    const score = scoreOf();
    top.offer(doc, rankedKey(hot, doc, score), score);
    hits.push(doc);
  }
  const page = top.page(offset, true);
  const counted = () => ({
    total: hits.length,
    totalIsEstimate: false,
    page,
    // In document order, as the hits of reading every one come (over 200, facetsOf takes every n-th).
    facets: withFacets ? facetsOf(index, Int32Array.from(hits).sort(), hits.length) : null,
  });
  if (stoppedAt === end) return counted();

  // Stopped early: the total and facets from entries of the shortest clause taken at even steps.
  const length = drive.list.length;
  const taken = Math.min(length, SAMPLE);
  const step = length / taken;
  const sample = new Int32Array(taken);
  let passed = 0;
  cursors.fill(0);
  for (let t = 0; t < taken; t++) {
    const i = Math.floor(t * step);
    const doc = drive.list.docs[i]!;
    const mask = drive.list.masks[i]! & drive.weights;
    if (!mask || !inAll(doc, driving) || !passes(r, doc)) continue;
    sample[passed++] = doc;
  }
  const total = Math.max(hits.length, Math.round((passed * length) / taken));
  // Few hits in all: a sample of them would say too little, and counting the rest costs little.
  if (total <= searchLimits.countedHits) {
    cursors.fill(0);
    for (let i = stoppedAt; i < end; i++) if (isHit(i, drive.list.docs[i]!)) hits.push(drive.list.docs[i]!);
    return counted();
  }
  const facets = !withFacets
    ? null
    : passed
      ? facetsOf(index, sample, passed, total / passed)
      : facetsOf(index, Int32Array.from(hits), hits.length);
  return { total, totalIsEstimate: true, page, facets };
}
