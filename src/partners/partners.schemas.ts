/** Shared zod schemas of partners, agreements, contributions and grants: used by the API and the staff app. */
import { z } from 'zod';

export const ZPartnerKind = z.enum([
  'municipal', 'ngo', 'donor', 'consulate', 'party', 'business', 'school', 'culture_house', 'media', 'other',
]);
export type TPartnerKind = z.infer<typeof ZPartnerKind>;
export const ZContributionKind = z.enum(['money', 'books', 'subscriptions', 'furniture', 'equipment', 'repairs', 'labour', 'other']);
export type TContributionKind = z.infer<typeof ZContributionKind>;
export const ZCurrency = z.enum(['KGS', 'RUB']);
export type TCurrency = z.infer<typeof ZCurrency>;
export const ZGrantStatus = z.enum(['planned', 'submitted', 'won', 'lost', 'reported']);
export type TGrantStatus = z.infer<typeof ZGrantStatus>;

export const ZIsoDate = z.iso.date({ message: 'date' });
const ZOptionalDate = ZIsoDate.nullable().default(null);
const ZPhone = z
  .string()
  .trim()
  .max(60)
  .regex(/^[+\d\s()\-,;]*$/, { message: 'phone' })
  .default('');
const ZEmail = z.union([z.literal(''), z.email({ message: 'email' })]).default('');
/** Money: not negative, at most two decimals' worth of precision is kept. */
const ZAmount = z.number({ message: 'amount' }).min(0, { message: 'amount_negative' }).max(1e11);

export const ZPartnerContact = z.object({
  name: z.string().trim().min(1).max(200),
  position: z.string().trim().max(200).default(''),
  phone: ZPhone,
  email: ZEmail,
});
export type TPartnerContact = z.infer<typeof ZPartnerContact>;

export const ZPartnerInput = z.object({
  kind: ZPartnerKind,
  name: z.string().trim().min(1).max(300),
  municipalityId: z.uuid().nullable().default(null),
  address: z.string().trim().max(300).default(''),
  phone: ZPhone,
  email: ZEmail,
  website: z.string().trim().max(300).default(''),
  contacts: z.array(ZPartnerContact).max(50).default([]),
  note: z.string().trim().max(4000).default(''),
  isActive: z.boolean().default(true),
});
export type TPartnerInput = z.infer<typeof ZPartnerInput>;

export const ZAgreementInput = z
  .object({
    libraryId: z.uuid().nullable().default(null),
    number: z.string().trim().max(60).default(''),
    title: z.string().trim().min(1).max(300),
    signedOn: ZIsoDate,
    validUntil: ZOptionalDate,
    note: z.string().trim().max(4000).default(''),
  })
  .superRefine((a, ctx) => {
    if (a.validUntil && a.validUntil < a.signedOn) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'end_before_start' });
  });
export type TAgreementInput = z.infer<typeof ZAgreementInput>;

export const ZContributionInput = z.object({
  libraryId: z.uuid(),
  partnerId: z.uuid(),
  kind: ZContributionKind,
  value: ZAmount,
  currency: ZCurrency,
  quantity: z.number().int().min(0).max(10_000_000).nullable().default(null),
  receivedOn: ZIsoDate,
  purpose: z.string().trim().min(1).max(500),
  description: z.string().trim().max(4000).default(''),
  eventId: z.uuid().nullable().default(null),
  seminarId: z.uuid().nullable().default(null),
  grantId: z.uuid().nullable().default(null),
});
export type TContributionInput = z.infer<typeof ZContributionInput>;

export const ZGrantInput = z
  .object({
    libraryId: z.uuid().nullable().default(null),
    partnerId: z.uuid().nullable().default(null),
    title: z.string().trim().min(1).max(300),
    programme: z.string().trim().max(300).default(''),
    status: ZGrantStatus,
    requestedAmount: ZAmount.nullable().default(null),
    awardedAmount: ZAmount.nullable().default(null),
    currency: ZCurrency,
    submittedOn: ZOptionalDate,
    decidedOn: ZOptionalDate,
    reportDue: ZOptionalDate,
    reportedOn: ZOptionalDate,
    note: z.string().trim().max(4000).default(''),
  })
  .superRefine((g, ctx) => {
    if ((g.status === 'won' || g.status === 'reported') && g.awardedAmount === null)
      ctx.addIssue({ code: 'custom', path: ['awardedAmount'], message: 'awarded_required' });
    if (g.status === 'reported' && !g.reportedOn) ctx.addIssue({ code: 'custom', path: ['reportedOn'], message: 'reported_on_required' });
    if (g.status === 'lost' && g.awardedAmount) ctx.addIssue({ code: 'custom', path: ['awardedAmount'], message: 'lost_with_award' });
  });
export type TGrantInput = z.infer<typeof ZGrantInput>;

/** Grouping of the sums page and of the charts. */
export const ZSumGroup = z.enum(['library', 'partner', 'year', 'kind']);
export type TSumGroup = z.infer<typeof ZSumGroup>;
