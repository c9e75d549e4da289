/** A list as one statement parameter: the text of a PostgreSQL array, cast to `type` (uuid[], text[], …). */
import { sql, type SQL } from 'drizzle-orm';

const element = (value: string | number) =>
  typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;

export function arrayParam(values: readonly (string | number)[], type: string): SQL {
  return sql`${`{${values.map(element).join(',')}}`}::${sql.raw(type)}`;
}
