/** Response schemas of circulation's routes (for validation of answers and the OpenAPI document). */
import { z } from 'zod';
import { HOLD_STATUSES } from './circulation.schemas';

export const ZCheckoutOut = z.object({
  loanId: z.uuid(),
  actionId: z.number().int(),
  itemId: z.uuid(),
  barcode: z.string(),
  title: z.string(),
  dueOn: z.string(),
  ageOverridden: z.boolean(),
});

export const ZReturnOut = z.object({
  loanId: z.uuid().nullable(),
  actionId: z.number().int().nullable(),
  itemId: z.uuid(),
  barcode: z.string(),
  title: z.string(),
  readerId: z.uuid().nullable(),
  wasOverdue: z.boolean(),
  next: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('shelf') }),
    z.object({ kind: z.literal('hold_shelf'), holdId: z.uuid() }),
    z.object({ kind: z.literal('transit'), toLibraryId: z.uuid(), toLibraryName: z.string(), holdId: z.uuid().nullable() }),
  ]),
});

export const ZRenewOut = z.object({
  loanId: z.uuid(),
  actionId: z.number().int().nullable(),
  barcode: z.string(),
  title: z.string(),
  dueOn: z.string(),
  renewals: z.number().int(),
});

export const ZHoldOut = z.object({
  id: z.uuid(),
  recordId: z.uuid(),
  title: z.string(),
  readerId: z.uuid(),
  pickupLibraryId: z.uuid(),
  pickupLibraryName: z.string(),
  status: z.enum(HOLD_STATUSES),
  itemId: z.uuid().nullable(),
  barcode: z.string().nullable(),
  placedAt: z.string(),
  expiresOn: z.string().nullable(),
  position: z.number().int().nullable(),
});

export const ZOpenLoanOut = z.object({
  loanId: z.uuid(),
  itemId: z.uuid(),
  barcode: z.string(),
  title: z.string(),
  ageLabel: z.string().nullable(),
  libraryId: z.uuid(),
  libraryName: z.string(),
  loanedAt: z.string(),
  dueOn: z.string(),
  renewals: z.number().int(),
  isOverdue: z.boolean(),
});

export const ZReaderPanel = z.object({
  reader: z.object({
    id: z.uuid(),
    networkId: z.uuid(),
    cardNumber: z.string(),
    fullName: z.string(),
    age: z.number().int().nullable(),
    categoryName: z.string(),
    isBlocked: z.boolean(),
    blockReason: z.string(),
    registeredUntil: z.string().nullable(),
    isRegistered: z.boolean(),
  }),
  loans: z.array(ZOpenLoanOut),
  holds: z.array(ZHoldOut),
});

export const ZVisitCount = z.object({ day: z.string(), readers: z.number().int(), manual: z.number().int(), total: z.number().int() });

export const ZLoanRuleOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  libraryId: z.uuid().nullable(),
  readerCategoryId: z.uuid().nullable(),
  itemType: z.string().nullable(),
  loanDays: z.number().int(),
  maxItems: z.number().int(),
  maxRenewals: z.number().int(),
  holdsAllowed: z.boolean(),
});

export const ZSettingsOut = z.object({ networkId: z.uuid(), holdShelfDays: z.number().int(), blockAfterDays: z.number().int().nullable() });

export const ZOverdueRow = z.object({
  loanId: z.uuid(),
  readerId: z.uuid(),
  cardNumber: z.string(),
  readerName: z.string(),
  phone: z.string(),
  email: z.string(),
  barcode: z.string(),
  title: z.string(),
  dueOn: z.string(),
  daysOverdue: z.number().int(),
  lastNoticeAt: z.string().nullable(),
});

export const ZCollectionRow = z.object({
  id: z.uuid(),
  name: z.string(),
  servicePointId: z.uuid(),
  servicePointName: z.string(),
  servicePointKind: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  returnedAt: z.string().nullable(),
  copies: z.number().int(),
  loans: z.number().int(),
  readers: z.number().int(),
});
