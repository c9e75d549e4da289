/**
 * Turning an uploaded byte stream into MARC records: the container (ISO 2709 or MARCXML) is told by its
 * first bytes, the schema (RUSMARC or MARC 21) by the first records' tags, unless the person says.
 */
import type { EncodingOption } from '../marc';
import { MarcView, detectFormat, detectRawEncoding, splitRecords, isMarcParseError, readIso2709ViewStream, readMarcXml, type MarcFormat, type MarcParseError, type MarcRecord } from '../marc';

export type ContainerOption = 'iso2709' | 'marcxml' | 'auto';
export type SchemaOption = MarcFormat | 'auto';

export interface SourceOptions {
  container: ContainerOption;
  schema: SchemaOption;
  encoding: EncodingOption;
  onEncoding?: (encoding: string) => void;
  /**
   * The encoding was named, and the first records' bytes read clearly better in another (told with
   * confidence by the same detection 'auto' uses): the records are still read as named, the person is warned.
   */
  onEncodingDoubt?: (detected: string) => void;
  /** A record was read as UTF-8 although the file's encoding was detected as another (see isUtf8Record). */
  onUtf8Record?: () => void;
  /**
   * Records before this index (an import resumed after them) are only checked and counted: ISO 2709
   * records are not decoded unless the schema is still to be told from them. Their items carry no record
   * (a broken one still carries its error).
   */
  skipBefore?: number;
}

export interface SourceItem {
  index: number;
  /** Null for a record that could not be read (see `error`), and for one skipped (`skipBefore`). */
  record: MarcRecord | null;
  error: MarcParseError | null;
}

/** Puts back the first chunk after peeking at it. */
async function* prepend(firstChunk: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield firstChunk;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Files people pick by mistake, told by their first bytes: what they are called in a message. */
const OTHER_FILES: [magic: number[], name: string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'PDF'], // %PDF
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP (DOCX, XLSX, ODT)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'DOC / XLS'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'RTF'], // {\rtf
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x1f, 0x8b], 'GZIP'],
  [[0x52, 0x61, 0x72, 0x21], 'RAR'],
  [[0x37, 0x7a, 0xbc, 0xaf], '7-Zip'],
];

/** The kind of a file that is certainly not MARC (a PDF, a Word document, an archive…), or null. */
export function otherFileKind(head: Uint8Array): string | null {
  const found = OTHER_FILES.find(([magic]) => magic.every((byte, i) => head[i] === byte));
  return found ? found[1] : null;
}

/**
 * What a file's first bytes say it is: MARCXML (XML: '<', after a byte order mark and blank space),
 * ISO 2709 (a record starts with its length, five ASCII digits; or, after damaged bytes, a record
 * terminator follows: the reader reports the damage and goes on), 'empty' (nothing, or only blank
 * space, in `head`) or 'unknown' (neither; a PDF, a document or an archive is 'unknown' whatever bytes it holds).
 */
export function sniffContainer(head: Uint8Array): 'iso2709' | 'marcxml' | 'empty' | 'unknown' {
  if (otherFileKind(head)) return 'unknown';
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i >= head.length) return 'empty';
  if (head[i] === 0x3c) return 'marcxml'; // '<'
  if (i + 5 <= head.length && head.subarray(i, i + 5).every((b) => b >= 0x30 && b <= 0x39)) return 'iso2709';
  return head.includes(0x1d) ? 'iso2709' : 'unknown';
}

/** The first `bytes` bytes of a stream (fewer when it is shorter); the stream is then closed. */
export async function headOf(stream: AsyncIterable<Uint8Array> & { destroy?: () => void }, bytes: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    parts.push(Buffer.from(chunk));
    size += chunk.length;
    if (size >= bytes) break;
  }
  stream.destroy?.();
  return Buffer.concat(parts).subarray(0, bytes);
}

function looksLikeXml(chunk: Uint8Array): boolean {
  return sniffContainer(chunk) === 'marcxml';
}

/** Reads records with their index; decides the schema from the first ones (held back until then). */
export async function* readRecords(
  source: AsyncIterable<Uint8Array>,
  options: SourceOptions,
  onSchema: (schema: MarcFormat) => void,
): AsyncGenerator<SourceItem> {
  const iterator = source[Symbol.asyncIterator]();
  const head = await iterator.next();
  if (head.done) return;
  const chunks = prepend(head.value, iterator);
  const isXml = options.container === 'marcxml' || (options.container === 'auto' && looksLikeXml(head.value));
  // An encoding the person names is the one the records are read in: said as a detected one would be.
  // MARCXML is read as the XML says, UTF-8 for MARC exchange.
  if (isXml) options.onEncoding?.('utf-8');
  if (!isXml && options.encoding !== 'auto') {
    options.onEncoding?.(options.encoding);
    const guess = detectRawEncoding([...splitRecords(head.value)].slice(0, 50));
    if (guess.confidence === 'high' && guess.encoding !== options.encoding) options.onEncodingDoubt?.(guess.encoding);
  }
  // ISO 2709 records come as views: checked and located, decoded here only when they are needed (a view
  // is valid until the next is read, so each is decoded at once or not at all).
  const items: AsyncIterable<MarcView | MarcRecord | MarcParseError> = isXml
    ? readMarcXml(chunks)
    : readIso2709ViewStream(chunks, {
        encoding: options.encoding,
        onEncoding: (guess) => options.onEncoding?.(guess.encoding),
        onWarning: (warning) => {
          if (warning.kind === 'utf8-record') options.onUtf8Record?.();
        },
      });

  const held: SourceItem[] = [];
  let schema: MarcFormat | null = options.schema === 'auto' ? null : options.schema;
  if (schema) onSchema(schema);
  const skipBefore = options.skipBefore ?? 0;
  let index = 0;
  for await (const item of items) {
    let entry: SourceItem;
    if (isMarcParseError(item)) entry = { index: item.index ?? index, record: null, error: item };
    else if (!(item instanceof MarcView)) entry = { index, record: item, error: null };
    else entry = { index, record: schema && index < skipBefore ? null : item.toRecord(), error: null };
    index++;
    if (schema) {
      yield entry;
      continue;
    }
    held.push(entry);
    if (held.filter((h) => h.record).length >= 20) {
      schema = decide(held);
      onSchema(schema);
      yield* held.splice(0);
    }
  }
  if (!schema) {
    schema = decide(held);
    onSchema(schema);
    yield* held;
  }
}

function decide(held: SourceItem[]): MarcFormat {
  const records = held.flatMap((h) => (h.record ? [h.record] : []));
  return records.length ? detectFormat(records).format : 'rusmarc';
}
