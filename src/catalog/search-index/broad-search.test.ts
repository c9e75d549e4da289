/**
 * A broad search read best first and stopped early gives the page that reading every hit gives, on an
 * index of made-up records (no database): documents in the order of ties, documents written after the
 * load and documents whose libraries changed since, filters, a title typed, later pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../app/seeded-random';
import { ZSearchQuery } from '../catalog.schemas';
import { rankedKey } from './hit-rules';
import type { IndexRow } from './index-reading';
import { SearchIndex } from './memory-index';
import { searchInMemory, searchLimits } from './memory-search';
import { ANY_WEIGHT, WEIGHT, type Clauses } from './ts-text';

const WORDS = ['сказк', 'истор', 'кыргызстан', 'манас', 'тоол', 'жомок', 'пароход', 'бел', 'мир', 'народ'];
const LIBRARIES = [
  '11111111-0000-4000-8000-000000000001',
  '11111111-0000-4000-8000-000000000002',
  '11111111-0000-4000-8000-000000000003',
  '11111111-0000-4000-8000-000000000004',
];
const LETTERS = ['A', 'B', 'C', 'D'] as const;

function madeUp(seed: number, count: number, idFrom = 0): IndexRow[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Earlier words are commoner, so that some words are in most records.
  const word = () => WORDS[Math.floor(WORDS.length * random() ** 2)]!;
  return Array.from({ length: count }, (_, i) => {
    const titleWords = [word(), ...(random() < 0.5 ? [word()] : [])];
    const other = Array.from({ length: 1 + Math.floor(random() * 3) }, word);
    const lexemes = new Map<string, string>();
    titleWords.forEach((w, at) => lexemes.set(w, `${at + 1}A`));
    other.forEach((w, at) => lexemes.set(w, lexemes.get(w) ?? `${at + 10}${pick(LETTERS)}`));
    const holding = LIBRARIES.filter(() => random() < 0.4);
    const title = titleWords.join(' ');
    return {
      record_id: `00000000-0000-4000-8000-${String(idFrom + i).padStart(12, '0')}`,
      vector: [...lexemes].map(([w, p]) => `'${w}':${p}`).join(' '),
      title_key: title,
      sort_title: title,
      year: random() < 0.1 ? null : 1950 + Math.floor(random() * 70),
      language: pick(['rus', 'kir']),
      material_type: 'book',
      age_label: null,
      subjects: [],
      bbk: [],
      library_ids: holding,
      available_library_ids: holding.filter(() => random() < 0.6),
      isbns: null,
    };
  });
}

const clause = (lexeme: string, weights: number = ANY_WEIGHT) => [{ lexeme, weights, prefix: false }];

describe('a broad search read best first', () => {
  const { exactHits, countedHits } = searchLimits;
  afterEach(() => {
    searchLimits.exactHits = exactHits;
    searchLimits.countedHits = countedHits;
  });

  it('gives the page, total and facets of reading every hit, stopping early where it can', () => {
    const index = new SearchIndex();
    const loaded = madeUp(1, 3000);
    for (const row of loaded) index.put(row);
    index.finishLoad();
    // Written after the load: new records, records whose libraries changed, records with other words.
    for (const row of madeUp(2, 300, 5000)) index.put(row);
    for (const row of madeUp(3, 400)) {
      const moved = loaded[Number(row.record_id.slice(-12))]!;
      index.put({ ...moved, library_ids: row.library_ids, available_library_ids: row.available_library_ids });
    }
    for (const row of madeUp(4, 100, 2000)) index.put(row);
    expect(index.moved.length).toBeGreaterThan(50);

    const searches: [string, Clauses, Record<string, unknown>, string | null][] = [];
    for (const w of WORDS.slice(0, 6)) {
      searches.push([w, [clause(w)], {}, null]);
      searches.push([`${w} as a title`, [clause(w)], {}, w]);
      searches.push([`${w} in titles`, [clause(w, WEIGHT.A)], {}, null]);
      searches.push([`${w} on a shelf`, [clause(w)], { available: 'true', libraryId: LIBRARIES[1] }, null]);
      searches.push([`${w} in Kyrgyz, page 3`, [clause(w)], { language: 'kir', page: '3' }, null]);
      searches.push([`${w} and ${WORDS[1]}`, [clause(w), clause(WORDS[1]!)], {}, `${w} ${WORDS[1]}`]);
    }
    let early = 0;
    for (const [name, clauses, params, title] of searches) {
      const query = ZSearchQuery.parse({ q: 'x', ...params });
      searchLimits.exactHits = Infinity;
      const every = searchInMemory(index, query, clauses, title, true)!;
      searchLimits.exactHits = 0;
      // Counted when the sample says the hits are few: the same as reading every one.
      searchLimits.countedHits = countedHits;
      const counted = searchInMemory(index, query, clauses, title, true)!;
      expect(counted.page, name).toEqual(every.page);
      if (!counted.totalIsEstimate) expect(counted, name).toEqual(every);
      searchLimits.countedHits = 0;
      const broad = searchInMemory(index, query, clauses, title, true)!;
      expect(broad.page, name).toEqual(every.page);
      // The order itself: score, more libraries, title (its rank), then title as text and record id.
      const keyed = every.page.map((h) => {
        const doc = index.byRecord.get(h.recordId)!;
        return [rankedKey(index.hot, doc, Math.round(h.rank * 10)), index.sortTitles[doc]!, h.recordId] as const;
      });
      for (let i = 1; i < keyed.length; i++) {
        const [a, b] = [keyed[i - 1]!, keyed[i]!];
        expect(a[0] > b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))), name).toBe(true);
      }
      if (broad.totalIsEstimate) {
        early++;
        expect(Math.abs(broad.total - every.total), name).toBeLessThanOrEqual(every.total * 0.1);
      } else {
        expect(broad.total, name).toBe(every.total);
        expect(broad.facets, name).toEqual(every.facets);
      }
    }
    expect(early).toBeGreaterThan(searches.length / 3);
  });

  it('estimates the total of a broad search from a sample when it stops early', () => {
    const index = new SearchIndex();
    for (const row of madeUp(5, 12000)) index.put(row);
    index.finishLoad();
    const query = ZSearchQuery.parse({ q: 'x' });
    searchLimits.exactHits = Infinity;
    const every = searchInMemory(index, query, [clause('сказк')], null, true)!;
    searchLimits.exactHits = 0;
    searchLimits.countedHits = 0;
    const broad = searchInMemory(index, query, [clause('сказк')], null, true)!;
    expect(broad.totalIsEstimate).toBe(true);
    expect(broad.page).toEqual(every.page);
    expect(Math.abs(broad.total - every.total)).toBeLessThan(every.total * 0.1);
    expect(broad.facets!.years.length).toBe(10);
  });
});
