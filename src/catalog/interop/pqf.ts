/**
 * YAZ's PQF (Prefix Query Format), which yaz-client and zoomsh send to SRU 1.x servers as `x-pquery`
 * (an extension YAZ's own server, yaz-ztest, understands too) and to SRU 2.0 servers as `query` with
 * `queryType=pqf`, turned into the CQL tree: @and, @or, @not, @attr with Bib-1 use attributes (4 title,
 * 1003 author, 21 subject, 7 ISBN, 1016 any), relation 3 (equal) and right truncation (5=1).
 * `search dc.title=x` in zoomsh arrives as the single PQF term "dc.title=x": a query without any
 * @-operator that reads as CQL is taken as CQL.
 */
import { CqlError, parseCql, type CqlNode } from './cql';

const USE: Record<string, string> = {
  '4': 'dc.title',
  '1003': 'dc.creator',
  '1004': 'dc.creator',
  '1': 'dc.creator',
  '21': 'dc.subject',
  '7': 'dc.identifier',
  '1016': 'cql.anywhere',
  '1017': 'cql.anywhere',
};

function tokenize(query: string): string[] {
  const tokens: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of query.matchAll(re)) tokens.push(m[1] !== undefined ? `"${m[1]}` : m[2]!);
  return tokens;
}

export function parsePqf(query: string): CqlNode {
  if (!query.includes('@') && /^\s*[\w.]+\s*(==|=|\s(all|any|exact)\s)/i.test(query)) return parseCql(query);
  const tokens = tokenize(query);
  let i = 0;
  const next = () => {
    const t = tokens[i++];
    if (t === undefined) throw new CqlError(10, query, 'Unexpected end of PQF query');
    return t;
  };
  const parse = (): CqlNode => {
    const t = next();
    if (t === '@and' || t === '@or' || t === '@not') {
      const left = parse();
      const right = parse();
      return { type: 'boolean', op: t.slice(1) as 'and' | 'or' | 'not', left, right };
    }
    if (t === '@attrset') {
      next();
      return parse();
    }
    if (t === '@attr') {
      const attrs: Record<string, string> = {};
      let current = t;
      while (current === '@attr') {
        let spec = next();
        if (!/^\d+=/.test(spec)) spec = next(); // an attribute set name before the type
        const [type, value] = spec.split('=') as [string, string];
        attrs[type] = value;
        current = next();
      }
      i--;
      const term = parse();
      if (term.type !== 'clause') throw new CqlError(10, query, '@attr must precede a term');
      if (attrs['2'] !== undefined && attrs['2'] !== '3')
        throw new CqlError(19, `2=${attrs['2']}`, `Unsupported relation attribute 2=${attrs['2']}`);
      if (attrs['1'] !== undefined) {
        const index = USE[attrs['1']];
        if (!index) throw new CqlError(16, `1=${attrs['1']}`, `Unsupported use attribute 1=${attrs['1']}`);
        term.index = index;
      }
      if (attrs['5'] === '1' && !term.term.endsWith('*')) term.term += '*';
      return term;
    }
    if (t.startsWith('@')) throw new CqlError(10, query, `Unsupported PQF operator ${t}`);
    return {
      type: 'clause',
      index: 'cql.serverChoice',
      relation: '=',
      term: t.startsWith('"') ? t.slice(1).replace(/\\(.)/g, '$1') : t,
    };
  };
  const node = parse();
  if (i < tokens.length) throw new CqlError(10, query, `Unexpected "${tokens[i]}" in PQF query`);
  return node;
}
