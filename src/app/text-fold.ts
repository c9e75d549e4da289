/**
 * Folding for simple "contains" searches over names and addresses: case, ё → е and the Kyrgyz letters
 * ң → н, ө → о, ү → у, so "жаны-алыш" finds "Жаңы-Алыш" and "онор" finds "өнөр".
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

const FROM = 'ёңөүЁҢӨҮ';
const TO = 'еноуеноу';

/** A LIKE pattern matches `%`, `_` and `\` literally after this. */
export function likeEscape(value: string): string {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}

export function foldText(value: string): string {
  let out = value.toLowerCase();
  for (let i = 0; i < FROM.length; i++) out = out.replaceAll(FROM[i]!, TO[i]!);
  return out;
}

/** `expr` folded the same way, in SQL. */
export function foldedSql(expr: SQLWrapper): SQL {
  return sql`translate(lower(${expr}), ${FROM}, ${TO})`;
}

/**
 * `expr` folded as foldedSql does, with the letters written into the statement rather than passed as
 * values: an index on a folded expression is used only by a statement holding the same expression.
 */
export function foldedSqlInline(expr: SQLWrapper): SQL {
  return sql`translate(lower(${expr}), ${sql.raw(`'${FROM}'`)}, ${sql.raw(`'${TO}'`)})`;
}

/** `expr` contains the folded query (LIKE wildcards in the query are taken literally). */
export function foldedContains(expr: SQLWrapper, query: string): SQL {
  const like = `%${likeEscape(foldText(query.trim()))}%`;
  return sql`${foldedSql(expr)} like ${like}`;
}
