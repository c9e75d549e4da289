/**
 * A query's words as the lexemes the index holds. PostgreSQL analyses them (to_tsquery with the `russian`
 * and `simple` configurations, as the vectors were analysed), once per text: a word's lexemes never
 * change, so they are kept, and a search whose words were all seen before asks the database nothing here.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../app/db';
import type { Term } from '../search-query';
import { arrayParam } from './array-param';
import { readQuery, type Clauses, type QueryLexeme } from './ts-text';

type Config = 'russian' | 'simple';

/** tsquery texts analysed: the lexemes of each, or null when it is not one clause (then the database answers). */
const analysed = new Map<string, QueryLexeme[] | null>();
const MAX_KEPT = 100000;

const keyOf = (config: Config, text: string) => `${config}\u0000${text}`;

async function analyse(db: Db, asked: [Config, string][]): Promise<void> {
  const missing = asked.filter(([config, text]) => !analysed.has(keyOf(config, text)));
  if (!missing.length) return;
  const rows = rowsOf<{ config: Config; text: string; query: string }>(
    await db.execute(sql`select x.config, x.text, to_tsquery(x.config::regconfig, x.text)::text as query
      from unnest(${arrayParam(
        missing.map((m) => m[0]),
        'text[]',
      )}, ${arrayParam(
        missing.map((m) => m[1]),
        'text[]',
      )}) as x(config, text)`),
  );
  if (analysed.size + rows.length > MAX_KEPT) analysed.clear();
  for (const row of rows) {
    // A stop word gives an empty query: no lexemes, and the term's other configuration answers it.
    const clauses = row.query === '' ? [[]] : readQuery(row.query);
    analysed.set(keyOf(row.config, row.text), clauses && clauses.length === 1 ? clauses[0]! : null);
  }
}

/**
 * The clauses of some terms (search-query.ts termsOf: each a `russian` and/or a `simple` tsquery text),
 * one per term; null when a term is beyond what the index answers (its text analysed into a phrase).
 */
export async function clausesOf(db: Db, terms: readonly Term[]): Promise<Clauses | null> {
  const asked: [Config, string][] = terms.flatMap((t) => [
    ...(t.russian === null ? [] : [['russian', t.russian] as [Config, string]]),
    ...(t.simple === null ? [] : [['simple', t.simple] as [Config, string]]),
  ]);
  await analyse(db, asked);
  const clauses: Clauses = [];
  for (const t of terms) {
    const russian = t.russian === null ? [] : analysed.get(keyOf('russian', t.russian));
    const simple = t.simple === null ? [] : analysed.get(keyOf('simple', t.simple));
    if (russian === null || simple === null || russian === undefined || simple === undefined) return null;
    const clause = [...russian, ...simple];
    // A term with no lexeme at all matches nothing in PostgreSQL either; the database says so itself.
    if (!clause.length) return null;
    clauses.push(clause);
  }
  return clauses;
}
