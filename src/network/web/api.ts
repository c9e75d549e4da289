/** What the network API answers, and the queries of the network screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, type QueryParams } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE, type Paged } from '../../web/api/types';
import type {
  TChecklistItem,
  TCheckResult,
  TPassportData,
  ZLibraryKind,
  ZMunicipalityKind,
  ZServicePointKind,
} from '../network.schemas';

export type TLibraryKind = z.infer<typeof ZLibraryKind>;
export type TMunicipalityKind = z.infer<typeof ZMunicipalityKind>;
export type TServicePointKind = z.infer<typeof ZServicePointKind>;

export interface Network {
  id: string;
  regionId: string;
  regionName: string;
  name: string;
  shortName: string;
  country: string;
  libraryCount: number;
  canManage: boolean;
}

export interface Overview {
  librariesByKind: Partial<Record<TLibraryKind, number>>;
  servicePoints: number;
  needsRepair: number;
  emergency: number;
  withInternet: number;
  computersForUsers: number;
  population: number;
  municipalities: number;
}

export interface LibraryRow {
  id: string;
  networkId: string;
  networkName: string;
  kind: TLibraryKind;
  number: number | null;
  name: string;
  settlement: string;
  code: string;
  isActive: boolean;
  address: string;
  phone: string;
  municipalities: string;
}

export interface ServicePoint {
  id: string;
  libraryId: string;
  kind: TServicePointKind;
  name: string;
  address: string;
  contact: string;
  isSeasonal: boolean;
  isActive: boolean;
  createdAt: string;
}

export interface LibraryDetail {
  id: string;
  networkId: string;
  networkName: string;
  kind: TLibraryKind;
  number: number | null;
  name: string;
  settlement: string;
  code: string;
  isActive: boolean;
  municipalities: { id: string; name: string; kind: TMunicipalityKind }[];
  servicePoints: ServicePoint[];
  staff: { id: string; fullName: string; position: string; role: string }[];
  passportYear: number | null;
  permissions: { canEditPassport: boolean; canManage: boolean; canMonitor: boolean };
}

export interface Passport {
  year: number;
  data: TPassportData;
  updatedAt: string | null;
  isSaved: boolean;
}

export interface MunicipalityRow {
  id: string;
  networkId: string;
  networkName: string;
  kind: TMunicipalityKind;
  name: string;
  headName: string;
  headTitle: string;
  phone: string;
  email: string;
  population: number | null;
  populationYear: number | null;
  libraryCount: number;
}

export interface MunicipalityDetail extends Omit<MunicipalityRow, 'networkName' | 'libraryCount'> {
  address: string;
  libraries: { id: string; name: string; kind: TLibraryKind; number: number | null; settlement: string }[];
  canEdit: boolean;
}

export interface Checklist {
  id: string;
  networkId: string;
  name: string;
  items: TChecklistItem[];
  isActive: boolean;
}

export interface Check {
  id: string;
  libraryId: string;
  checklistId: string;
  checklistName: string;
  checkedOn: string;
  inspector: string;
  results: TCheckResult[];
  findings: string;
  followUp: string;
  followUpDue: string | null;
  isFollowUpDone: boolean;
}

export const useNetworks = () =>
  useQuery({ queryKey: ['networks'], queryFn: () => api.get<Network[]>('/api/v1/networks') });

/** Networks the person may add libraries and municipalities to. */
export const useManagedNetworks = () => {
  const query = useNetworks();
  return { ...query, data: query.data?.filter((n) => n.canManage) };
};

export const useOverview = () =>
  useQuery({ queryKey: ['overview'], queryFn: () => api.get<Overview>('/api/v1/overview') });

export const useLibraries = (params: QueryParams) =>
  useQuery({
    queryKey: ['libraries', params],
    queryFn: () => api.get<Paged<LibraryRow>>('/api/v1/libraries', params),
    placeholderData: (previous) => previous,
  });

export const useLibrary = (id: string) =>
  useQuery({ queryKey: ['library', id], queryFn: () => api.get<LibraryDetail>(`/api/v1/libraries/${id}`) });

export const usePassportYears = (libraryId: string) =>
  useQuery({
    queryKey: ['passports', libraryId],
    queryFn: () => api.get<{ year: number; updatedAt: string }[]>(`/api/v1/libraries/${libraryId}/passports`),
  });

export const usePassport = (libraryId: string, year: number | null) =>
  useQuery({
    queryKey: ['passport', libraryId, year],
    queryFn: () => api.get<Passport>(`/api/v1/libraries/${libraryId}/passports/${year}`),
    enabled: year !== null,
  });

export const useMunicipalities = (params: QueryParams) =>
  useQuery({
    queryKey: ['municipalities', params],
    queryFn: () => api.get<Paged<MunicipalityRow>>('/api/v1/municipalities', params),
    placeholderData: (previous) => previous,
  });

/** Every municipality the user may see, for pick-lists and filters. */
export const useMunicipalityOptions = () => useMunicipalities({ pageSize: OPTIONS_PAGE_SIZE });

export const useMunicipality = (id: string) =>
  useQuery({
    queryKey: ['municipality', id],
    queryFn: () => api.get<MunicipalityDetail>(`/api/v1/municipalities/${id}`),
  });

export const useChecks = (libraryId: string) =>
  useQuery({
    queryKey: ['checks', libraryId],
    queryFn: () => api.get<Check[]>(`/api/v1/libraries/${libraryId}/checks`),
  });

export const useChecklists = (networkId: string) =>
  useQuery({
    queryKey: ['checklists', networkId],
    queryFn: () => api.get<Checklist[]>(`/api/v1/networks/${networkId}/checklists`),
  });

/**
 * After any change to the organisation tree: counts, lists and pages that show it are refetched,
 * and so is the audit log, which just gained an entry.
 */
export function refreshNetworkData(queryClient: QueryClient) {
  for (const key of [
    'overview',
    'networks',
    'libraries',
    'library',
    'municipalities',
    'municipality',
    'passports',
    'passport',
    'checks',
    'checklists',
    'audit',
  ]) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}
