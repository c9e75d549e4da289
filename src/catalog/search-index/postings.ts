/**
 * Lists of documents (numbers, ascending) with a weight byte each: the postings of one lexeme, and the
 * sets a query's clauses and their intersection give. A document entering the index takes the next
 * number, so a lexeme's list grows by appending and stays sorted.
 */

export interface DocList {
  docs: Int32Array;
  masks: Uint8Array;
  length: number;
}

export class Postings implements DocList {
  docs = new Int32Array(4);
  masks = new Uint8Array(4);
  length = 0;

  push(doc: number, mask: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const masks = new Uint8Array(this.length * 2);
      masks.set(this.masks);
      this.masks = masks;
    }
    this.docs[this.length] = doc;
    this.masks[this.length++] = mask;
  }
}

/**
 * Renumbers a lexeme's postings (document `d` becomes `numberOf[d]`, dropped when -1) and sorts them
 * again: the index numbers its documents in the order of the ranking's ties once loaded (memory-index.ts).
 * A document and its weights are packed in one number (the weights take 4 bits) so that the sort is the
 * typed array's own.
 */
export function renumber(postings: Postings, numberOf: Int32Array): void {
  const packed = new Int32Array(postings.length);
  let n = 0;
  for (let i = 0; i < postings.length; i++) {
    const doc = numberOf[postings.docs[i]!]!;
    if (doc >= 0) packed[n++] = (doc << 4) | postings.masks[i]!;
  }
  const sorted = packed.subarray(0, n).sort();
  postings.docs = new Int32Array(Math.max(4, n));
  postings.masks = new Uint8Array(Math.max(4, n));
  for (let i = 0; i < n; i++) {
    postings.docs[i] = sorted[i]! >> 4;
    postings.masks[i] = sorted[i]! & 15;
  }
  postings.length = n;
}

/** The entries of `list` whose weights meet `weights`, their masks narrowed to those weights. */
export function withWeights(list: DocList, weights: number): DocList {
  const docs = new Int32Array(list.length);
  const masks = new Uint8Array(list.length);
  let n = 0;
  for (let i = 0; i < list.length; i++) {
    const m = list.masks[i]! & weights;
    if (m) {
      docs[n] = list.docs[i]!;
      masks[n++] = m;
    }
  }
  return { docs, masks, length: n };
}

/** Two lists as one, a document in both with its masks OR-ed. */
function merge(a: DocList, b: DocList): DocList {
  const docs = new Int32Array(a.length + b.length);
  const masks = new Uint8Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x < y) {
      docs[n] = x;
      masks[n++] = a.masks[i++]!;
    } else if (y < x) {
      docs[n] = y;
      masks[n++] = b.masks[j++]!;
    } else {
      docs[n] = x;
      masks[n++] = a.masks[i++]! | b.masks[j++]!;
    }
  }
  for (; i < a.length; i++, n++) {
    docs[n] = a.docs[i]!;
    masks[n] = a.masks[i]!;
  }
  for (; j < b.length; j++, n++) {
    docs[n] = b.docs[j]!;
    masks[n] = b.masks[j]!;
  }
  return { docs, masks, length: n };
}

/** The union of lists, a document's masks OR-ed (merged two by two, the shortest first). */
export function union(lists: readonly DocList[]): DocList {
  const queue = lists.filter((l) => l.length > 0).sort((a, b) => a.length - b.length);
  if (queue.length === 0) return { docs: new Int32Array(0), masks: new Uint8Array(0), length: 0 };
  while (queue.length > 1) {
    const merged = merge(queue.shift()!, queue.shift()!);
    let at = 0;
    while (at < queue.length && queue[at]!.length < merged.length) at++;
    queue.splice(at, 0, merged);
  }
  return queue[0]!;
}

/** The first index at or after `from` whose document is ≥ `doc` (galloping, then binary search). */
export function seek(list: DocList, doc: number, from: number): number {
  let lo = from;
  let step = 1;
  let hi = from;
  while (hi < list.length && list.docs[hi]! < doc) {
    lo = hi + 1;
    hi += step;
    step *= 2;
  }
  if (hi > list.length) hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Documents in every list, with each list's mask for each of them (`masks[i]` from `lists[i]`). */
export function intersect(lists: readonly DocList[]): { docs: Int32Array; masks: Uint8Array[]; length: number } {
  const order = [...lists].sort((a, b) => a.length - b.length);
  const first = order[0]!;
  let docs = first.docs.subarray(0, first.length);
  for (const list of order.slice(1)) {
    if (!docs.length) break;
    const out = new Int32Array(docs.length);
    let n = 0;
    if (list.length < docs.length * 16) {
      // Lists of like length: one walk along both.
      for (let i = 0, j = 0; i < docs.length && j < list.length;) {
        const x = docs[i]!;
        const y = list.docs[j]!;
        if (x < y) i++;
        else if (y < x) j++;
        else {
          out[n++] = x;
          i++;
          j++;
        }
      }
    } else {
      // A short list against a long one: each of its documents sought in the long one.
      for (let i = 0, at = 0; i < docs.length; i++) {
        at = seek(list, docs[i]!, at);
        if (at >= list.length) break;
        if (list.docs[at] === docs[i]) out[n++] = docs[i]!;
      }
    }
    docs = out.subarray(0, n);
  }
  const masks = lists.map((list) => {
    const mine = new Uint8Array(docs.length);
    for (let i = 0, at = 0; i < docs.length; i++) {
      at = seek(list, docs[i]!, at);
      mine[i] = list.masks[at]!;
    }
    return mine;
  });
  return { docs, masks, length: docs.length };
}
