/**
 * CQL to SQL over the union catalogue: indexes dc.title, dc.creator, dc.subject, dc.identifier (ISBN),
 * cql.anywhere / cql.serverChoice, relations =, adj, all, any, exact (== is exact). Words are matched in
 * the same folded, weighted search vector as the catalogue search (search.service.ts): title A, authors
 * B, subjects C; `exact` compares whole folded values. Only letters and digits reach to_tsquery. As CQL
 * 1.2 has it, `=` with several words is `adj`: the words next to each other, in that order (a phrase:
 * "белый пароход" finds «Белый пароход», not «Пароход белый»); with one word it is that word.
 */
import { and, not, or, sql, type SQL } from 'drizzle-orm';
import { foldedSql, foldText } from '../../app/text-fold';
import { bibRecords as R, bibSearch as S } from '../catalog.tables';
import { isbnKeys, looksLikeIsbn } from '../isbn';
import { queryWords, requiredWords } from '../search-query';
import { spellingsOf } from '../search-spellings';
import { CqlError, type CqlNode } from './cql';

type IndexName = 'title' | 'creator' | 'subject' | 'identifier' | 'anywhere' | 'allRecords';

const INDEXES: Record<string, IndexName> = {
  'dc.title': 'title',
  'dc.creator': 'creator',
  'dc.subject': 'subject',
  'dc.identifier': 'identifier',
  'cql.anywhere': 'anywhere',
  'cql.serverchoice': 'anywhere',
  'cql.allrecords': 'allRecords',
};

/** The indexes as SRU explain lists them: [context set, name, title]. */
export const EXPLAIN_INDEXES: [string, string, string][] = [
  ['dc', 'title', 'Title'],
  ['dc', 'creator', 'Author'],
  ['dc', 'subject', 'Subject'],
  ['dc', 'identifier', 'ISBN'],
  ['cql', 'anywhere', 'Any field'],
  ['cql', 'serverChoice', 'Any field'],
];

const WEIGHTS: Record<IndexName, string> = {
  title: 'A',
  creator: 'B',
  subject: 'C',
  identifier: '',
  anywhere: '',
  allRecords: '',
};

function resolveIndex(name: string): IndexName {
  const lower = name.toLowerCase();
  const found = INDEXES[lower] ?? INDEXES[`dc.${lower}`] ?? INDEXES[`cql.${lower}`];
  if (!found) throw new CqlError(16, name, `Unsupported index: ${name}`);
  return found;
}

function resolveRelation(relation: string): 'all' | 'any' | 'exact' | 'adj' {
  switch (relation) {
    case '=':
    case 'adj':
      return 'adj';
    case 'all':
      return 'all';
    case 'any':
      return 'any';
    case 'exact':
    case '==':
      return 'exact';
    default:
      throw new CqlError(19, relation, `Unsupported relation: ${relation}`);
  }
}

/** A word with its other spellings (a Kyrgyz name in Russian transcription and back), as tsquery text. */
function spelled(word: string, suffix = ''): string {
  const spellings = spellingsOf(word).map((w) => `${w}${suffix}`);
  return spellings.length > 1 ? `(${spellings.join(' | ')})` : spellings[0]!;
}

/**
 * One word of a term as a tsquery in both configurations; a trailing * makes it a prefix. A Kyrgyz
 * word is also looked for in its Russian transcription, as the catalogue search does ("Ысык-Көл" finds
 * "Иссык-Куль").
 */
function wordQuery(word: string, prefix: boolean, weights: string): SQL {
  const russian = spelled(word, weights ? `:${weights}` : '');
  const simple = prefix || weights ? `${word}:${prefix ? '*' : ''}${weights}` : word;
  return sql`(to_tsquery('russian', ${russian}) || to_tsquery('simple', ${simple}))`;
}

/** The words of a CQL term, each with whether it was masked by a trailing *. */
function termWords(term: string): { word: string; prefix: boolean }[] {
  const out: { word: string; prefix: boolean }[] = [];
  for (const token of term.split(/\s+/)) {
    const words = queryWords(token);
    words.forEach((word, i) => out.push({ word, prefix: i === words.length - 1 && /\*$/.test(token) }));
  }
  return out;
}

