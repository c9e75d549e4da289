/** What the municipal information centre's API answers, and the queries of its screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { Paged } from '../../web/api/types';
import type { TAnswerSource, TRequestChannel, TRequestStatus, TRequestType } from '../municipal.schemas';

export interface RequestRow {
  id: string;
  number: number;
  networkId: string;
  municipalityId: string;
  municipalityName: string;
  channel: TRequestChannel;
  type: TRequestType;
  topic: string;
  status: TRequestStatus;
  requesterName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  receivedAt: string;
  wantedBy: string | null;
  dueOn: string;
  answeredAt: string | null;
  isOverdue: boolean;
}

export interface RequestMessage {
  id: string;
  kind: 'question' | 'answer' | 'follow_up' | 'note';
  authorName: string;
  body: string;
  sources: TAnswerSource[];
  createdAt: string;
}

export interface RequestDetail extends Omit<RequestRow, 'municipalityName' | 'assigneeName' | 'isOverdue'> {
  text: string;
  requesterId: string | null;
  requesterPosition: string;
  requesterContact: string;
  firstAnsweredAt: string | null;
  closedAt: string | null;
  municipalityName: string;
  assigneeName: string | null;
  isOverdue: boolean;
  messages: RequestMessage[];
  permissions: { canHandle: boolean; canFollowUp: boolean };
}

export interface Measures {
  total: number;
  answered: number;
  open: number;
  overdue: number;
  answeredLate: number;
  avgHoursToAnswer: number | null;
}

export interface Statistics {
  total: Measures;
  byMunicipality: (Measures & { municipalityId: string; municipalityName: string })[];
  byType: (Measures & { type: TRequestType })[];
}

export interface Assignee {
  id: string;
  fullName: string;
  position: string;
  role: string;
}

export interface Subscription {
  id: string;
  topic: string;
  query: { q?: string; subject?: string; author?: string; language?: string };
  frequency: 'daily' | 'weekly' | 'monthly';
  isEmailed: boolean;
  isActive: boolean;
  since: string;
  lastRunAt: string | null;
  createdAt: string;
}

export interface Digest {
  id: string;
  subscriptionId: string;
  topic: string;
  items: { recordId: string; title: string; description: string; year: number | null }[];
  emailedAt: string | null;
  readAt: string | null;
  createdAt: string;
}

export const useRequests = (params: QueryParams) =>
  useQuery({
    queryKey: ['municipal-requests', params],
    queryFn: () => api.get<Paged<RequestRow>>('/api/v1/municipal/requests', params),
    placeholderData: (previous) => previous,
  });

export const useRequest = (id: string) =>
  useQuery({ queryKey: ['municipal-request', id], queryFn: () => api.get<RequestDetail>(`/api/v1/municipal/requests/${id}`) });

export const useAssignees = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['municipal-assignees', id],
    queryFn: () => api.get<Assignee[]>(`/api/v1/municipal/requests/${id}/assignees`),
    enabled,
  });

export const useStatistics = (params: QueryParams) =>
  useQuery({ queryKey: ['municipal-statistics', params], queryFn: () => api.get<Statistics>('/api/v1/municipal/statistics', params) });

export const useSubscriptions = () =>
  useQuery({ queryKey: ['subscriptions'], queryFn: () => api.get<Subscription[]>('/api/v1/municipal/subscriptions') });

export const useDigests = (page: number) =>
  useQuery({ queryKey: ['digests', page], queryFn: () => api.get<Paged<Digest>>('/api/v1/municipal/digests', { page, pageSize: 10 }) });

export function refreshMunicipalData(queryClient: QueryClient) {
  for (const key of ['municipal-requests', 'municipal-request', 'municipal-statistics', 'subscriptions', 'digests', 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}
