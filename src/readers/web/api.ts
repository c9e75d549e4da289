/** What the readers API answers, and the queries of the readers screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { Paged } from '../../web/api/types';
import type { TAgeGroup } from '../readers.schemas';

export interface ReaderRow {
  id: string;
  networkId: string;
  cardNumber: string;
  surname: string;
  firstName: string;
  patronymic: string;
  birthDate: string | null;
  birthYear: number;
  age: number | null;
  ageGroup: TAgeGroup;
  categoryId: string;
  categoryName: string;
  phone: string;
  isBlocked: boolean;
  isAnonymised: boolean;
  lastYear: number | null;
}

export interface Registration {
  id: string;
  libraryId: string;
  libraryName: string;
  year: number;
  kind: 'registration' | 're_registration';
  registeredOn: string;
  expiresOn: string;
}

export interface ReaderDetail extends ReaderRow {
  sex: 'f' | 'm' | null;
  email: string;
  address: string;
  notes: string;
  guardianName: string;
  guardianRelation: string;
  guardianPhone: string;
  consentDate: string | null;
  consentVersion: string;
  homeLibraryId: string | null;
  blockReason: string;
  blockedAt: string | null;
  anonymisedAt: string | null;
  mergedIntoId: string | null;
  hasPassword: boolean;
  registrations: Registration[];
  isValidHere: boolean | null;
}

export interface ReaderLoans {
  open: {
    loanId: string;
    barcode: string;
    title: string;
    libraryName: string;
    loanedAt: string;
    dueOn: string;
    renewals: number;
    isOverdue: boolean;
  }[];
  totalLoans: number;
  visits: number;
}

export interface ReaderCategory {
  id: string;
  networkId: string;
  code: string | null;
  name: string;
  nameKy: string;
  nameEn: string;
  sortOrder: number;
  isActive: boolean;
}

export const useReaders = (params: QueryParams) =>
  useQuery({
    queryKey: ['readers', params],
    queryFn: () => api.get<Paged<ReaderRow>>('/api/v1/readers', params),
    placeholderData: (previous) => previous,
  });

export const useReader = (id: string) =>
  useQuery({ queryKey: ['reader', id], queryFn: () => api.get<ReaderDetail>(`/api/v1/readers/${id}`) });

export const useReaderLoans = (id: string) =>
  useQuery({ queryKey: ['reader-loans', id], queryFn: () => api.get<ReaderLoans>(`/api/v1/readers/${id}/loans`) });

export const useReaderDuplicates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['reader-duplicates', id],
    queryFn: () => api.get<ReaderRow[]>(`/api/v1/readers/${id}/duplicates`),
    enabled,
  });

export const useReaderCategories = (networkId: string | null | undefined) =>
  useQuery({
    queryKey: ['reader-categories', networkId],
    queryFn: () => api.get<ReaderCategory[]>(`/api/v1/networks/${networkId}/reader-categories`),
    enabled: !!networkId,
    staleTime: 300_000,
  });

export const findDuplicates = (params: {
  networkId: string;
  surname: string;
  firstName: string;
  patronymic: string;
  birthDate: string;
}) => api.get<ReaderRow[]>('/api/v1/readers/duplicates', params);

/** After a change: every list and card showing readers is refetched, and the audit log. */
export function refreshReaders(queryClient: QueryClient) {
  for (const key of ['readers', 'reader', 'reader-loans', 'reader-duplicates', 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}

export const fullName = (r: Pick<ReaderRow, 'surname' | 'firstName' | 'patronymic'>) =>
  [r.surname, r.firstName, r.patronymic].filter(Boolean).join(' ');
