/** Shared zod schemas of the catalogue: used by the API and by the staff app's cataloguing forms. */
import { z } from 'zod';
import { issnProblem } from './isbn';

export const MARC_FORMATS = ['rusmarc', 'marc21'] as const;
export const ZMarcFormat = z.enum(MARC_FORMATS);

export const MATERIAL_TYPES = ['book', 'periodical', 'e-resource', 'audio', 'video', 'map', 'other'] as const;
export const ZMaterialType = z.enum(MATERIAL_TYPES);
export type TMaterialType = z.infer<typeof ZMaterialType>;

/** Знак информационной продукции (436-ФЗ). */
export const AGE_LABELS = ['0+', '6+', '12+', '16+', '18+'] as const;
export const ZAgeLabel = z.enum(AGE_LABELS);
export type TAgeLabel = z.infer<typeof ZAgeLabel>;

export const ITEM_STATUSES = [
  'available',
  'on_loan',
  'in_transit',
  'at_service_point',
  'in_repair',
  'lost',
  'written_off',
] as const;
export const ZItemStatus = z.enum(ITEM_STATUSES);
export type TItemStatus = z.infer<typeof ZItemStatus>;

/**
 * Statuses only the loan desk sets and clears (a loan, a transfer for a hold, a deposit collection): each
 * has its open record in circulation, which a status changed by hand would leave behind.
 */
export const DESK_STATUSES: readonly TItemStatus[] = ['on_loan', 'in_transit', 'at_service_point'];

/**
 * The statuses a person may give a copy by hand, from the one it has: any but the desk's, while the desk
 * does not have it out; a copy on loan only reported lost (the loan stays open, the reader owes it). A
 * copy withheld by a check against the list of extremist materials never goes back on the shelf.
 */
export function statusesByHand(from: TItemStatus | null, isWithheld = false): TItemStatus[] {
  if (from === 'on_loan') return ['lost'];
  if (from && DESK_STATUSES.includes(from)) return [];
  return ITEM_STATUSES.filter((s) => s !== from && !DESK_STATUSES.includes(s) && !(isWithheld && s === 'available'));
}

export const CURRENCIES = ['KGS', 'RUB'] as const;
export const ZCurrency = z.enum(CURRENCIES);

const text = (max: number) => z.string().trim().max(max).default('');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Is "YYYY-MM-DD" a day of the calendar ("2026-02-30" is not, nor year 0)? Other shapes are left to the regex. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return true;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days;
}

/** Today as "YYYY-MM-DD" on the local calendar (the server's time zone; the browser's in the staff app). */
export function localIsoDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date as "YYYY-MM-DD" that exists: PostgreSQL refuses "2026-02-30" with an error, not a field message. */
const ZCalendarDate = z
  .string()
  .regex(ISO_DATE, { message: 'date' })
  .refine(isCalendarDate, { message: 'date_impossible' });

/**
 * ISSN: eight characters with a mod-11 check character; written normalised ("1234-567X") by the record
 * writer. Checked when a request or the form is read (decoded), not when a record's page is answered
 * (encoded, ZRecordDetail's `form`): an imported record with a misprinted ISSN must still open.
 */
const ZIssn = z
  .codec(z.string().trim().max(20), z.string(), {
    decode: (value, ctx) => {
      const problem = value ? issnProblem(value) : null;
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: value });
      return value;
    },
    encode: (value) => value,
  })
  .default('');
const list = (max: number, itemMax = 300) => z.array(z.string().trim().min(1).max(itemMax)).max(max).default([]);

/**
 * A record as the cataloguer sees it in the form, in the librarian's words. The server turns it into
 * MARC fields of the record's format; ISBN check digits are verified by `checkIsbns` (records.service.ts),
 * not here, so that an ISBN the record already holds (an imported misprint) does not block an edit. The
 * ISSN is checked here (issnProblem in isbn.ts).
 */
export const ZRecordInput = z.object({
  title: z.string().trim().min(1).max(1000),
  otherTitle: text(1000),
  responsibility: text(1000),
  /** "Айтматов, Ч." or "Айтматов Чингиз"; the first is the main entry (RUSMARC 700, MARC 21 100). */
  authors: list(50),
  edition: text(300),
  place: text(200),
  publisher: text(300),
  year: z.number().int().min(1000).max(2200).nullable().default(null),
  extent: text(300),
  series: text(500),
  isbns: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  issn: ZIssn,
  language: z
    .string()
    .trim()
    .regex(/^([a-z]{3})?$/)
    .default(''),
  subjects: list(100),
  bbk: list(20, 100),
  udc: list(20, 100),
  summary: text(5000),
  ageLabel: ZAgeLabel.nullable().default(null),
  materialType: ZMaterialType.default('book'),
});
export type TRecordInput = z.infer<typeof ZRecordInput>;

export const ZRecordCreate = ZRecordInput.extend({ format: ZMarcFormat.default('rusmarc') });
export type TRecordCreate = z.infer<typeof ZRecordCreate>;

// Structural validation of an expert's raw MARC: the shapes ISO 2709 can carry, nothing more.

/**
 * A leader the ISO 2709 writer can use: 24 printable ASCII characters. The writer recomputes the record
 * length (0–4), the indicator and subfield code counts (10–11), the base address (12–16) and the entry
 * map (20–22), so these need not be exact, only a leader's shape: digits (or blanks, the placeholder of a
 * record not yet written), "2"s and "450" (or blanks, as MARC21slim.xsd also allows). Text typed over
 * the leader ("garbage") or a leader shifted by a missing character fails here.
 */
