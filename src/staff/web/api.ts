/** What the staff accounts API answers, and its queries. */
import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import { OPTIONS_PAGE_SIZE, type Paged } from '../../web/api/types';
import type { TLanguage, TRole, TScopeKind } from '../staff.schemas';

export interface StaffAccount {
  id: string;
  login: string;
  fullName: string;
  email: string;
  position: string;
  role: TRole;
  scopeKind: TScopeKind;
  scopeId: string | null;
  libraryId: string | null;
  language: TLanguage;
  isActive: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export const useStaffList = (params: QueryParams, isEnabled = true) =>
  useQuery({
    queryKey: ['staff', params],
    queryFn: () => api.get<Paged<StaffAccount>>('/api/v1/staff', params),
    placeholderData: (previous) => previous,
    enabled: isEnabled,
  });

/** Everyone the user may see, for "who" pick-lists. */
export const useStaffOptions = (isEnabled = true) => useStaffList({ pageSize: OPTIONS_PAGE_SIZE }, isEnabled);

export const useRegions = () =>
  useQuery({ queryKey: ['regions'], queryFn: () => api.get<{ id: string; name: string }[]>('/api/v1/regions') });
