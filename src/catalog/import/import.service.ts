/**
 * Importing MARC records into the union catalogue: records are matched to existing ones or created,
 * copies are created from holdings fields into the chosen library, in batches of one transaction each
 * (set-based, batch.ts; if the database refuses something in a batch, its records are retried one by
 * one, each under its own savepoint, so one bad record does not sink the others). One audit entry per
 * batch names every record it created or matched.
 * Importing the same file again creates nothing new (matching + unique copy numbers), and an import
 * that stopped can resume after the last committed batch.
 */
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { t } from '../../app/i18n';
import type { TLanguage } from '../../staff/staff.schemas';
import { writeAudit, type AuditActor } from '../../audit';
import type { Library } from '../../network';
import type { EncodingOption, MarcFormat, MarcRecord } from '../marc';
import { CatalogError } from '../catalog.errors';
import { columnsFromMarc } from '../records.service';
import { importBatch, type BatchOutcome, type BatchRecord } from './batch';
import type { MatchMode } from './match';
import { readRecords, type ContainerOption, type SchemaOption } from './sources';

export interface ImportOptions {
  container: ContainerOption;
  schema: SchemaOption;
  encoding: EncodingOption;
  match: MatchMode;
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
}

export interface ImportError {
  index: number;
  offset: number;
  reason: string;
}

export interface ImportSummary {
  read: number;
  created: number;
  matched: number;
  rejected: number;
  items: { created: number; existing: number };
  errors: ImportError[];
  schema: MarcFormat | null;
  encoding: string | null;
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
  // One batch is written while the next is read and analysed: the database and this process work at
  // the same time. Batches still commit one after another, in file order.
  const writing: { current: Promise<void> | null } = { current: null };

  const write = async (pending: Pending[], ready: BatchRecord[]) => {
    await db.transaction(async (tx) => {
      const outcome = await importPending(tx, ready, options, summary.schema ?? 'rusmarc', reject);
      summary.created += outcome.created.length;
      summary.matched += outcome.matched.length;
      summary.items.created += outcome.items.created;
      summary.items.existing += outcome.items.existing;
      await writeAudit(tx, actor, {
        action: 'catalog.import_batch',
        objectType: 'import',
        objectId: `${pending[0]!.index}-${pending.at(-1)!.index}`,
        networkId: options.library?.networkId ?? null,
        libraryId: options.library?.id ?? null,
        summary: `${pending.length}`,
        after: { created: outcome.created, matched: outcome.matched, copies: outcome.items },
      });
    });
    nextIndex = pending.at(-1)!.index + 1;
    await options.onCommitted?.(nextIndex, summary);
    await options.onProgress?.(summary);
  };

  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    const ready = analyse(pending, summary.schema ?? 'rusmarc', options.language ?? 'ru', reject);
    if (writing.current) await writing.current;
    const started = write(pending, ready);
    // Awaited before the next batch starts (or at the end); a failure is not lost meanwhile.
    started.catch(() => undefined);
    writing.current = started;
  };

  for await (const item of readRecords(source, {
    container: options.container,
    schema: options.schema,
    encoding: options.encoding,
    onEncoding: (encoding) => (summary.encoding = encoding),
    skipBefore: resumeFrom,
  }, (schema) => (summary.schema = schema))) {
    if (item.index < resumeFrom) continue;
    summary.read++;
    if (item.error) reject({ index: item.error.index, offset: item.error.offset, reason: item.error.reason });
    else if (item.record) batch.push({ index: item.index, record: item.record });
    if (batch.length >= batchSize) await flush();
    else if (summary.read % 100 === 0) await options.onProgress?.(summary);
  }
  await flush();
  if (writing.current) await writing.current;
  await options.onCommitted?.(Math.max(nextIndex, resumeFrom + summary.read), summary);
  return summary;
}

/** The columns of each record of a batch; a record that has none usable is refused. */
function analyse(pending: readonly Pending[], schema: MarcFormat, language: TLanguage, reject: (error: ImportError) => void): BatchRecord[] {
  const ready: BatchRecord[] = [];
  for (const { index, record } of pending) {
    try {
      const columns = columnsFromMarc(record, schema);
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
): Promise<BatchOutcome> {
  const language = options.language ?? 'ru';
  const batchOptions = { match: options.match, schema, library: options.library, currency: options.currency ?? 'KGS' } as const;
  try {
    return await tx.transaction((sp) => importBatch(sp, ready, batchOptions));
  } catch {
    const outcome: BatchOutcome = { created: [], matched: [], items: { created: 0, existing: 0 } };
    for (const one of ready) {
      try {
        const single = await tx.transaction((sp) => importBatch(sp, [one], batchOptions));
        outcome.created.push(...single.created);
        outcome.matched.push(...single.matched);
        outcome.items.created += single.items.created;
        outcome.items.existing += single.items.existing;
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
