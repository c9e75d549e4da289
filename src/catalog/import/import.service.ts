/**
 * Importing MARC records into the union catalogue: records are matched to existing ones or created,
 * copies are created from holdings fields into the chosen library, in batches of one transaction each
 * (set-based, batch.ts; if the database refuses something in a batch, its records are retried one by
 * one, each under its own savepoint, so one bad record does not sink the others). One audit entry per
 * batch names every record it created or matched.
 * Importing the same file again creates nothing new (matching + unique copy numbers), and an import
 * that stopped can resume after the last committed batch.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { t } from '../../app/i18n';
import type { TLanguage } from '../../staff/staff.schemas';
import { writeAudit, type AuditActor } from '../../audit';
import type { Library } from '../../network';
import { detectFormat, type EncodingOption, type MarcFormat, type MarcRecord } from '../marc';
import { CatalogError } from '../catalog.errors';
import { columnsFromMarc } from '../records.service';
import { carryOf, emptyCarry, emptyOutcome, importBatch, writeSearchRows, type BatchOutcome, type BatchRecord, type Carry } from './batch';
import type { MatchMode } from './match';
import { readRecords, type ContainerOption, type SchemaOption } from './sources';

export interface ImportOptions {
  container: ContainerOption;
  schema: SchemaOption;
  encoding: EncodingOption;
  match: MatchMode;
  /**
   * A matched record that was in the catalogue before takes the file's content (see importBatch): to
   * mend records an earlier import read in a wrong encoding. Its copies, and local edits' history in the audit log, stay.
   */
  replace?: boolean;
  /** Copies from holdings fields go here; without a library only records are imported. */
  library: Library | null;
  /** Currency of imported prices: the library network's (KGS in Kyrgyzstan, RUB in Russia). */
  currency?: 'KGS' | 'RUB';
  batchSize?: number;
  /** Language of the reasons given for refused records. */
  language?: TLanguage;
  /** Records with a lower index were committed by an earlier run: skip them. */
  resumeFrom?: number;
  onProgress?: (summary: ImportSummary) => Promise<void> | void;
  /** Called after each committed batch with the index to resume from. */
  onCommitted?: (nextIndex: number, summary: ImportSummary) => Promise<void> | void;
  /**
   * Gather the planner's statistics after an import of ANALYZE_AFTER records or more: for PGlite, which
   * has no autovacuum. PostgreSQL's autovacuum does it there (13 s on a catalogue of 1,000,000 records,
   * which the import need not wait for).
   */
  gatherStatistics?: boolean;
}

export interface ImportError {
  index: number;
  offset: number;
  /** Why, in the importing person's language. */
  reason: string;
  /** For a record that could not be read: what the MARC reader found, technically (in English). */
  detail?: string;
}

export interface ImportSummary {
  read: number;
  created: number;
  matched: number;
  /** Of the matched, how many took the file's content (the `replace` option). */
  replaced?: number;
  rejected: number;
  items: { created: number; existing: number };
  errors: ImportError[];
  schema: MarcFormat | null;
  encoding: string | null;
  /** The encoding the first records read clearly better in, when another was named (see onEncodingDoubt). */
  encodingDetected?: string;
  /** How many records were read as UTF-8 in a file detected as another encoding (a merged file). */
  utf8Records?: number;
}

/** Only the first errors are kept in full; the count in `rejected` stays exact. */
const MAX_ERRORS = 1000;

export function emptySummary(): ImportSummary {
  return { read: 0, created: 0, matched: 0, rejected: 0, items: { created: 0, existing: 0 }, errors: [], schema: null, encoding: null };
}

interface Pending {
  index: number;
  record: MarcRecord;
}

