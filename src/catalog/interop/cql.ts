/**
 * A CQL (Contextual Query Language, SRU 1.2 / 2.0) parser, written by hand.
 *
 *   cqlQuery     ::= scopedClause
 *   scopedClause ::= searchClause (boolean searchClause)*      — left to right, as the CQL spec says:
 *                   and, or, not and prox have EQUAL precedence ("a or b and c" is "(a or b) and c");
 *                   parentheses group.
 *   searchClause ::= '(' cqlQuery ')' | index relation searchTerm | searchTerm
 *
 * Relation and boolean modifiers (`/…`), prefix assignments and sortBy are reported as unsupported
 * rather than silently ignored. Errors carry an SRU diagnostic number (10 query syntax error, …).
 */

export type CqlBoolean = 'and' | 'or' | 'not' | 'prox';

export type CqlNode =
  | { type: 'boolean'; op: CqlBoolean; left: CqlNode; right: CqlNode }
  | { type: 'clause'; index: string; relation: string; term: string };

/** A CQL error as an SRU diagnostic: info:srw/diagnostic/1/<code>. */
export class CqlError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
    message: string,
  ) {
    super(message);
  }
}

type Token = { kind: 'word' | 'quoted' | 'symbol'; text: string; pos: number };

const SYMBOLS = ['==', '<>', '<=', '>=', '=', '<', '>', '(', ')', '/'];
const SYMBOL_RELATIONS = new Set(['==', '<>', '<=', '>=', '=', '<', '>']);
const NAMED_RELATIONS = new Set(['all', 'any', 'exact', 'adj', 'within', 'encloses']);
const BOOLEANS = new Set<string>(['and', 'or', 'not', 'prox']);

function syntaxError(details: string, message: string): CqlError {
  return new CqlError(10, details, message);
}

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      let j = i + 1;
      for (;;) {
        if (j >= query.length) throw syntaxError(query, `Unterminated quoted term at ${i + 1}`);
        const d = query[j]!;
        if (d === '\\' && j + 1 < query.length) {
          // \" is a quote in the term; other escapes (\*, \?, \\) keep the backslash for the term.
          const next = query[j + 1]!;
          text += next === '"' ? '"' : `\\${next}`;
          j += 2;
          continue;
        }
        if (d === '"') break;
        text += d;
        j++;
      }
      tokens.push({ kind: 'quoted', text, pos: i });
      i = j + 1;
      continue;
    }
    const symbol = SYMBOLS.find((s) => query.startsWith(s, i));
    if (symbol) {
      tokens.push({ kind: 'symbol', text: symbol, pos: i });
      i += symbol.length;
      continue;
    }
    let j = i;
    while (j < query.length && !/[\s()=<>"/]/.test(query[j]!)) j++;
    tokens.push({ kind: 'word', text: query.slice(i, j), pos: i });
    i = j;
  }
  return tokens;
}

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly query: string,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }

  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) throw syntaxError(this.query, 'Unexpected end of query');
    return t;
  }

  private isBoolean(t: Token | undefined): boolean {
    return t?.kind === 'word' && BOOLEANS.has(t.text.toLowerCase());
  }

  parseQuery(): CqlNode {
    if (this.peek()?.kind === 'symbol' && this.peek()!.text === '>') {
      throw new CqlError(10, this.query, 'Prefix assignments are not supported');
    }
    const node = this.parseScoped();
    const rest = this.peek();
    if (rest) {
      if (rest.kind === 'word' && rest.text.toLowerCase() === 'sortby') {
        throw new CqlError(80, 'sortBy', 'Sorting is not supported');
      }
      throw syntaxError(this.query, `Unexpected "${rest.text}" at ${rest.pos + 1}`);
    }
    return node;
  }

  private parseScoped(): CqlNode {
    let left = this.parseSearchClause();
    while (this.isBoolean(this.peek())) {
      const op = this.next().text.toLowerCase() as CqlBoolean;
      if (this.peek()?.kind === 'symbol' && this.peek()!.text === '/') {
        throw new CqlError(46, op, `Boolean modifiers are not supported (${op}/…)`);
      }
      const right = this.parseSearchClause();
      left = { type: 'boolean', op, left, right };
    }
    return left;
  }

  private parseSearchClause(): CqlNode {
    const t = this.next();
    if (t.kind === 'symbol') {
      if (t.text !== '(') throw syntaxError(this.query, `Unexpected "${t.text}" at ${t.pos + 1}`);
      const inner = this.parseScoped();
      const close = this.next();
      if (close.text !== ')' || close.kind !== 'symbol')
        throw syntaxError(this.query, `Expected ")" at ${close.pos + 1}`);
      return inner;
    }
    if (t.kind === 'word' && BOOLEANS.has(t.text.toLowerCase())) {
      throw syntaxError(this.query, `A search term is missing before "${t.text}" at ${t.pos + 1}`);
    }
    const rel = this.peek();
    const after = this.peek(1);
    const symbolRelation = rel?.kind === 'symbol' && SYMBOL_RELATIONS.has(rel.text);
    const namedRelation =
      rel?.kind === 'word' &&
      NAMED_RELATIONS.has(rel.text.toLowerCase()) &&
      after !== undefined &&
      !(after.kind === 'symbol' && after.text === ')');
    if (!symbolRelation && !namedRelation) {
      return { type: 'clause', index: 'cql.serverChoice', relation: '=', term: t.text };
    }
    if (t.kind === 'quoted') throw syntaxError(this.query, `An index name cannot be quoted (at ${t.pos + 1})`);
    const relToken = this.next();
    const relation = relToken.kind === 'word' ? relToken.text.toLowerCase() : relToken.text;
    if (this.peek()?.kind === 'symbol' && this.peek()!.text === '/') {
      throw new CqlError(20, relation, `Relation modifiers are not supported (${relation}/…)`);
    }
    const term = this.next();
    if (term.kind === 'symbol') throw syntaxError(this.query, `A search term is expected at ${term.pos + 1}`);
    return { type: 'clause', index: t.text, relation, term: term.text };
  }
}

/** Parses a CQL query; throws CqlError (diagnostic 10 for syntax errors). */
export function parseCql(query: string): CqlNode {
  if (!query.trim()) throw syntaxError(query, 'The query is empty');
  return new Parser(tokenize(query), query).parseQuery();
}
