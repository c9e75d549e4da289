/**
 * What the search index is built from. The service writes these four texts with the record; the
 * database generates the weighted search vector (`russian` and `simple`) and the trigram text from them
 * (catalog.tables.ts), so a saved record is searchable in the same transaction.
 */
import { isbnKeys } from './isbn';
import { allAuthors, type RecordFields } from './record-fields';

export interface SearchTexts {
  /** Weight A: title and other title information. */
  searchTitle: string;
  /** Weight B: authors, with their full forenames where the record has them, and the statement of responsibility. */
  searchAuthors: string;
  /** Weight C: subjects and series. */
  searchSubjects: string;
  /** Weight D: everything else a reader might type. */
  searchOther: string;
}

const joined = (parts: readonly (string | number | null)[]) =>
  parts.filter((p) => p !== null && p !== '').join(' ');

export function searchTexts(fields: RecordFields): SearchTexts {
  const authors = allAuthors(fields);
  // A full name adds its forenames; one given only as initials would repeat the author's words.
  const fullNames = fields.fullNames.filter((name) => !authors.includes(name));
  return {
    searchTitle: joined([fields.title, fields.otherTitle]),
    searchAuthors: joined([...authors, ...fullNames, fields.responsibility]),
    searchSubjects: joined([...fields.subjects, fields.series]),
    searchOther: joined([
      fields.publisher,
      fields.place,
      fields.edition,
      fields.year,
      fields.notes,
      fields.summary,
      ...fields.bbk,
      ...fields.udc,
      ...isbnKeys(fields.isbns),
      fields.issn,
    ]),
  };
}

/**
 * A title sort key for collation "C", identical on every server: lower case, ё as е, and the Kyrgyz
 * letters right after their Russian neighbours (ң after every н…, before о), leading punctuation dropped.
 */
export function titleSortKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/ё/g, 'е')
    .replace(/ң/g, 'н\u04ff')
    .replace(/ө/g, 'о\u04ff')
    .replace(/ү/g, 'у\u04ff')
    .slice(0, 200);
}
