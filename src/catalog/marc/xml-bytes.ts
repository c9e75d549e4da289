// A growing buffer of UTF-8 for the MARCXML writer: text is encoded and escaped character by character
// straight into bytes, so a record's XML is never built as strings first and encoded afterwards.

/** Per ASCII code: 0 copied as is, 1 escaped (& < > "), 2 forbidden by XML 1.0 (C0 controls but tab, LF, CR). */
export const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ASCII_CLASS[c] = c === 0x09 || c === 0x0a || c === 0x0d ? 0 : 2;
for (const c of '&<>"') ASCII_CLASS[c.charCodeAt(0)] = 1;

export class XmlBytes {
  buf: Buffer;
  len = 0;

  constructor(size = 65536) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `more` bytes after what is written. */
  room(more: number): void {
    const need = this.len + more;
    if (need <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Writes a string known to be ASCII without markup (element names, fixed attributes, indentation). */
  ascii(s: string): void {
    this.room(s.length);
    const b = this.buf;
    let p = this.len;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.len = p;
  }

  /**
   * Writes `s` escaped for text and attribute values. With `strict`, stops at the first character XML 1.0
   * cannot hold (a C0 control, a lone surrogate, U+FFFE/U+FFFF), takes back what it wrote and returns
   * false: the caller then cleans the string and writes the result. Without it such characters are
   * written as they are (a lone surrogate as U+FFFD, as Buffer's encoder does).
   */
  text(s: string, strict: boolean): boolean {
    const n = s.length;
    this.room(n * 6); // "&quot;" is the longest a UTF-16 unit gets
    const b = this.buf;
    const start = this.len;
    let p = start;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        const k = ASCII_CLASS[c] as number;
        if (k === 0) {
          b[p++] = c;
        } else if (k === 1) {
          p = escapeAt(b, p, c);
        } else if (strict) {
          this.len = start;
          return false;
        } else {
          b[p++] = c;
        }
      } else if (c < 0x800) {
        b[p++] = 0xc0 | (c >> 6);
        b[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = c <= 0xdbff && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          b[p++] = 0xf0 | (c >> 18);
          b[p++] = 0x80 | ((c >> 12) & 0x3f);
          b[p++] = 0x80 | ((c >> 6) & 0x3f);
          b[p++] = 0x80 | (c & 0x3f);
        } else if (strict) {
          this.len = start;
          return false;
        } else {
          b[p++] = 0xef;
          b[p++] = 0xbf;
          b[p++] = 0xbd;
        }
      } else if (c >= 0xfffe && strict) {
        this.len = start;
        return false;
      } else {
        b[p++] = 0xe0 | (c >> 12);
        b[p++] = 0x80 | ((c >> 6) & 0x3f);
        b[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.len = p;
    return true;
  }

  /** Hands over what is written (for a writable to keep) and starts a fresh buffer of the same size. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.len);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.len = 0;
    return out;
  }

  toString(): string {
    return this.buf.toString('utf8', 0, this.len);
  }
}

/** Writes the entity for & < > or " at b[p]; returns the position after it. */
export function escapeAt(b: Uint8Array, p: number, c: number): number {
  // &amp; &lt; &gt; &quot;
  b[p++] = 0x26;
  if (c === 0x26) {
    b[p++] = 0x61;
    b[p++] = 0x6d;
    b[p++] = 0x70;
  } else if (c === 0x3c || c === 0x3e) {
    b[p++] = c === 0x3c ? 0x6c : 0x67;
    b[p++] = 0x74;
  } else {
    b[p++] = 0x71;
    b[p++] = 0x75;
    b[p++] = 0x6f;
    b[p++] = 0x74;
  }
  b[p++] = 0x3b;
  return p;
}
