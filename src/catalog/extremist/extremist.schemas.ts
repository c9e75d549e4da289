/** Shared zod schemas of the check against the Federal list of extremist materials. */
import { z } from 'zod';

const ZDay = z.iso.date();

export const ZExtremistListQuery = z.object({
  sourceName: z.string().trim().max(300).default(''),
  publishedOn: ZDay.optional(),
});

export const ZExtremistCheckInput = z.object({
  networkId: z.uuid(),
  listId: z.uuid(),
  checkedOn: ZDay,
  commission: z.array(z.string().trim().min(1).max(300)).min(1).max(20),
});
export type TExtremistCheckInput = z.infer<typeof ZExtremistCheckInput>;

export const ZMatchDecision = z
  .object({
    decision: z.enum(['confirmed', 'dismissed', 'pending']),
    action: z.enum(['flag', 'withdraw']).nullable().default(null),
    note: z.string().trim().max(1000).default(''),
  })
  .refine((d) => d.decision !== 'confirmed' || d.action !== null, { message: 'required', path: ['action'] });
export type TMatchDecision = z.infer<typeof ZMatchDecision>;
