/** Shared zod schemas of copy cataloguing: SRU servers the admin configures and the cataloguer's search. */
import { z } from 'zod';
import { ZForeignMarcRecord } from '../catalog.schemas';

/** What the remote server sends in recordData: MARC 21 slim, or RUSMARC in the same XML elements. */
export const SRU_RECORD_SCHEMAS = ['marcxml', 'rusmarc'] as const;
export const ZSruRecordSchema = z.enum(SRU_RECORD_SCHEMAS);
export const SRU_VERSIONS = ['1.1', '1.2', '2.0'] as const;

export const ZSruServerInput = z.object({
  name: z.string().trim().min(1).max(200),
  /** http(s)://host:port[/path]; the database is appended as the last path segment. The scheme is
   *  checked first, on its own: an address typed without it is the usual mistake, and is named. */
  baseUrl: z
    .string()
    .trim()
    .max(500)
    .regex(/^https?:\/\//, { message: 'http_url', abort: true })
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/),
  database: z
    .string()
    .trim()
    .max(200)
    .regex(/^[^\s?#]*$/)
    .default(''),
  recordSchema: ZSruRecordSchema.default('marcxml'),
  version: z.enum(SRU_VERSIONS).default('1.2'),
  /** null: offered in every network of the installation. */
  networkId: z.uuid().nullable().default(null),
  isActive: z.boolean().default(true),
});
export type TSruServerInput = z.infer<typeof ZSruServerInput>;

export const ZCopySearch = z
  .object({
    title: z.string().trim().max(300).default(''),
    author: z.string().trim().max(300).default(''),
    isbn: z.string().trim().max(40).default(''),
    start: z.coerce.number().int().min(1).max(100_000).default(1),
    max: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((q) => q.title || q.author || q.isbn, { message: 'empty', path: ['title'] });
export type TCopySearch = z.infer<typeof ZCopySearch>;

export const ZCopyImport = z.object({
  marc: ZForeignMarcRecord,
  /** Import even though a matching record is already in the catalogue. */
  allowDuplicate: z.boolean().default(false),
});