export async function importMarc(
  db: Db,
  actor: AuditActor,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions,
  summary: ImportSummary = emptySummary(),
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 1000;
  const resumeFrom = options.resumeFrom ?? 0;
  const reject = (error: ImportError) => {
    summary.rejected++;
    if (summary.errors.length < MAX_ERRORS) summary.errors.push(error);
  };
  let batch: Pending[] = [];
  let nextIndex = resumeFrom;
  // Batches overlap: while one writes its search rows and commits, the next is matched and its records
  // and copies written on another connection, and the one after is read and analysed meanwhile. Each
  // batch matches against the records of the one before (its Carry: not committed yet, so not visible to
  // its statements), waits for it to commit before writing its own search rows (and before writing copies
  // of its records: a foreign key check does not see them sooner, see importBatch), and so commits after
  // it: batches commit in file order, and a resumed import starts after the last one committed. Nothing
  // inside a batch's transaction waits for the database outside it (PGlite runs one transaction at a time).
  type InFlight = { ready: Promise<Carry>; committed: Promise<void>; done: Promise<void> };
  let previous = null as InFlight | null;
  const inFlight = new Set<Promise<unknown>>();

  const write = (first: number, last: number, records: BatchRecord[], carry: Carry) => {
    const before = previous;
    let release!: (carry: Carry) => void;
    let fail!: (error: unknown) => void;
    const matched = new Promise<Carry>((resolve, reject) => ((release = resolve), (fail = reject)));
    matched.catch(() => undefined);
    // Only the counts and ids outlive the statements that need the records (three batches are in memory).
    let ready: BatchRecord[] | null = records;
    let outcome: BatchOutcome | null = null;
    const counts = { created: 0, matched: 0, replaced: 0, items: { created: 0, existing: 0 } };
    const committed = db
      .transaction(async (tx) => {
        outcome = await importPending(tx, ready!, options, summary.schema ?? 'rusmarc', reject, carry, async () => await before?.committed);
        ready = null;
        await before?.committed;
        release(carryOf(outcome.written));
        await writeSearchRows(tx, outcome);
        await writeAudit(tx, actor, {
          action: 'catalog.import_batch',
          objectType: 'import',
          objectId: `${first}-${last}`,
          networkId: options.library?.networkId ?? null,
          libraryId: options.library?.id ?? null,
          summary: `${last - first + 1}`,
          // The replaced records' earlier MARC, so that a replacement can be looked at and undone.
          before: outcome.replacedBefore.length ? { replaced: outcome.replacedBefore } : undefined,
          after: { created: outcome.created, matched: outcome.matched, replaced: outcome.replaced, copies: outcome.items },
        });
        Object.assign(counts, {
          created: outcome.created.length,
          matched: outcome.matched.length,
          replaced: outcome.replaced.length,
          items: outcome.items,
        });
        outcome = null;
      })
      .catch((error: unknown) => {
        fail(error);
        throw error;
      });
    // After the commit, in file order: the counts, the place to resume from, the progress.
    const done = committed.then(async () => {
      await before?.done;
      summary.created += counts.created;
      summary.matched += counts.matched;
      if (options.replace) summary.replaced = (summary.replaced ?? 0) + counts.replaced;
      summary.items.created += counts.items.created;
      summary.items.existing += counts.items.existing;
      nextIndex = last + 1;
      await options.onCommitted?.(nextIndex, summary);
      await options.onProgress?.(summary);
    });
    // Awaited by the next batch or at the end; a failure is not lost meanwhile.
    inFlight.add(done);
    done.catch(() => undefined).finally(() => inFlight.delete(done));
    previous = { ready: matched, committed, done };
  };

  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    const ready = analyse(pending, summary.schema ?? 'rusmarc', options.language ?? 'ru', reject, options.schema !== 'auto');
    const carry = previous ? await previous.ready : emptyCarry();
    write(pending[0]!.index, pending.at(-1)!.index, ready, carry);
  };

  try {
    for await (const item of readRecords(source, {
      container: options.container,
      schema: options.schema,
      encoding: options.encoding,
      onEncoding: (encoding) => (summary.encoding = encoding),
      onEncodingDoubt: (detected) => (summary.encodingDetected = detected),
      onUtf8Record: () => (summary.utf8Records = (summary.utf8Records ?? 0) + 1),
      skipBefore: resumeFrom,
    }, (schema) => (summary.schema = schema))) {
      // Replacing records with text read in an encoding the bytes contradict would garble good records
      // beyond repair (undecodable bytes become U+FFFD): refused before anything is written.
      if (options.replace && summary.encodingDetected) {
        throw new Error(
          t(options.language ?? 'ru', 'import.replace_encoding_doubt', {
            named: (summary.encoding ?? '').toUpperCase(),
            detected: summary.encodingDetected.toUpperCase(),
          }),
        );
      }
      if (item.index < resumeFrom) continue;
      summary.read++;
      if (item.error) {
        const { index, offset, kind, reason } = item.error;
        reject({ index, offset, reason: t(options.language ?? 'ru', `marc_error.${kind}`), detail: reason });
      } else if (item.record) batch.push({ index: item.index, record: item.record });
      if (batch.length >= batchSize) await flush();
      else if (summary.read % 100 === 0) await options.onProgress?.(summary);
    }
    await flush();
    await previous?.done;
  } catch (error) {
    // No batch is left writing when the import stops.
    await Promise.allSettled(inFlight);
    throw error;
  }
  await options.onCommitted?.(Math.max(nextIndex, resumeFrom + summary.read), summary);
  // A big import changes the catalogue's statistics (how many records match a search, "about N"). They
  // only guide estimates and plans: an import whose records are all committed does not fail for them.
  if (options.gatherStatistics && summary.created >= ANALYZE_AFTER) {
    await db.execute(sql`analyze bib_records, bib_search, items`).catch(() => undefined);
  }
  return summary;
}

