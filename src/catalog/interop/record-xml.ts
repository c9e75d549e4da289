/**
 * A catalogue record as XML for SRU and OAI-PMH: MARCXML in MARC 21 (RUSMARC records crosswalked),
 * the RUSMARC record in MARCXML syntax, and oai_dc Dublin Core from the normalised columns.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { bibRecords as R } from '../catalog.tables';
import { toIsbn13 } from '../isbn';
import { MARCXML_NS, marc21ToRusmarc, recordToMarcXml, rusmarcToMarc21, type MarcFormat, type MarcRecord } from '../marc';
import { XmlWriter } from './xml';

export type RecordSchema = 'marcxml' | 'rusmarc' | 'dc';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const DC_NS = 'http://purl.org/dc/elements/1.1/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** The columns an interop response needs. */
export const interopColumns = {
  id: R.id,
  format: R.format,
  marc: R.marc,
  title: R.title,
  authors: R.authors,
  subjects: R.subjects,
  publisher: R.publisher,
  year: R.year,
  isbns: R.isbns,
  language: R.language,
  isDeleted: R.isDeleted,
  updatedAt: R.updatedAt,
};

export interface InteropRecord {
  id: string;
  format: 'rusmarc' | 'marc21';
  marc: MarcRecord;
  title: string;
  authors: string[];
  subjects: string[];
  publisher: string;
  year: number | null;
  isbns: string[];
  language: string;
  isDeleted: boolean;
  updatedAt: Date;
}

export async function findInteropRecord(db: Db, id: string): Promise<InteropRecord | null> {
  const rows = await db
    .select(interopColumns)
    .from(R)
    .where(eq(R.id, sql`${id}::uuid`))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * A MARC record as one `<record xmlns="http://www.loc.gov/MARC21/slim">` element, in UTF-8 and saying so
 * where its format keeps its character set (MARC 21 leader/09, RUSMARC 100 $a/26-29).
 */
export function marcRecordXml(marc: MarcRecord, format: MarcFormat): string {
  const xml = recordToMarcXml(marc, { pretty: false, format });
  return xml.replace(/^<record>/, `<record xmlns="${MARCXML_NS}">`);
}

export function marc21Of(record: InteropRecord): MarcRecord {
  return record.format === 'rusmarc' ? rusmarcToMarc21(record.marc) : record.marc;
}

export function rusmarcOf(record: InteropRecord): MarcRecord {
  return record.format === 'marc21' ? marc21ToRusmarc(record.marc) : record.marc;
}

/** ISBNs as stored are digits only; an ISBN-10 is stored with its ISBN-13, so list each form once. */
function isbnsOf(record: InteropRecord): string[] {
  return record.isbns.filter((isbn) => isbn.length !== 10 || !record.isbns.includes(toIsbn13(isbn)));
}

/** oai_dc: title, creators, subjects, publisher, date, identifiers (ISBN and the record's URN), language. */
export function dublinCoreXml(record: InteropRecord): string {
  const w = new XmlWriter();
  w.start('oai_dc:dc', {
    'xmlns:oai_dc': OAI_DC_NS,
    'xmlns:dc': DC_NS,
    'xmlns:xsi': XSI_NS,
    'xsi:schemaLocation': `${OAI_DC_NS} http://www.openarchives.org/OAI/2.0/oai_dc.xsd`,
  });
  if (record.title) w.leaf('dc:title', record.title);
  for (const author of record.authors) w.leaf('dc:creator', author);
  for (const subject of record.subjects) w.leaf('dc:subject', subject);
  if (record.publisher) w.leaf('dc:publisher', record.publisher);
  if (record.year !== null) w.leaf('dc:date', record.year);
  for (const isbn of isbnsOf(record)) w.leaf('dc:identifier', `ISBN ${isbn}`);
  w.leaf('dc:identifier', `urn:uuid:${record.id}`);
  if (record.language) w.leaf('dc:language', record.language);
  w.end();
  return w.fragment();
}

export function recordXml(record: InteropRecord, schema: RecordSchema): string {
  if (schema === 'dc') return dublinCoreXml(record);
  return schema === 'marcxml' ? marcRecordXml(marc21Of(record), 'marc21') : marcRecordXml(rusmarcOf(record), 'rusmarc');
}
