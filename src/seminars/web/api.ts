/** What the seminars API answers, and the queries of the seminars screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { Paged } from '../../web/api/types';
import type { TProtocol, TSeminarStatus, TTaskStatus } from '../seminars.schemas';

export interface SeminarRow {
  id: string;
  networkId: string;
  hostLibraryId: string;
  hostLibraryName: string;
  hostSettlement: string;
  protocolNumber: string;
  theme: string;
  heldOn: string;
  status: TSeminarStatus;
  place: string;
  hasProtocol: boolean;
  openTasks: number;
  overdueTasks: number;
}

export interface Participant {
  id: string;
  kind: 'staff' | 'guest';
  staffUserId: string | null;
  fullName: string;
  position: string;
  isSpeaker: boolean;
  hasAttended: boolean;
}

export interface TaskRow {
  id: string;
  seminarId: string;
  seminarTheme: string;
  seminarHeldOn: string;
  networkId: string;
  libraryId: string;
  libraryName: string;
  text: string;
  responsible: string;
  responsibleStaffId: string | null;
  dueOn: string;
  status: TTaskStatus;
  doneOn: string | null;
  note: string;
  isOverdue: boolean;
  canUpdate: boolean;
}

export interface SeminarDetail {
  id: string;
  networkId: string;
  hostLibraryId: string;
  hostLibraryName: string;
  protocolNumber: string;
  theme: string;
  heldOn: string;
  status: TSeminarStatus;
  place: string;
  agenda: string[];
  protocol: TProtocol | null;
  participants: Participant[];
  decisions: TaskRow[];
  canManage: boolean;
}

export interface RotationPlan {
  proposals: { heldOn: string; hostLibraryId: string; hostLibraryName: string; municipalityName: string | null }[];
  branchCount: number;
  waiting: { id: string; name: string }[];
}

export const useSeminars = (params: QueryParams) =>
  useQuery({
    queryKey: ['seminars', params],
    queryFn: () => api.get<Paged<SeminarRow>>('/api/v1/seminars', params),
    placeholderData: (previous) => previous,
  });

export const useSeminar = (id: string) =>
  useQuery({ queryKey: ['seminar', id], queryFn: () => api.get<SeminarDetail>(`/api/v1/seminars/${id}`) });

export const useTasks = (params: QueryParams) =>
  useQuery({
    queryKey: ['seminar-tasks', params],
    queryFn: () => api.get<Paged<TaskRow>>('/api/v1/seminar-tasks', params),
    placeholderData: (previous) => previous,
  });

export const useRotation = (networkId: string | undefined, year: number, count: number) =>
  useQuery({
    queryKey: ['seminar-rotation', networkId, year, count],
    queryFn: () => api.get<RotationPlan>(`/api/v1/networks/${networkId}/seminar-rotation`, { year, count }),
    enabled: !!networkId,
  });

export function refreshSeminarData(queryClient: QueryClient) {
  for (const key of ['seminars', 'seminar', 'seminar-tasks', 'seminar-rotation', 'audit']) {
    void queryClient.invalidateQueries({ queryKey: [key] });
  }
}
