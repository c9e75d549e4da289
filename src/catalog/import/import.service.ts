/**
 * Importing MARC records into the union catalogue: records are matched to existing ones or created,
 * copies are created from holdings fields into the chosen library, in batches of one transaction each.
 * Importing the same file again creates nothing new (matching + unique copy numbers), and an import
 * that stopped can resume after the last committed batch.
 */
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { t } from '../../app/i18n';
import type { TLanguage } from '../../staff/staff.schemas';
import { writeAudit, type AuditActor } from '../../audit';
import type { Library } from '../../network';
import { items } from '../catalog.tables';
import type { EncodingOption, MarcFormat, MarcRecord } from '../marc';
import { CatalogError } from '../catalog.errors';
import { columnsFromMarc, insertRecord } from '../records.service';
import { extractHoldings } from './holdings';
import { findMatch, type MatchMode } from './match';
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
  const batchSize = options.batchSize ?? 500;
  const resumeFrom = options.resumeFrom ?? 0;
  const reject = (error: ImportError) => {
    summary.rejected++;
    if (summary.errors.length < MAX_ERRORS) summary.errors.push(error);
  };
  let batch: Pending[] = [];
  let nextIndex = resumeFrom;

  const flush = async () => {
    if (!batch.length) return;
    const pending = batch;
    batch = [];
    await db.transaction(async (tx) => {
      for (const { index, record } of pending) await importOne(tx, actor, index, record, options, summary, reject);
      await writeAudit(tx, actor, {
        action: 'catalog.import_batch',
        objectType: 'import',
        objectId: `${pending[0]!.index}-${pending.at(-1)!.index}`,
        networkId: options.library?.networkId ?? null,
        libraryId: options.library?.id ?? null,
        summary: `${pending.length}`,
      });
    });
    nextIndex = pending.at(-1)!.index + 1;
    await options.onCommitted?.(nextIndex, summary);
    await options.onProgress?.(summary);
  };

  for await (const item of readRecords(source, {
    container: options.container,
    schema: options.schema,
    encoding: options.encoding,
    onEncoding: (encoding) => (summary.encoding = encoding),
  }, (schema) => (summary.schema = schema))) {
    if (item.index < resumeFrom) continue;
    summary.read++;
    if (item.error) reject({ index: item.error.index, offset: item.error.offset, reason: item.error.reason });
    else if (item.record) batch.push({ index: item.index, record: item.record });
    if (batch.length >= batchSize) await flush();
    else if (summary.read % 100 === 0) await options.onProgress?.(summary);
  }
  await flush();
  await options.onCommitted?.(Math.max(nextIndex, resumeFrom + summary.read), summary);
  return summary;
}

async function importOne(
  tx: Db,
  actor: AuditActor,
  index: number,
  record: MarcRecord,
  options: ImportOptions,
  summary: ImportSummary,
  reject: (error: ImportError) => void,
) {
  const schema = summary.schema ?? 'rusmarc';
  let recordId: string;
  try {
    // A savepoint per record: one bad record must not undo the rest of its batch.
    recordId = await tx.transaction(async (sp) => {
      const columns = columnsFromMarc(record, schema);
      const existing = await findMatch(sp, columns, options.match);
      if (existing) {
        summary.matched++;
        return existing;
      }
      const created = await insertRecord(sp, actor, record, schema);
      summary.created++;
      return created.id;
    });
  } catch (error) {
    reject({ index, offset: -1, reason: describe(error, options.language ?? 'ru') });
    return;
  }
  if (!options.library) return;
  const library = options.library;
  const currency = options.currency ?? 'KGS';
  for (const holding of extractHoldings(record, schema)) {
    const inserted = await tx
      .insert(items)
      .values({
        recordId,
        libraryId: library.id,
        networkId: library.networkId,
        inventoryNumber: holding.inventoryNumber,
        // A copy without its own barcode gets one made from the library code and inventory number.
        barcode: holding.barcode ?? `${library.code}-${holding.inventoryNumber}`,
        callNumber: holding.callNumber,
        location: holding.location,
        price: holding.price,
        currency,
        acquiredOn: holding.acquiredOn,
      })
      .onConflictDoNothing()
      .returning({ id: items.id });
    if (inserted.length) summary.items.created++;
    else summary.items.existing++;
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
