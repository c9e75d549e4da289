/** Response and query schemas of the partners domain's routes. */
import { z } from 'zod';
import { ZPageQuery, ZTimestamp } from '../app/route-helpers';
import {
  ZContributionKind,
  ZCurrency,
  ZGrantStatus,
  ZIsoDate,
  ZPartnerContact,
  ZPartnerKind,
  ZSumGroup,
} from './partners.schemas';

export const ZPartnerRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  kind: ZPartnerKind,
  name: z.string(),
  municipalityId: z.uuid().nullable(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  website: z.string(),
  contacts: z.array(ZPartnerContact),
  isActive: z.boolean(),
});

export const ZPartnerOut = ZPartnerRow.extend({ note: z.string(), createdAt: ZTimestamp, updatedAt: ZTimestamp });

export const ZPartnerDetail = ZPartnerOut.extend({
  canManage: z.boolean(),
  /** May this person see the partner's contributions, agreements and grants? */
  canSeeFinance: z.boolean(),
});

export const ZPartnerQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  kind: ZPartnerKind.optional(),
  networkId: z.uuid().optional(),
});

export const ZAgreementOut = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  libraryId: z.uuid().nullable(),
  libraryName: z.string().nullable(),
  number: z.string(),
  title: z.string(),
  signedOn: z.string(),
  validUntil: z.string().nullable(),
  fileSha256: z.string().nullable(),
  fileName: z.string(),
  note: z.string(),
});

export const ZContributionRow = z.object({
  id: z.uuid(),
  libraryId: z.uuid(),
  libraryName: z.string(),
  partnerId: z.uuid(),
  partnerName: z.string(),
  kind: ZContributionKind,
  value: z.number(),
  currency: ZCurrency,
  quantity: z.number().int().nullable(),
  receivedOn: z.string(),
  purpose: z.string(),
  description: z.string(),
  eventId: z.uuid().nullable(),
  seminarId: z.uuid().nullable(),
  grantId: z.uuid().nullable(),
});

export const ZContributionOut = ZContributionRow.omit({ libraryName: true, partnerName: true }).extend({ networkId: z.uuid() });

export const ZContributionQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  libraryId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  seminarId: z.uuid().optional(),
  eventId: z.uuid().optional(),
  kind: ZContributionKind.optional(),
  currency: ZCurrency.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});

export const ZSumQuery = z.object({
  groupBy: ZSumGroup.default('library'),
  libraryId: z.uuid().optional(),
  partnerId: z.uuid().optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});

export const ZSumRow = z.object({ key: z.string(), label: z.string(), currency: ZCurrency, total: z.number(), count: z.number().int() });

export const ZGrantRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  libraryId: z.uuid().nullable(),
  libraryName: z.string().nullable(),
  partnerId: z.uuid().nullable(),
  partnerName: z.string().nullable(),
  title: z.string(),
  programme: z.string(),
  status: ZGrantStatus,
  requestedAmount: z.number().nullable(),
  awardedAmount: z.number().nullable(),
  currency: ZCurrency,
  submittedOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  reportDue: z.string().nullable(),
  reportedOn: z.string().nullable(),
  note: z.string(),
  isReportOverdue: z.boolean(),
});

export const ZGrantOut = ZGrantRow.omit({ libraryName: true, partnerName: true, isReportOverdue: true });

export const ZGrantQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  status: ZGrantStatus.optional(),
  libraryId: z.uuid().optional(),
});
