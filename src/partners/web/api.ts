/** What the partners API answers, and the queries of the partners and contributions screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE, type Paged } from '../../web/api/types';
import type {
  TContributionKind,
  TCurrency,
  TGrantStatus,
  TPartnerContact,
  TPartnerKind,
  TSumGroup,
} from '../partners.schemas';

export interface PartnerRow {
  id: string;
  networkId: string;
  kind: TPartnerKind;
  name: string;
  municipalityId: string | null;
  address: string;
  phone: string;
  email: string;
  website: string;
  contacts: TPartnerContact[];
  isActive: boolean;
}

export interface PartnerDetail extends PartnerRow {
  note: string;
  canManage: boolean;
  canSeeFinance: boolean;
}

export interface Agreement {
  id: string;
  partnerId: string;
  libraryId: string | null;
  libraryName: string | null;
  number: string;
  title: string;
  signedOn: string;
  validUntil: string | null;
  fileSha256: string | null;
  fileName: string;
  note: string;
}

export interface ContributionRow {
  id: string;
  libraryId: string;
  libraryName: string;
  partnerId: string;
  partnerName: string;
  kind: TContributionKind;
  value: number;
  currency: TCurrency;
  quantity: number | null;
  receivedOn: string;
  purpose: string;
  description: string;
  eventId: string | null;
  seminarId: string | null;
  grantId: string | null;
}

export interface SumRow {
  key: string;
  label: string;
  currency: TCurrency;
  total: number;
  count: number;
}

export interface GrantRow {
  id: string;
  networkId: string;
  libraryId: string | null;
  libraryName: string | null;
  partnerId: string | null;
  partnerName: string | null;
  title: string;
  programme: string;
  status: TGrantStatus;
  requestedAmount: number | null;
  awardedAmount: number | null;
  currency: TCurrency;
  submittedOn: string | null;
  decidedOn: string | null;
  reportDue: string | null;
  reportedOn: string | null;
  note: string;
  isReportOverdue: boolean;
}

export const usePartners = (params: QueryParams) =>
  useQuery({
    queryKey: ['partners', params],
    queryFn: () => api.get<Paged<PartnerRow>>('/api/v1/partners', params),
    placeholderData: (previous) => previous,
  });

/** Every partner the person may see, for pick-lists. */
export const usePartnerOptions = () => usePartners({ pageSize: OPTIONS_PAGE_SIZE });

export const usePartner = (id: string) =>
  useQuery({ queryKey: ['partner', id], queryFn: () => api.get<PartnerDetail>(`/api/v1/partners/${id}`) });

export const useAgreements = (partnerId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['agreements', partnerId],
    queryFn: () => api.get<Agreement[]>(`/api/v1/partners/${partnerId}/agreements`),
    enabled,
  });

export const useContributions = (params: QueryParams, enabled = true) =>
  useQuery({
    queryKey: ['contributions', params],
    queryFn: () => api.get<Paged<ContributionRow>>('/api/v1/contributions', params),
    placeholderData: (previous) => previous,
    enabled,
  });

export const useContributionSums = (groupBy: TSumGroup, params: QueryParams) =>
  useQuery({
    queryKey: ['contribution-sums', groupBy, params],
    queryFn: () => api.get<SumRow[]>('/api/v1/contributions/sums', { ...params, groupBy }),
  });

export const useGrants = (params: QueryParams) =>
  useQuery({
    queryKey: ['grants', params],
    queryFn: () => api.get<Paged<GrantRow>>('/api/v1/grants', params),
    placeholderData: (previous) => previous,
  });

/** After a change: every list and page showing partners, money or grants is refetched, and the audit log. */
export function refreshPartnersData(queryClient: QueryClient) {
  for (const key of ['partners', 'partner', 'agreements', 'contributions', 'contribution-sums', 'grants', 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}

/** 15000.5 + KGS → "15 000,50 сом" in the person's language. */
export function formatMoney(value: number | null, currency: TCurrency, unit: (c: TCurrency) => string, language: string): string {
  if (value === null) return '—';
  return `${new Intl.NumberFormat(language, { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value)} ${unit(currency)}`;
}
