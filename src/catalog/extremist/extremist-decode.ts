/**
 * The uploaded list's bytes as text. The list is saved from the Ministry's site or retyped in Word or
 * Excel, so it arrives in UTF-8 (with or without BOM), UTF-16 with BOM ("Unicode" in Windows) or a
 * Cyrillic code page (CP1251, CP866, KOI8-R), told apart by the MARC engine's letter-frequency scoring.
 * Text that still cannot be read — bytes no encoding explains, the control characters of a binary file —
 * is refused with a 422 naming the line, never stored as «�����» that would match nothing.
 */
import { isUtf8 } from 'node:buffer';
import { AppError } from '../../app/errors';
import { decodeBytes, detectEncoding } from '../marc';

export type ListEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'cp1251' | 'cp866' | 'koi8-r';

/** Enough of a file to tell its code page: a few thousand Cyrillic letters. */
const SAMPLE = 256 * 1024;

/**
 * U+FFFD (bytes the encoding had no character for) and control characters other than tab, line breaks
 * and form feed: not in a text list. A DOS end-of-file mark (Ctrl+Z) at the very end is dropped first.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const UNREADABLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/;

/** The encoding of `bytes` and the text they hold in it; BOMs are not part of the text. */
export function decodeListBytes(bytes: Uint8Array): { text: string; encoding: ListEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decodeBytes(bytes, 3, bytes.length, 'utf-8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const utf8 = decodeBytes(bytes, 0, bytes.length, 'utf-8');
  if (isUtf8(bytes) || mostlyUtf8(utf8.slice(0, SAMPLE))) return { text: utf8, encoding: 'utf-8' };
  // MARC-8 is no encoding for a text file: read as UTF-8, its bytes are refused.
  const guess = detectEncoding([bytes.subarray(0, SAMPLE)]).encoding;
  const encoding = guess === 'marc-8' ? 'utf-8' : guess;
  return { text: encoding === 'utf-8' ? utf8 : decodeBytes(bytes, 0, bytes.length, encoding), encoding };
}

/**
 * UTF-8 with a few broken bytes, which stays UTF-8 (and is refused for them): more letters read than
 * bytes that could not be. Cyrillic in a code page read as UTF-8 is almost nothing but broken bytes.
 */
function mostlyUtf8(text: string): boolean {
  let read = 0;
  let broken = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) broken++;
    else if (c >= 0x80) read++;
  }
  return read > broken;
}

// eslint-disable-next-line no-control-regex -- Ctrl+Z is what is looked for
const DOS_EOF = /\u001a+$/;

/** The 1-based line of the first character that could not be read, or 0 when every one could. */
export function unreadableLine(text: string): number {
  const at = UNREADABLE.exec(text)?.index;
  if (at === undefined) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The text of an uploaded list: the file's bytes decoded (decodeListBytes), or a text/plain body Fastify
 * has read as UTF-8 already. Refused with 422 `extremist_list_encoding` when a character is unreadable.
 */
export function listUploadText(body: unknown): string {
  const text = (
    Buffer.isBuffer(body) || body instanceof Uint8Array
      ? decodeListBytes(body).text
      : typeof body === 'string'
        ? body.replace(/^\uFEFF/, '')
        : ''
  ).replace(DOS_EOF, '');
  const line = unreadableLine(text);
  if (line === 0) return text;
  const key = 'catalog.extremist_list_encoding';
  throw new AppError(
    422,
    'extremist_list_encoding',
    key,
    [{ field: 'file', code: 'extremist_list_encoding', key, params: { line } }],
    { line },
  );
}
