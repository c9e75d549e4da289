/**
 * PostgreSQL's text forms of tsvector and tsquery, read by the search index in memory: a vector as its
 * lexemes with the weights they occur in, a query as clauses that must all hold, each any of its lexemes.
 * Weights are bits: A (the title) 1, B (authors) 2, C (subjects) 4, D (the rest) 8.
 */

export const WEIGHT = { A: 1, B: 2, C: 4, D: 8 } as const;
export const ANY_WEIGHT = 15;

/** Calls `each` with every lexeme of a tsvector's text ("'бел':1A,5 'пароход':2A") and its weight bits. */
export function readVector(text: string, each: (lexeme: string, weights: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && text.charCodeAt(i) === 32) i++;
    if (i >= n) break;
    if (text[i] !== "'") throw new Error(`tsvector text: a lexeme expected at ${i}`);
    i++;
    let lexeme = '';
    let start = i;
    for (;;) {
      const c = text[i];
      if (c === undefined) throw new Error('tsvector text: an unclosed lexeme');
      if (c === "'") {
        if (text[i + 1] === "'") {
          lexeme += text.slice(start, i + 1);
          i += 2;
          start = i;
          continue;
        }
        lexeme += text.slice(start, i);
        i++;
        break;
      }
      if (c === '\\') {
        lexeme += text.slice(start, i) + text[i + 1];
        i += 2;
        start = i;
        continue;
      }
      i++;
    }
    let weights = 0;
    if (text[i] === ':') {
      i++;
      // Positions, each with its weight letter or none (D): "1A,5,7B".
      while (i < n && text.charCodeAt(i) !== 32) {
        while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        const c = text[i];
        if (c === 'A' || c === 'B' || c === 'C' || c === 'D') {
          weights |= WEIGHT[c];
          i++;
        } else weights |= WEIGHT.D;
        if (text[i] === ',') i++;
      }
    } else weights = WEIGHT.D;
    each(lexeme, weights);
  }
}

/** A lexeme a query asks for: the weights it must occur in, and whether it is the start of a word. */
export interface QueryLexeme {
  lexeme: string;
  weights: number;
  prefix: boolean;
}

/** A query whose every clause must hold; a clause holds when any of its lexemes occurs. */
export type Clauses = QueryLexeme[][];

type Node = { op: '&' | '|'; left: Node; right: Node } | { op: 'lexeme'; value: QueryLexeme };

class Unsupported extends Error {}

/** Tokens of a tsquery's text: quoted lexemes (with their ":AB*" flags), & | ( ), and what is not read here. */
function tokens(text: string): (string | QueryLexeme)[] {
  const out: (string | QueryLexeme)[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ') i++;
    else if (c === '&' || c === '|' || c === '(' || c === ')') {
      out.push(c);
      i++;
    } else if (c === "'") {
      let lexeme = '';
      i++;
      for (;;) {
        const d = text[i];
        if (d === undefined) throw new Unsupported();
        if (d === "'" && text[i + 1] === "'") {
          lexeme += "'";
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else if (d === '\\') {
          lexeme += text[i + 1] ?? '';
          i += 2;
        } else {
          lexeme += d;
          i++;
        }
      }
      let weights = 0;
      let prefix = false;
      if (text[i] === ':') {
        i++;
        for (; i < text.length && /[ABCD*]/.test(text[i]!); i++) {
          if (text[i] === '*') prefix = true;
          else weights |= WEIGHT[text[i] as keyof typeof WEIGHT];
        }
      }
      out.push({ lexeme, weights: weights || ANY_WEIGHT, prefix });
    } else throw new Unsupported(); // ! and <-> (not, phrase) are not answered from memory
  }
  return out;
}

/**
 * A tsquery's text as clauses, when it is an AND of ORs of lexemes (what the catalogue's search asks);
 * null when it holds anything else (a NOT, a phrase, an OR of ANDs), or nothing (a query of stop words only).
 */
export function readQuery(text: string): Clauses | null {
  let list: (string | QueryLexeme)[];
  try {
    list = tokens(text);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  if (!list.length) return null;
  let at = 0;
  const primary = (): Node => {
    const t = list[at++];
    if (t === '(') {
      const inner = or();
      if (list[at++] !== ')') throw new Unsupported();
      return inner;
    }
    if (t && typeof t === 'object') return { op: 'lexeme', value: t };
    throw new Unsupported();
  };
  const and = (): Node => {
    let left = primary();
    while (list[at] === '&') {
      at++;
      left = { op: '&', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (list[at] === '|') {
      at++;
      left = { op: '|', left, right: and() };
    }
    return left;
  };
  const alternatives = (node: Node): QueryLexeme[] => {
    if (node.op === 'lexeme') return [node.value];
    if (node.op === '|') return [...alternatives(node.left), ...alternatives(node.right)];
    throw new Unsupported();
  };
  const conjuncts = (node: Node): Clauses =>
    node.op === '&' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [alternatives(node)];
  try {
    const root = or();
    if (at !== list.length) return null;
    return conjuncts(root);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
