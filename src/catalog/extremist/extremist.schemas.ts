/** Shared zod schemas of the check against the Federal list of extremist materials. */
import { z } from 'zod';

/** No check or edition of the list is older than this (the list itself dates from 2007). */
export const EARLIEST_DAY = '2000-01-01';

/**
 * The latest day it can be anywhere: today on the calendar of UTC+14. A day after it has not come
 * yet for anybody, so a library east of the server (Kyrgyzstan, Kamchatka) may still date a check today.
 */
export const latestToday = (now = new Date()) => new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);

/** A day that has come already and is not absurdly old: the day of a check or of a list's edition. */
const ZPastDay = z.iso
  .date()
  .refine((day) => day >= EARLIEST_DAY, { message: 'extremist_date_early' })
  .refine((day) => day <= latestToday(), { message: 'extremist_date_future' });

export const ZExtremistListQuery = z.object({
  sourceName: z.string().trim().max(300).default(''),
  publishedOn: ZPastDay.optional(),
});

/** The act names a chair and at least one member: one person alone is no commission. */
export const MIN_COMMISSION = 2;

export const ZExtremistCheckInput = z.object({
  networkId: z.uuid(),
  listId: z.uuid(),
  checkedOn: ZPastDay,
  commission: z
    .array(z.string().trim().min(1).max(300))
    .max(20)
    .refine((members) => members.length >= MIN_COMMISSION, { message: 'extremist_commission_small' }),
});
export type TExtremistCheckInput = z.infer<typeof ZExtremistCheckInput>;

export const ZMatchDecision = z
  .object({
    decision: z.enum(['confirmed', 'dismissed', 'pending']),
    action: z.enum(['flag', 'withdraw']).nullable().default(null),
    /** Why: for a dismissal, what tells the record from the entry; the next checks show it. */
    note: z.string().trim().max(1000).default(''),
  })
  .refine((d) => d.decision !== 'confirmed' || d.action !== null, { message: 'required', path: ['action'] });
export type TMatchDecision = z.infer<typeof ZMatchDecision>;
