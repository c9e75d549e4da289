/**
 * A small XML writer for the interop endpoints: every text and attribute value goes through one
 * escaping function, characters XML 1.0 cannot carry are dropped, and pre-rendered XML (a MARCXML
 * record) is only ever inserted through `raw`.
 */

// XML 1.0's Char production; in 'u' mode a lone surrogate is outside it.
const INVALID_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content and double-quoted attribute values. */
export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/[<>&"']/g, (c) =>
      c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === '"' ? '&quot;' : '&apos;',
    );
}

export type Attrs = Record<string, string | number | undefined>;

const NAME = /^[A-Za-z_][\w.:-]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Not an XML name: ${name}`);
  return name;
}

function attrText(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    out += ` ${checkName(name)}="${escapeXml(String(value))}"`;
  }
  return out;
}

/** Builds a document element by element; `end` closes the innermost open element. */
export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private readonly open: string[] = [];

  start(name: string, attrs?: Attrs): this {
    this.parts.push(`<${checkName(name)}${attrText(attrs)}>`);
    this.open.push(name);
    return this;
  }

  end(): this {
    const name = this.open.pop();
    if (!name) throw new Error('No open element');
    this.parts.push(`</${name}>`);
    return this;
  }

  /** An element holding only text (written even when the text is empty). */
  leaf(name: string, text: string | number, attrs?: Attrs): this {
    this.parts.push(`<${checkName(name)}${attrText(attrs)}>${escapeXml(String(text))}</${name}>`);
    return this;
  }

  /** An empty element. */
  empty(name: string, attrs?: Attrs): this {
    this.parts.push(`<${checkName(name)}${attrText(attrs)}/>`);
    return this;
  }

  text(value: string): this {
    this.parts.push(escapeXml(value));
    return this;
  }

  /** Inserts XML that another writer (the MARCXML writer) has already escaped. */
  raw(xml: string): this {
    this.parts.push(xml);
    return this;
  }

  /** The elements written, without the XML declaration: a fragment for another document. */
  fragment(): string {
    if (this.open.length) throw new Error(`Unclosed elements: ${this.open.join(', ')}`);
    return this.parts.slice(1).join('');
  }

  toString(): string {
    if (this.open.length) throw new Error(`Unclosed elements: ${this.open.join(', ')}`);
    return `${this.parts.join('')}\n`;
  }
}

export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';
