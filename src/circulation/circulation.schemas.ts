/** Shared zod schemas of circulation: used by the API and by the staff app's desk and rule pages. */
import { z } from 'zod';

export const HOLD_STATUSES = ['waiting', 'in_transit', 'ready', 'fulfilled', 'cancelled', 'expired'] as const;
export const ZHoldStatus = z.enum(HOLD_STATUSES);
export type THoldStatus = z.infer<typeof ZHoldStatus>;
export const ACTIVE_HOLD_STATUSES = ['waiting', 'in_transit', 'ready'] as const;

export const DESK_ACTION_KINDS = ['checkout', 'return', 'renew'] as const;
export type TDeskActionKind = (typeof DESK_ACTION_KINDS)[number];

export const NOTICE_CHANNELS = ['email', 'letter'] as const;

/** How long a desk action can be undone. */
export const UNDO_SECONDS = 60;

const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' });
const ZBarcode = z.string().trim().min(1).max(40);

export const ZLoanRuleValues = z.object({
  loanDays: z.number().int().min(0).max(365),
  maxItems: z.number().int().min(0).max(1000),
  maxRenewals: z.number().int().min(0).max(100),
  holdsAllowed: z.boolean(),
});
export type TLoanRuleValues = z.infer<typeof ZLoanRuleValues>;

export const ZLoanRuleInput = ZLoanRuleValues.extend({
  networkId: z.uuid(),
  libraryId: z.uuid().nullable().default(null),
  readerCategoryId: z.uuid().nullable().default(null),
  /** The record's material type (book, periodical…); null: every type. */
  itemType: z.string().trim().min(1).max(40).nullable().default(null),
});
export type TLoanRuleInput = z.infer<typeof ZLoanRuleInput>;

export const ZCheckout = z.object({
  libraryId: z.uuid(),
  readerId: z.uuid(),
  barcode: ZBarcode,
  /** Lend despite the age label: the reason is required and logged. */
  ageOverrideReason: z.string().trim().max(500).optional(),
});
export type TCheckout = z.infer<typeof ZCheckout>;

export const ZReturn = z.object({ libraryId: z.uuid(), barcode: ZBarcode });
export const ZRenew = z.object({ libraryId: z.uuid(), barcode: ZBarcode.optional(), loanId: z.uuid().optional() });
export const ZInLibraryUse = z.object({ libraryId: z.uuid(), readerId: z.uuid(), barcode: ZBarcode });
export const ZUndo = z.object({ actionId: z.number().int().positive() });

export const ZHoldPlace = z.object({
  readerId: z.uuid(),
  recordId: z.uuid(),
  pickupLibraryId: z.uuid(),
});
export type THoldPlace = z.infer<typeof ZHoldPlace>;

export const ZManualVisits = z.object({ libraryId: z.uuid(), day: ZDate.optional(), add: z.number().int().min(-1000).max(1000) });

export const ZSettingsInput = z.object({
  holdShelfDays: z.number().int().min(1).max(60),
  blockAfterDays: z.number().int().min(1).max(3650).nullable(),
});

export const ZCollectionCreate = z
  .object({
    servicePointId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    startsOn: ZDate,
    endsOn: ZDate,
    barcodes: z.array(ZBarcode).min(1).max(2000),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'date', path: ['endsOn'] });
export type TCollectionCreate = z.infer<typeof ZCollectionCreate>;

export const ZPointLoans = z.object({
  /** Loans of each copy at the point (bulk entry after the season). */
  items: z.array(z.object({ barcode: ZBarcode, loans: z.number().int().min(0).max(10000) })).max(2000),
  /** Readers served at the point on each day. */
  days: z.array(z.object({ day: ZDate, readers: z.number().int().min(0).max(10000), loans: z.number().int().min(0).max(10000) })).max(400).default([]),
});
export type TPointLoans = z.infer<typeof ZPointLoans>;
