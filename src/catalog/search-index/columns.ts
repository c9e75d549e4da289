/** Columns of the search index in memory that are not plain typed arrays: interned strings, and short lists per document. */

/** Strings numbered as they are first seen (0 is kept for "none"). */
export class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [''];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/**
 * A short list of numbers per document (its subjects, libraries…), all in one growing array: a
 * document's list is rewritten at the end, its old place left unused. Many small arrays would each be
 * an object the garbage collector walks, and a million of them made every search wait for it.
 */
export class Lists {
  start = new Int32Array(0);
  count = new Uint16Array(0);
  data = new Int32Array(1024);
  used = 0;

  grow(capacity: number): void {
    const start = new Int32Array(capacity);
    start.set(this.start);
    this.start = start;
    const count = new Uint16Array(capacity);
    count.set(this.count);
    this.count = count;
  }

  set(doc: number, values: readonly number[]): void {
    const n = Math.min(values.length, 65535);
    if (this.used + n > this.data.length) {
      const data = new Int32Array(Math.max(this.data.length * 2, this.used + n));
      data.set(this.data.subarray(0, this.used));
      this.data = data;
    }
    this.start[doc] = this.used;
    this.count[doc] = n;
    for (let i = 0; i < n; i++) this.data[this.used++] = values[i]!;
  }

  /** The same lists renumbered: document `order[i]` becomes document `i`. */
  permuted(order: Int32Array, capacity: number): Lists {
    const next = new Lists();
    next.grow(capacity);
    next.data = new Int32Array(Math.max(1024, this.used));
    for (let doc = 0; doc < order.length; doc++) {
      const from = this.start[order[doc]!]!;
      const n = this.count[order[doc]!]!;
      next.start[doc] = next.used;
      next.count[doc] = n;
      next.data.set(this.data.subarray(from, from + n), next.used);
      next.used += n;
    }
    return next;
  }
}
