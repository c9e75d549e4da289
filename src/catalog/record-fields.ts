/**
 * The normalised fields the application reads from a MARC record (RUSMARC or MARC 21): what search,
 * lists, the ГОСТ description and the cataloguing form work with. The MARC record stays the source
 * of truth; these are recomputed from it on every save.
 */
import type { MarcFormat, MarcRecord } from './marc/record';
import type { TAgeLabel, TMaterialType } from './catalog.schemas';
import { extractMarc21Fields } from './record-fields.marc21';
import { extractRusmarcFields } from './record-fields.rusmarc';
import { uniqueNonEmpty } from './marc-text';

export interface RecordFields {
  controlNumber: string | null;
  controlSource: string | null;
  title: string;
  otherTitle: string;
  responsibility: string;
  /** Persons as "Surname, I. O.", main entry first. */
  authors: string[];
  /** Corporate bodies (RUSMARC 710-712, MARC 21 110/111/710/711). */
  corporateAuthors: string[];
  /**
   * Persons with their forenames in full where the record gives them ("Ильина, Татьяна Николаевна":
   * RUSMARC 700 $g, MARC 21 100 $a), for search: a reader types the name, not the initials.
   */
  fullNames: string[];
  edition: string;
  place: string;
  publisher: string;
  year: number | null;
  /** Physical description: "96 с. : ил. ; 20 см". */
  extent: string;
  /** "Title of series ; number". */
  series: string;
  /** ISBNs as written in the record (with hyphens), for display; search keys come from isbnKeys(). */
  isbns: string[];
  issn: string;
  language: string;
  /** Headings with their subdivisions joined by " -- ". */
  subjects: string[];
  bbk: string[];
  udc: string[];
  notes: string;
  summary: string;
  materialType: TMaterialType;
  ageLabel: TAgeLabel | null;
}

export function extractRecordFields(marc: MarcRecord, format: MarcFormat): RecordFields {
  return format === 'rusmarc' ? extractRusmarcFields(marc) : extractMarc21Fields(marc);
}

/** Every author for lists and search: persons, then corporate bodies. */
export function allAuthors(fields: Pick<RecordFields, 'authors' | 'corporateAuthors'>): string[] {
  return uniqueNonEmpty([...fields.authors, ...fields.corporateAuthors]);
}