/** How many records an import must create for the statistics to be gathered after it. */
const ANALYZE_AFTER = 1000;

/**
 * The columns of each record of a batch; a record that has none usable is refused. A file's schema is
 * told from its first records; a record of the other schema among them (UNIMARC records in a MARC 21
 * file merged from two catalogues) is read in its own when it has no title in the file's and the schema
 * was not chosen by the person.
 */
function analyse(
  pending: readonly Pending[],
  schema: MarcFormat,
  language: TLanguage,
  reject: (error: ImportError) => void,
  schemaChosen: boolean,
): BatchRecord[] {
  const ready: BatchRecord[] = [];
  for (const { index, record } of pending) {
    try {
      let columns = columnsFromMarc(record, schema);
      if (!columns.title && !schemaChosen) {
        const own = detectFormat([record]).format;
        if (own !== schema) columns = columnsFromMarc(record, own);
      }
      if (!columns.title) throw new CatalogError(422, 'marc_title', 'validation.marc_title', 'marc');
      ready.push({ index, record, columns });
    } catch (error) {
      reject({ index, offset: -1, reason: describe(error, language) });
    }
  }
  return ready;
}

/** The records of one batch: all at once, or one by one when the database refuses the batch. */
async function importPending(
  tx: Db,
  ready: readonly BatchRecord[],
  options: ImportOptions,
  schema: MarcFormat,
  reject: (error: ImportError) => void,
  carry: Carry,
  carriedCommitted: () => Promise<void>,
): Promise<BatchOutcome> {
  const language = options.language ?? 'ru';
  const batchOptions = {
    match: options.match,
    schema,
    library: options.library,
    currency: options.currency ?? 'KGS',
    replace: options.replace ?? false,
  } as const;
  try {
    return await tx.transaction((sp) => importBatch(sp, ready, batchOptions, carry, carriedCommitted));
  } catch {
    const outcome = emptyOutcome();
    for (const one of ready) {
      try {
        const single = await tx.transaction((sp) => importBatch(sp, [one], batchOptions, carry, carriedCommitted));
        outcome.created.push(...single.created);
        outcome.matched.push(...single.matched);
        outcome.replaced.push(...single.replaced);
        outcome.replacedBefore.push(...single.replacedBefore);
        outcome.items.created += single.items.created;
        outcome.items.existing += single.items.existing;
        outcome.written.push(...single.written);
        outcome.touched.push(...single.touched);
      } catch (error) {
        reject({ index: one.index, offset: -1, reason: describe(error, language) });
      }
    }
    return outcome;
  }
}

/** A refused record's reason, in the importing person's language. */
function describe(error: unknown, language: TLanguage): string {
  if (error instanceof CatalogError) return t(language, error.key);
  if (error instanceof AppError) {
    const fields = error.fields.map((f) => t(language, f.key, f.params)).join('; ');
    return fields || t(language, error.messageKey);
  }
  return error instanceof Error ? error.message : String(error);
}
