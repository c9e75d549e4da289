/** The CQL parser: booleans (equal precedence, left to right, parentheses), quotes, relations, errors. */
import { describe, expect, it } from 'vitest';
import { CqlError, parseCql, type CqlNode } from './cql';
import { parsePqf } from './pqf';

/** A compact rendering of a tree: (left op right), index relation "term". */
function show(node: CqlNode): string {
  if (node.type === 'clause') return `${node.index} ${node.relation} "${node.term}"`;
  return `(${show(node.left)} ${node.op} ${show(node.right)})`;
}

function codeOf(query: string, parse = parseCql): number | undefined {
  try {
    parse(query);
  } catch (error) {
    if (error instanceof CqlError) return error.code;
    throw error;
  }
  return undefined;
}

describe('CQL parser', () => {
  it('reads a bare term as cql.serverChoice =', () => {
    expect(show(parseCql('пароход'))).toBe('cql.serverChoice = "пароход"');
  });

  it('reads index, relation and term, with every supported relation', () => {
    expect(show(parseCql('dc.title = "Белый пароход"'))).toBe('dc.title = "Белый пароход"');
    expect(show(parseCql('dc.creator==Айтматов'))).toBe('dc.creator == "Айтматов"');
    expect(show(parseCql('dc.title all "белый пароход"'))).toBe('dc.title all "белый пароход"');
    expect(show(parseCql('dc.subject ANY "повесть роман"'))).toBe('dc.subject any "повесть роман"');
    expect(show(parseCql('dc.title exact "Джамиля"'))).toBe('dc.title exact "Джамиля"');
    expect(show(parseCql('cql.anywhere < 5'))).toBe('cql.anywhere < "5"');
  });

  it('gives booleans equal precedence, left to right, as the CQL specification says', () => {
    expect(show(parseCql('a or b and c'))).toBe(
      '((cql.serverChoice = "a" or cql.serverChoice = "b") and cql.serverChoice = "c")',
    );
    expect(show(parseCql('a and b or c not d'))).toBe(
      '(((cql.serverChoice = "a" and cql.serverChoice = "b") or cql.serverChoice = "c") not cql.serverChoice = "d")',
    );
  });

  it('groups with parentheses', () => {
    expect(show(parseCql('a or (b and c)'))).toBe(
      '(cql.serverChoice = "a" or (cql.serverChoice = "b" and cql.serverChoice = "c"))',
    );
    expect(show(parseCql('((dc.title=x))'))).toBe('dc.title = "x"');
  });

  it('keeps quoted terms whole, including boolean words, parentheses and escaped quotes', () => {
    expect(show(parseCql('"war and peace"'))).toBe('cql.serverChoice = "war and peace"');
    expect(show(parseCql('dc.title="a (b) = c"'))).toBe('dc.title = "a (b) = c"');
    expect(parseCql('dc.title="say \\"hi\\""')).toMatchObject({ term: 'say "hi"' });
    expect(show(parseCql('"and" and "or"'))).toBe('(cql.serverChoice = "and" and cql.serverChoice = "or")');
  });

  it('uses a relation name as a term when no term follows', () => {
    expect(show(parseCql('all'))).toBe('cql.serverChoice = "all"');
  });

  it('reports syntax errors as diagnostic 10', () => {
    for (const bad of [
      '',
      '   ',
      'a and',
      'and a',
      '(a',
      'a)',
      'dc.title =',
      '"unterminated',
      'a b',
      '= a',
      'dc.title = (a)',
      '"dc.title" = a',
    ]) {
      expect(codeOf(bad), bad).toBe(10);
    }
  });

  it('reports modifiers and sortBy as unsupported, not as silently ignored', () => {
    expect(codeOf('dc.title =/stem a')).toBe(20);
    expect(codeOf('a and/rel.algorithm=x b')).toBe(46);
    expect(codeOf('a sortBy dc.title')).toBe(80);
  });
});

describe('PQF (x-pquery from yaz-client and zoomsh)', () => {
  it('maps Bib-1 use attributes and booleans onto the CQL tree', () => {
    expect(show(parsePqf('@and @attr 1=1003 Айтматов @attr 1=4 "белый пароход"'))).toBe(
      '(dc.creator = "Айтматов" and dc.title = "белый пароход")',
    );
    expect(show(parsePqf('@or @attr 1=7 9785170908530 @attr 1=21 повесть'))).toBe(
      '(dc.identifier = "9785170908530" or dc.subject = "повесть")',
    );
    expect(show(parsePqf('@attrset bib-1 @attr 1=4 @attr 5=1 паро'))).toBe('dc.title = "паро*"');
    expect(show(parsePqf('пароход'))).toBe('cql.serverChoice = "пароход"');
  });

  it('takes a query that reads as CQL as CQL (zoomsh "search dc.title=x")', () => {
    expect(show(parsePqf('dc.title=пароход'))).toBe('dc.title = "пароход"');
  });

  it('reports unsupported attributes and bad syntax', () => {
    expect(codeOf('@attr 1=9999 x', parsePqf)).toBe(16);
    expect(codeOf('@attr 2=5 x', parsePqf)).toBe(19);
    expect(codeOf('@and x', parsePqf)).toBe(10);
    expect(codeOf('@prox 1 x y', parsePqf)).toBe(10);
  });
});
