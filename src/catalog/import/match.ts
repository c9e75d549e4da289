/**
 * Finding the record an imported one duplicates: the same control number from the same source (the
 * same record exported again), then a shared ISBN, then the same title, first author and year — the
 * last only when one of the two has no ISBN: records that both carry ISBNs and share none are
 * different editions. An ISBN is not taken for the record when the two differ in title and their
 * source numbered them differently: the volumes of a set share the set's ISBN.
 */
import { and, arrayOverlaps, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { foldedSql } from '../../app/text-fold';
import { bibRecords } from '../catalog.tables';
import type { columnsFromMarc } from '../records.service';

export type MatchMode = 'isbn' | 'control-number' | 'none';
type Columns = ReturnType<typeof columnsFromMarc>;

const live = eq(bibRecords.isDeleted, false);

/** Leaves out another volume of the incoming record's set (see importBatch's otherVolume). */
function notAnotherVolume(columns: Pick<Columns, 'controlNumber' | 'controlSource' | 'title'>) {
  if (!columns.controlNumber || !columns.controlSource) return undefined;
  return sql`not (${bibRecords.controlSource} is not null and ${bibRecords.controlSource} = ${columns.controlSource}
    and ${bibRecords.controlNumber} is not null and ${bibRecords.controlNumber} <> ${columns.controlNumber}
    and ${foldedSql(bibRecords.title)} <> ${foldedSql(sql`${columns.title}`)})`;
}

export async function findMatch(tx: Db, columns: Columns, mode: MatchMode): Promise<string | null> {
  // Identity is always checked, even with 'none': the database keeps control numbers unique per source.
  if (columns.controlNumber) {
    const source = columns.controlSource
      ? eq(bibRecords.controlSource, columns.controlSource)
      : isNull(bibRecords.controlSource);
    const [row] = await tx
      .select({ id: bibRecords.id })
      .from(bibRecords)
      .where(and(eq(bibRecords.controlNumber, columns.controlNumber), source))
      .limit(1);
    if (row) return row.id;
  }
  if (mode !== 'isbn') return null;
  if (columns.isbns.length) {
    const [row] = await tx
      .select({ id: bibRecords.id })
      .from(bibRecords)
      .where(and(live, arrayOverlaps(bibRecords.isbns, columns.isbns), notAnotherVolume(columns)))
      .limit(1);
    if (row) return row.id;
  }
  if (columns.title && columns.year !== null) {
    const [row] = await tx
      .select({ id: bibRecords.id })
      .from(bibRecords)
      .where(
        and(
          live,
          sql`lower(${bibRecords.title}) = lower(${columns.title})`,
          eq(bibRecords.year, columns.year),
          // Both with ISBNs and none shared (the ISBN lookup above found nothing): different editions.
          columns.isbns.length ? sql`cardinality(${bibRecords.isbns}) = 0` : undefined,
          columns.firstAuthor
            ? sql`lower(${bibRecords.firstAuthor}) = lower(${columns.firstAuthor})`
            : isNull(bibRecords.firstAuthor),
        ),
      )
      .limit(1);
    if (row) return row.id;
  }
  return null;
}
