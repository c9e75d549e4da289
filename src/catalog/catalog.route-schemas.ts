/** Response schemas of the catalogue's routes. */
import { z } from 'zod';
import { ZTimestamp } from '../app/route-helpers';
import { ZAgeLabel, ZCurrency, ZItemStatus, ZMarcFormat, ZMaterialType, ZRecordInput } from './catalog.schemas';

// Records from other systems may be bigger than what the editor accepts, so output is not limited.
const ZMarcRecordOut = z.object({
  leader: z.string(),
  fields: z.array(
    z.union([
      z.object({ tag: z.string(), ind1: z.string(), ind2: z.string(), subfields: z.array(z.object({ code: z.string(), value: z.string() })) }),
      z.object({ tag: z.string(), value: z.string() }),
    ]),
  ),
});

export const ZRecordOut = z.object({
  id: z.uuid(),
  format: ZMarcFormat,
  marc: ZMarcRecordOut,
  controlNumber: z.string().nullable(),
  controlSource: z.string().nullable(),
  title: z.string(),
  otherTitle: z.string(),
  responsibility: z.string(),
  authors: z.array(z.string()),
  firstAuthor: z.string().nullable(),
  publisher: z.string(),
  place: z.string(),
  year: z.number().int().nullable(),
  edition: z.string(),
  /** Normalised search keys (digits and X; an ISBN-10 with its ISBN-13). */
  isbns: z.array(z.string()),
  issn: z.string(),
  language: z.string(),
  subjects: z.array(z.string()),
  bbk: z.array(z.string()),
  udc: z.array(z.string()),
  series: z.string(),
  extent: z.string(),
  notes: z.string(),
  summary: z.string(),
  materialType: ZMaterialType,
  ageLabel: ZAgeLabel.nullable(),
  /** ГОСТ Р 7.0.100-2018. */
  description: z.string(),
  isDeleted: z.boolean(),
  deletedAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZItemOut = z.object({
  id: z.uuid(),
  recordId: z.uuid(),
  libraryId: z.uuid(),
  networkId: z.uuid(),
  inventoryNumber: z.string(),
  barcode: z.string(),
  callNumber: z.string(),
  location: z.string(),
  price: z.number().nullable(),
  currency: ZCurrency,
  acquiredOn: z.string().nullable(),
  status: ZItemStatus,
  notes: z.string(),
  /** The confirmed match of a check against the list of extremist materials that withheld the copy from readers. */
  withheldBy: z.uuid().nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZRecordDetail = ZRecordOut.extend({
  /** The values the cataloguing form starts from. */
  form: ZRecordInput,
  authorMark: z.string(),
  suggestedCallNumber: z.string(),
  copies: z.array(
    z.object({
      libraryId: z.uuid(),
      libraryName: z.string(),
      networkName: z.string(),
      total: z.number().int(),
      available: z.number().int(),
      /** Whether the caller may print this library's catalogue card of the record (cards.pdf with libraryId). */
      canPrintCard: z.boolean(),
      items: z.array(ZItemOut.extend({ canEdit: z.boolean() })),
    }),
  ),
  permissions: z.object({
    canEdit: z.boolean(),
    /** Libraries where the caller may add copies of this record. */
    copyLibraryIds: z.array(z.uuid()),
  }),
});

const ZFacet = z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() });

export const ZSearchResult = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      format: ZMarcFormat,
      title: z.string(),
      otherTitle: z.string(),
      responsibility: z.string(),
      authors: z.array(z.string()),
      publisher: z.string(),
      place: z.string(),
      year: z.number().int().nullable(),
      isbns: z.array(z.string()),
      language: z.string(),
      subjects: z.array(z.string()),
      bbk: z.array(z.string()),
      series: z.string(),
      materialType: ZMaterialType,
      ageLabel: ZAgeLabel.nullable(),
      description: z.string(),
      rank: z.number(),
      availability: z.array(z.object({ libraryId: z.uuid(), libraryName: z.string(), total: z.number().int(), available: z.number().int() })),
    }),
  ),
  total: z.number().int(),
  /** The total is the planner's estimate: too many hits to count them all ("about N"). */
  totalIsEstimate: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** True when nothing matched exactly and these are typo-tolerant (trigram) matches. */
  isFuzzy: z.boolean(),
  facets: z.object({
    libraries: z.array(ZFacet),
    years: z.array(ZFacet),
    languages: z.array(ZFacet),
    materialTypes: z.array(ZFacet),
    subjects: z.array(ZFacet),
  }),
});
