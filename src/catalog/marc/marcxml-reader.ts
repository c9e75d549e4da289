// Reads MARCXML (MARC 21 slim namespace, or no namespace; RUSMARC travels in the same elements) with a
// streaming SAX parser, yielding records as their </record> arrives. Elements of other namespaces (OAI-PMH
// envelopes, SRU responses) are walked through, so records embedded in them are found too.

import { SaxesParser, type SaxesTagNS } from 'saxes';
import { MarcParseError } from './errors';
import type { MarcDataField, MarcRecord } from './record';
import { MARCXML_NS } from './marcxml-writer';

export interface MarcXmlReadOptions {
  /** 'nfc' (default) normalises values as the ISO 2709 reader does; 'none' keeps them as written. */
  normalize?: 'nfc' | 'none';
}

export type MarcXmlItem = MarcRecord | MarcParseError;

const ACCEPTED_NS = new Set([MARCXML_NS, '']);

/** Push parser: feed text, collect finished records. */
class MarcXmlCollector {
  readonly done: MarcXmlItem[] = [];
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private record: MarcRecord | undefined;
  private field: MarcDataField | undefined;
  private text: string[] | undefined;
  private target: 'leader' | 'control' | 'subfield' | undefined;
  private tag = '';
  private code = '';
  private index = 0;
  private recordStart = 0;
  failed = false;

  constructor(private readonly normalize: 'nfc' | 'none') {
    const p = this.parser;
    // After the first error saxes goes on emitting events for the rest of the chunk: ignore them.
    p.on('opentag', (t) => this.failed || this.open(t));
    p.on('closetag', (t) => this.failed || this.close(t));
    p.on('text', (s) => this.text?.push(s));
    p.on('cdata', (s) => this.text?.push(s));
    p.on('error', (e) => {
      if (this.failed) return;
      this.failed = true;
      this.done.push(new MarcParseError(this.index, this.recordStart || p.position, 'xml', e.message));
    });
  }

  write(s: string): void {
    if (!this.failed) this.parser.write(s);
  }

  end(): void {
    if (this.failed) return;
    this.parser.close();
    if (this.record && !this.failed) {
      this.done.push(new MarcParseError(this.index, this.recordStart, 'xml', 'document ends inside a record'));
    }
  }

  private norm(s: string): string {
    return this.normalize === 'nfc' && /[\u0080-\uffff]/.test(s) ? s.normalize('NFC') : s;
  }

  private attr(t: SaxesTagNS, name: string): string | undefined {
    return t.attributes[name]?.value;
  }

  private open(t: SaxesTagNS): void {
    if (!ACCEPTED_NS.has(t.uri)) return;
    switch (t.local) {
      case 'record':
        this.record = { leader: '', fields: [] };
        this.recordStart = this.parser.position;
        return;
      case 'leader':
        if (this.record) this.begin('leader');
        return;
      case 'controlfield':
        if (this.record) {
          this.tag = this.attr(t, 'tag') ?? '';
          this.begin('control');
        }
        return;
      case 'datafield':
        if (this.record) {
          this.field = {
            tag: this.attr(t, 'tag') ?? '',
            ind1: (this.attr(t, 'ind1') ?? ' ').charAt(0) || ' ',
            ind2: (this.attr(t, 'ind2') ?? ' ').charAt(0) || ' ',
            subfields: [],
          };
          this.record.fields.push(this.field);
        }
        return;
      case 'subfield':
        if (this.field) {
          this.code = this.attr(t, 'code') ?? '';
          this.begin('subfield');
        }
        return;
      default:
        return;
    }
  }

  private begin(target: 'leader' | 'control' | 'subfield'): void {
    this.target = target;
    this.text = [];
  }

  private close(t: SaxesTagNS): void {
    if (!ACCEPTED_NS.has(t.uri)) return;
    const value = this.text ? this.text.join('') : '';
    switch (t.local) {
      case 'leader':
        if (this.record && this.target === 'leader') this.record.leader = value;
        break;
      case 'controlfield':
        if (this.record && this.target === 'control')
          this.record.fields.push({ tag: this.tag, value: this.norm(value) });
        break;
      case 'subfield':
        if (this.field && this.target === 'subfield')
          this.field.subfields.push({ code: this.code, value: this.norm(value) });
        break;
      case 'datafield':
        this.field = undefined;
        return;
      case 'record':
        if (this.record) this.done.push(this.record);
        this.record = undefined;
        this.index++;
        return;
      default:
        return;
    }
    this.text = undefined;
    this.target = undefined;
  }
}

/** Reads MARCXML from a Node Readable or any async iterable of text or UTF-8 byte chunks. */
export async function* readMarcXml(
  source: AsyncIterable<string | Uint8Array>,
  options: MarcXmlReadOptions = {},
): AsyncGenerator<MarcXmlItem> {
  const c = new MarcXmlCollector(options.normalize ?? 'nfc');
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    c.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    yield* c.done.splice(0);
    if (c.failed) return;
  }
  c.write(decoder.decode());
  c.end();
  yield* c.done.splice(0);
}

/** Reads a whole MARCXML document held in memory. */
export function readMarcXmlString(xml: string, options: MarcXmlReadOptions = {}): MarcXmlItem[] {
  const c = new MarcXmlCollector(options.normalize ?? 'nfc');
  c.write(xml);
  c.end();
  return c.done;
}
