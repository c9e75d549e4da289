/**
 * Writing a batch's new records and copies, each kind in one statement: the records by COPY, the copies
 * from one JSON parameter, skipping a copy whose inventory number or barcode is taken.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { copyRows } from '../../app/copy-rows';
import { rowsOf, type Db } from '../../app/db';
import { bibRecords, items } from '../catalog.tables';
import type { columnsFromMarc } from '../records.service';

type Columns = ReturnType<typeof columnsFromMarc>;

/** Column names of the table as the database knows them (snake_case), by property name. */
const recordColumns = Object.entries(getTableColumns(bibRecords)).map(([key, column]) => [key, column.name] as const);

/**
 * The new records of a batch by one COPY whatever their number: the server reads each value, the MARC
 * record's JSON included, straight into its column (an INSERT of the same rows from one JSON parameter
 * read every record twice, out of the document and then into jsonb).
 */
export async function insertRecords(tx: Db, fresh: readonly (Columns & { id: string })[]) {
  if (!fresh.length) return;
  const present = recordColumns.filter(([key]) => key in fresh[0]!);
  const rows = fresh.map((record) => present.map(([key]) => record[key as keyof typeof record]));
  await copyRows(
    tx,
    'bib_records',
    present.map(([, name]) => name),
    rows,
  );
}

export interface CopyRow {
  id: string;
  record_id: string;
  library_id: string;
  network_id: string;
  inventory_number: string;
  barcode: string;
  call_number: string;
  location: string;
  price: number | null;
  currency: 'KGS' | 'RUB';
  acquired_on: string | null;
}

/** The copies of a batch in one statement; a copy whose inventory number or barcode is taken is skipped. Returns how many were created. */
export async function insertCopies(tx: Db, copies: readonly CopyRow[]): Promise<number> {
  if (!copies.length) return 0;
  const names = sql.raw(
    Object.keys(copies[0]!)
      .map((name) => `"${name}"`)
      .join(', '),
  );
  const result = await tx.execute(sql`
    with inserted as (
      insert into ${items} (${names}) select ${names} from json_populate_recordset(null::items, ${JSON.stringify(copies)}::json)
      on conflict do nothing returning 1)
    select count(*)::int as n from inserted`);
  return rowsOf<{ n: number }>(result)[0]!.n;
}