function wordsCondition(index: IndexName, relation: 'all' | 'any', term: string): SQL {
  let words = termWords(term);
  if (words.length === 0) return term.trim() === '*' ? sql`true` : sql`false`;
  if (relation === 'all') {
    const required = new Set(requiredWords(words.map((w) => w.word)));
    words = words.filter((w) => required.has(w.word));
  }
  const weights = WEIGHTS[index];
  const parts = words.map((w) => wordQuery(w.word, w.prefix, weights));
  const tsquery = sql.join(parts, relation === 'all' ? sql` && ` : sql` || `);
  return sql`${R.id} in (select ${S.recordId} from ${S} where ${S.vector} @@ (${tsquery}))`;
}

/**
 * The words of `term` next to each other in this order, in the field of `index`: all the words in the
 * field (wordsCondition) and, as a phrase, in the title's vector (dc.title) or the whole vector, each
 * word with its other spellings.
 */
function phraseCondition(index: IndexName, term: string): SQL {
  const words = termWords(term);
  if (words.length < 2 || words.some((w) => w.prefix)) return wordsCondition(index, 'all', term);
  const russian = words.map((w) => spelled(w.word)).join(' <-> ');
  const simple = words.map((w) => w.word).join(' <-> ');
  const phrase = sql`(to_tsquery('russian', ${russian}) || to_tsquery('simple', ${simple}))`;
  const vector = index === 'title' ? S.titleVector : S.vector;
  return and(wordsCondition(index, 'all', term), sql`${R.id} in (select ${S.recordId} from ${S} where ${vector} @@ ${phrase})`)!;
}

function listEquals(column: SQL | typeof R.authors, folded: string): SQL {
  return sql`exists (select 1 from unnest(${column}) as v(value) where ${foldedSql(sql`v.value`)} = ${folded})`;
}

function exactCondition(index: IndexName, term: string): SQL {
  const folded = foldText(term.trim());
  const title = sql`${foldedSql(R.title)} = ${folded}`;
  switch (index) {
    case 'title':
      return title;
    case 'creator':
      return listEquals(R.authors, folded);
    case 'subject':
      return listEquals(R.subjects, folded);
    default:
      return or(title, listEquals(R.authors, folded), listEquals(R.subjects, folded))!;
  }
}

function identifierCondition(relation: 'all' | 'any' | 'exact' | 'adj', term: string): SQL {
  const values = relation === 'any' ? term.split(/\s+/) : [term];
  const keys = isbnKeys(values.filter((v) => v.length > 0));
  const conditions: SQL[] = [];
  if (keys.length)
    conditions.push(
      sql`${R.isbns} && array[${sql.join(
        keys.map((k) => sql`${k}`),
        sql`, `,
      )}]::text[]`,
    );
  const trimmed = term.trim();
  // The record's own id is an identifier too (it is also its 001 and its OAI identifier).
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(trimmed))
    conditions.push(sql`${R.id} = ${trimmed.toLowerCase()}::uuid`);
  return conditions.length ? or(...conditions)! : sql`false`;
}

function clauseCondition(indexName: string, relationName: string, term: string): SQL {
  const index = resolveIndex(indexName);
  const relation = resolveRelation(relationName);
  if (index === 'allRecords') return sql`true`;
  if (index === 'identifier') return identifierCondition(relation, term);
  if (relation === 'exact') return exactCondition(index, term);
  // An ISBN typed as a bare term (cql.serverChoice) finds the record as dc.identifier would.
  const words = (r: 'all' | 'any' | 'adj') => (r === 'adj' ? phraseCondition(index, term) : wordsCondition(index, r, term));
  if (index === 'anywhere' && looksLikeIsbn(term.trim())) return or(words(relation), identifierCondition(relation, term))!;
  return words(relation);
}

/** The SQL condition of a parsed CQL query (deleted records are left to the caller). Throws CqlError. */
export function cqlToSql(node: CqlNode): SQL {
  if (node.type === 'clause') return clauseCondition(node.index, node.relation, node.term);
  const left = cqlToSql(node.left);
  const right = cqlToSql(node.right);
  switch (node.op) {
    case 'and':
      return and(left, right)!;
    case 'or':
      return or(left, right)!;
    case 'not':
      return and(left, not(right))!;
    default:
      throw new CqlError(37, node.op, `Unsupported boolean operator: ${node.op}`);
  }
}
