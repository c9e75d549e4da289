/**
 * Figures about readers and circulation for reports (the report to the municipality, statistics):
 * readers registered or re-registered in a period, visits and loans, by age group as 6-НК counts them
 * (up to 14, 15-30, over 30; the age a reader reaches in the period's last year, from the birth year,
 * which stays after a reader's data is erased).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../app/db';

export interface AgeGroupFigures {
  total: number;
  children: number;
  youth: number;
  adults: number;
}

export interface CirculationSummary {
  /** Distinct readers registered or re-registered at the libraries in the period. */
  readers: AgeGroupFigures;
  /** Visits counted from desk transactions plus the manual counter (which has no age group: in total only). */
  visits: AgeGroupFigures & { manual: number };
  /** Loans made in the period, at the desk and at service points. */
  loans: AgeGroupFigures;
}

const EMPTY = (): AgeGroupFigures => ({ total: 0, children: 0, youth: 0, adults: 0 });

function ageGroupColumns(yearOfAge: number): SQL {
  return sql`
    count(*)::int as total,
    count(*) filter (where ${yearOfAge} - r.birth_year <= 14)::int as children,
    count(*) filter (where ${yearOfAge} - r.birth_year between 15 and 30)::int as youth,
    count(*) filter (where ${yearOfAge} - r.birth_year > 30)::int as adults`;
}

function figures(row: Record<string, unknown> | undefined): AgeGroupFigures {
  if (!row) return EMPTY();
  return { total: Number(row.total), children: Number(row.children), youth: Number(row.youth), adults: Number(row.adults) };
}

export async function summarizeCirculation(
  db: Db,
  query: { libraryIds: readonly string[]; from: string; to: string },
): Promise<CirculationSummary> {
  if (!query.libraryIds.length) return { readers: EMPTY(), visits: { ...EMPTY(), manual: 0 }, loans: EMPTY() };
  const ids = sql.join(query.libraryIds.map((id) => sql`${id}::uuid`), sql`, `);
  const year = Number(query.to.slice(0, 4));
  const [readersRes, visitsRes, manualRes, loansRes] = await Promise.all([
    db.execute(sql`
      select ${ageGroupColumns(year)} from readers r
      where r.id in (select reader_id from reader_registrations
                     where library_id in (${ids}) and registered_on between ${query.from} and ${query.to})`),
    db.execute(sql`
      select ${ageGroupColumns(year)} from reader_visits v join readers r on r.id = v.reader_id
      where v.library_id in (${ids}) and v.day between ${query.from} and ${query.to}`),
    db.execute(sql`
      select coalesce(sum(count), 0)::int as manual from manual_visits
      where library_id in (${ids}) and day between ${query.from} and ${query.to}`),
    db.execute(sql`
      select ${ageGroupColumns(year)} from loans l join readers r on r.id = l.reader_id
      where l.library_id in (${ids})
        and l.loaned_at >= ${query.from}::date and l.loaned_at < ${query.to}::date + 1`),
  ]);
  const first = (result: unknown) => rowsOf<Record<string, unknown>>(result)[0];
  const manual = Number(first(manualRes)?.manual ?? 0);
  const visits = figures(first(visitsRes));
  return {
    readers: figures(first(readersRes)),
    visits: { ...visits, total: visits.total + manual, manual },
    loans: figures(first(loansRes)),
  };
}
