/** What the audit log API answers, and its query. */
import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { Paged } from '../../web/api/types';

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorLogin: string;
  action: string;
  objectType: string;
  objectId: string;
  networkId: string | null;
  libraryId: string | null;
  summary: string;
  before: unknown;
  after: unknown;
  ip: string;
}

/** Object types written by the domains so far; the filter offers these. */
export const OBJECT_TYPES = [
  'library',
  'library_passport',
  'service_point',
  'municipality',
  'monitoring_check',
  'monitoring_checklist',
  'staff_user',
  'network',
] as const;

export const useAudit = (params: QueryParams) =>
  useQuery({
    queryKey: ['audit', params],
    // Dates in the filter are the person's own calendar days, not UTC ones.
    queryFn: () => api.get<Paged<AuditEntry>>('/api/v1/audit', { ...params, tz: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    placeholderData: (previous) => previous,
  });
