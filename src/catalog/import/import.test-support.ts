/** What the import tests share: a file handed over in chunks, as an upload or a stream arrives, and the options of an import. */
import { Readable } from 'node:stream';
import type { ImportOptions } from './import.service';

/** The bytes as a stream of `size`-byte chunks. */
export const chunksOf = (bytes: Buffer, size = 4096) =>
  Readable.from((function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  })());

/** An import told nothing (everything detected, matched by ISBN, no library), in batches of 7, changed by `over`. */
export const importOptions = (over: Partial<ImportOptions> = {}): ImportOptions => ({
  container: 'auto',
  schema: 'auto',
  encoding: 'auto',
  match: 'isbn',
  library: null,
  batchSize: 7,
  ...over,
});
