/** The facets of a search answered from memory, counted over its hits or a sample of them. */
import { HOT, HOT_STRIDE } from './hot';
import type { SearchIndex } from './memory-index';
import { YEAR_SPAN } from './hit-rules';

export interface MemoryFacets {
  years: { value: string; count: number }[];
  languages: { value: string; count: number }[];
  materialTypes: { value: string; count: number }[];
  subjects: { value: string; count: number }[];
  /** Counts per library id, every library: named and ordered by the index's page store (pages.ts). */
  libraries: { id: string; count: number }[];
}

/** The ten commonest values of a counted column, most first, then as `tie` orders them. */
function topTen(counts: Int32Array, values: (id: number) => string, tie: (a: string, b: string) => number) {
  const found: { value: string; count: number }[] = [];
  for (let id = 0; id < counts.length; id++) if (counts[id]) found.push({ value: values(id), count: counts[id]! });
  return found.sort((a, b) => b.count - a.count || tie(a.value, b.value)).slice(0, 10);
}

const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Over this many hits, facets are counted over this many of them taken at even steps, and scaled: a
 * result of 40,000 is not read whole for ten counts per facet (each hit read costs ~100–200 ns, decision
 * 0019). The database's statements count theirs over their first 201 candidates.
 */
const FACET_SAMPLE = 200;

/**
 * The facets of `length` hits (`docs`), each count multiplied by `scale` (the hits being a sample of
 * that many times more).
 */
export function facetsOf(index: SearchIndex, docs: Int32Array, length: number, scale = 1): MemoryFacets {
  const years = new Int32Array(YEAR_SPAN);
  const codes = new Int32Array(index.codes.values.length);
  const types = new Int32Array(index.codes.values.length);
  const subjects = new Int32Array(index.subjectIds.values.length);
  const libraries = new Int32Array(index.libraryIds.values.length);
  const sData = index.subjects.data;
  const lData = index.libraries.data;
  const hot = index.hot;
  const step = length > FACET_SAMPLE ? length / FACET_SAMPLE : 1;
  const counted = length > FACET_SAMPLE ? FACET_SAMPLE : length;
  for (let k = 0; k < counted; k++) {
    const at = docs[Math.floor(k * step)]! * HOT_STRIDE;
    const year = hot[at + HOT.year]!;
    if (year >= 0 && year < YEAR_SPAN) years[year]!++;
    const packed = hot[at + HOT.codes]!;
    codes[packed & 0xffff]!++;
    types[packed >>> 16]!++;
    for (let j = hot[at + HOT.subjectsAt]!, end = j + hot[at + HOT.subjectsCount]!; j < end; j++)
      subjects[sData[j]!]!++;
    for (let j = hot[at + HOT.librariesAt]!, end = j + hot[at + HOT.librariesCount]!; j < end; j++)
      libraries[lData[j]!]!++;
  }
  const times = step * scale;
  if (times !== 1)
    for (const counts of [years, codes, types, subjects, libraries])
      for (let i = 0; i < counts.length; i++) if (counts[i]) counts[i] = Math.max(1, Math.round(counts[i]! * times));
  const value = (id: number) => index.codes.values[id]!;
  return {
    years: topTen(years, String, (a, b) => Number(b) - Number(a)),
    languages: topTen(codes, value, textOrder).filter((f) => f.value !== ''),
    materialTypes: topTen(types, value, textOrder),
    subjects: topTen(subjects, (id) => index.subjectIds.values[id]!, textOrder),
    libraries: [...libraries].flatMap((count, id) => (count ? [{ id: index.libraryIds.values[id]!, count }] : [])),
  };
}
