/** Response shapes of the readers API. */
import { z } from 'zod';
import { ZPageQuery, ZQueryBool, ZTimestamp } from '../app/route-helpers';
import { ZAgeGroup } from './readers.schemas';

export const ZReaderRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  cardNumber: z.string(),
  surname: z.string(),
  firstName: z.string(),
  patronymic: z.string(),
  birthDate: z.string().nullable(),
  birthYear: z.number().int(),
  age: z.number().int().nullable(),
  ageGroup: ZAgeGroup,
  categoryId: z.uuid(),
  categoryName: z.string(),
  phone: z.string(),
  isBlocked: z.boolean(),
  isAnonymised: z.boolean(),
  lastYear: z.number().int().nullable(),
});

export const ZRegistrationOut = z.object({
  id: z.uuid(),
  libraryId: z.uuid(),
  libraryName: z.string(),
  year: z.number().int(),
  kind: z.enum(['registration', 're_registration']),
  registeredOn: z.string(),
  expiresOn: z.string(),
});

export const ZReaderOut = ZReaderRow.extend({
  sex: z.enum(['f', 'm']).nullable(),
  email: z.string(),
  address: z.string(),
  notes: z.string(),
  guardianName: z.string(),
  guardianRelation: z.string(),
  guardianPhone: z.string(),
  consentDate: z.string().nullable(),
  consentVersion: z.string(),
  homeLibraryId: z.uuid().nullable(),
  blockReason: z.string(),
  blockedAt: ZTimestamp.nullable(),
  anonymisedAt: ZTimestamp.nullable(),
  mergedIntoId: z.uuid().nullable(),
  hasPassword: z.boolean(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
  registrations: z.array(ZRegistrationOut),
  /** Whether the reader may be served at the caller's own library today. */
  isValidHere: z.boolean().nullable(),
});

export const ZReaderQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  networkId: z.uuid().optional(),
  libraryId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  isBlocked: ZQueryBool.optional(),
  ageGroup: ZAgeGroup.optional(),
});

/** The person being registered, to warn about readers of the network with the same name and birth date. */
export const ZDuplicateQuery = z.object({
  networkId: z.uuid(),
  surname: z.string().trim().min(1).max(100),
  firstName: z.string().trim().min(1).max(100),
  patronymic: z.string().trim().max(100).default(''),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** What a reader has from the loan desk, for their card. */
export const ZReaderLoans = z.object({
  open: z.array(
    z.object({
      loanId: z.uuid(),
      barcode: z.string(),
      title: z.string(),
      libraryName: z.string(),
      loanedAt: z.string(),
      dueOn: z.string(),
      renewals: z.number().int(),
      isOverdue: z.boolean(),
    }),
  ),
  totalLoans: z.number().int(),
  visits: z.number().int(),
});

export const ZCategoryOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  code: z.string().nullable(),
  name: z.string(),
  nameKy: z.string(),
  nameEn: z.string(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
});

export const ZCardParams = z.object({ cardNumber: z.string().trim().min(1).max(64) });