export const MARC_LEADER = /^[0-9 ]{5}[\x20-\x7e]{5}[2 ]{2}[0-9 ]{5}[\x20-\x7e]{3}(?:450| {3})[\x20-\x7e]$/;
/** An indicator: an ASCII digit, a lowercase Latin letter or a blank (MARC 21 and RUSMARC alike, and MARC21slim.xsd). */
export const MARC_INDICATOR = /^[0-9a-z ]$/;

/** Index of a second 001 (the record's control number, never repeated), or -1. */
export function secondControlNumber(fields: readonly { tag: string }[]): number {
  const first = fields.findIndex((f) => f.tag === '001');
  return first < 0 ? -1 : fields.findIndex((f, i) => i > first && f.tag === '001');
}

// eslint-disable-next-line no-control-regex -- the ISO 2709 terminators are exactly what a value may not hold
const NO_TERMINATORS = /^[^\x1d\x1e\x1f]*$/;
const ZMarcControlField = z.strictObject({
  tag: z.string().regex(/^00[0-9A-Za-z]$/),
  value: z.string().max(9999).regex(NO_TERMINATORS),
});
const ZMarcDataField = z.strictObject({
  tag: z
    .string()
    .regex(/^[0-9A-Za-z]{3}$/)
    .refine((tag) => !tag.startsWith('00')),
  ind1: z.string().regex(MARC_INDICATOR),
  ind2: z.string().regex(MARC_INDICATOR),
  subfields: z
    .array(z.strictObject({ code: z.string().regex(/^[0-9a-zA-Z]$/), value: z.string().max(9999).regex(NO_TERMINATORS) }))
    .min(1)
    .max(500),
});
export const ZMarcRecord = z.strictObject({
  // A wrong length is said once, as a length.
  leader: z
    .string()
    .length(24)
    .refine((leader) => leader.length !== 24 || MARC_LEADER.test(leader), { message: 'invalid' }),
  fields: z
    .array(z.union([ZMarcControlField, ZMarcDataField]))
    .min(1)
    .max(2000)
    .superRefine((fields, ctx) => {
      const second = secondControlNumber(fields);
      if (second >= 0) ctx.addIssue({ code: 'custom', message: 'invalid', path: [second, 'tag'] });
    }),
});

export const ZMarcUpdate = z.strictObject({ marc: ZMarcRecord });

/**
 * A record as another catalogue has it (copy cataloguing over SRU): taken as it is, as a file import
 * takes it — a foreign leader or a "-" indicator must not make a search fail. The raw editor's checks
 * (ZMarcRecord) apply when a cataloguer edits it here.
 */
export const ZForeignMarcRecord = z.strictObject({
  leader: z.string().length(24),
  fields: z
    .array(
      z.union([
        ZMarcControlField,
        ZMarcDataField.extend({ ind1: z.string().length(1), ind2: z.string().length(1) }),
      ]),
    )
    .min(1)
    .max(2000),
});

export const ZItemInput = z.object({
  libraryId: z.uuid(),
  inventoryNumber: z.string().trim().min(1).max(40),
  // Code 128 prints Latin letters, digits and signs; a Cyrillic "К" typed on a Russian keyboard looks the same and prints no bars.
  barcode: z.string().trim().min(1).max(40).regex(/^[!-~]*$/, { message: 'barcode' }),
  callNumber: text(100),
  location: text(200),
  price: z.number().min(0).max(1e9).nullable().default(null),
  /** Defaults to the network's currency (KGS in Kyrgyzstan, RUB in Russia). */
  currency: ZCurrency.nullable().default(null),
  // Not later than today: a copy cannot have come in yet (a date typed a year off, 2062 for 2026).
  acquiredOn: ZCalendarDate.refine((d) => !ISO_DATE.test(d) || !isCalendarDate(d) || d <= localIsoDate(), { message: 'acquired_future' })
    .nullable()
    .default(null),
  status: ZItemStatus.default('available'),
  notes: text(2000),
});
export type TItemInput = z.infer<typeof ZItemInput>;

export const ZItemStatusChange = z.object({ status: ZItemStatus, notes: z.string().trim().max(2000).optional() });
export type TItemStatusChange = z.infer<typeof ZItemStatusChange>;

const ZListDate = ZCalendarDate.optional();
/**
 * A library's copies as a list (the collection as the inventory book keeps it): by library and status,
 * acquisition dates, and a text — a scanned barcode, an inventory number, or words of the title. `code`
 * asks for an exact barcode or inventory number only, `barcode` for an exact barcode (what a scanner in
 * the catalogue's search box types).
 */
export const ZCopyListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  libraryId: z.uuid().optional(),
  status: ZItemStatus.optional(),
  q: z.string().trim().max(200).optional(),
  code: z.string().trim().min(1).max(40).optional(),
  barcode: z.string().trim().min(1).max(40).optional(),
  acquiredFrom: ZListDate,
  acquiredTo: ZListDate,
});
export type TCopyListQuery = z.infer<typeof ZCopyListQuery>;

export const SEARCH_SORTS = ['relevance', 'year_desc', 'year_asc', 'title'] as const;

const ZQueryText = z.string().trim().max(300).optional();
/** One box plus the advanced fields; the same schema serves the staff app and, later, the OPAC. */
export const ZSearchQuery = z.object({
  q: ZQueryText,
  title: ZQueryText,
  author: ZQueryText,
  subject: ZQueryText,
  isbn: z.string().trim().max(40).optional(),
  bbk: z.string().trim().max(100).optional(),
  yearFrom: z.coerce.number().int().min(0).max(2200).optional(),
  yearTo: z.coerce.number().int().min(0).max(2200).optional(),
  language: z.string().trim().max(3).optional(),
  libraryId: z.uuid().optional(),
  available: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ageLabel: ZAgeLabel.optional(),
  materialType: ZMaterialType.optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type TSearchQuery = z.infer<typeof ZSearchQuery>;
