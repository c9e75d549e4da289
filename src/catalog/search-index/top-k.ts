/**
 * The first k hits of a search in its order, kept while the hits are read: a heap whose root is the
 * last of the best k so far. The bigger key comes first; equal keys go by sort title as text (the title
 * ranks of documents added since the load can be equal), then by record id. Equal ranked keys of two
 * documents in the order of ties (memory-index.ts) go by their numbers, which is the same order.
 */
import { FLAG_MOVED, HOT, HOT_STRIDE } from './hot';
import type { SearchIndex } from './memory-index';

const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export class TopK {
  private docs: number[] = [];
  private keys: number[] = [];
  private scores: number[] = [];

  constructor(
    private readonly index: SearchIndex,
    readonly k: number,
    /** Whether the keys are hit-rules.ts rankedKey's (score, libraries, title). */
    private readonly ranked: boolean,
  ) {}

  private inOrder(doc: number): boolean {
    return doc < this.index.orderedUntil && !(this.index.hot[doc * HOT_STRIDE + HOT.flags]! & FLAG_MOVED);
  }

  /** Positive when hit a (document and key) comes after hit b. */
  private after(docA: number, keyA: number, docB: number, keyB: number): number {
    if (keyA !== keyB) return keyB - keyA;
    if (this.ranked && this.inOrder(docA) && this.inOrder(docB)) return docA - docB;
    const { sortTitles, recordIds } = this.index;
    return text(sortTitles[docA]!, sortTitles[docB]!) || text(recordIds[docA]!, recordIds[docB]!);
  }

  private afterAt(a: number, b: number): number {
    return this.after(this.docs[a]!, this.keys[a]!, this.docs[b]!, this.keys[b]!);
  }

  get full(): boolean {
    return this.docs.length >= this.k;
  }

  /** The last of the best k so far (when full). */
  get lastDoc(): number {
    return this.docs[0]!;
  }

  get lastKey(): number {
    return this.keys[0]!;
  }

  offer(doc: number, key: number, score: number): void {
    if (!this.full) {
      this.docs.push(doc);
      this.keys.push(key);
      this.scores.push(score);
      this.up(this.docs.length - 1);
    } else if (this.k > 0 && key >= this.keys[0]! && this.after(doc, key, this.docs[0]!, this.keys[0]!) < 0) {
      this.docs[0] = doc;
      this.keys[0] = key;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** The hits kept, first first. */
  sorted(): { doc: number; score: number }[] {
    return Array.from(this.docs, (_, i) => i)
      .sort((a, b) => this.afterAt(a, b))
      .map((i) => ({ doc: this.docs[i]!, score: this.scores[i]! }));
  }

  /** The hits kept from `offset` on: their record ids and scores (0 when not ranked). */
  page(offset: number, ranked: boolean): { recordId: string; rank: number }[] {
    return this.sorted()
      .slice(offset)
      .map((hit) => ({ recordId: this.index.recordIds[hit.doc]!, rank: ranked ? hit.score / 10 : 0 }));
  }

  private swap(i: number, j: number): void {
    for (const column of [this.docs, this.keys, this.scores]) [column[i], column[j]] = [column[j]!, column[i]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.afterAt(i, p) <= 0) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let last = i;
      if (l < n && this.afterAt(l, last) > 0) last = l;
      if (r < n && this.afterAt(r, last) > 0) last = r;
      if (last === i) break;
      this.swap(i, last);
      i = last;
    }
  }
}
