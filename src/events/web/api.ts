/** What the events API answers, and the queries of the events screens. */
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../web/api/client';
import type { Paged } from '../../web/api/types';
import type { TEventAudience, TEventPlace, TEventStatus, TPressLink } from '../events.schemas';

export interface EventRow {
  id: string;
  networkId: string;
  libraryId: string;
  libraryName: string;
  formId: string;
  formName: string;
  formNameKy: string;
  formNameEn: string;
  title: string;
  audience: TEventAudience;
  place: TEventPlace;
  placeNote: string;
  status: TEventStatus;
  plannedOn: string;
  startTime: string | null;
  endTime: string | null;
  heldOn: string | null;
  attendanceTotal: number | null;
  attendanceChildren: number;
  attendanceYouth: number;
  attendanceAdults: number;
  responsibleName: string;
  theme: string;
  isPublic: boolean;
  isRegistrationOpen: boolean;
  capacity: number | null;
  registeredCount: number;
}

export interface EventDetail extends Omit<EventRow, 'libraryName' | 'formName' | 'formNameKy' | 'formNameEn'> {
  description: string;
  timeZone: string;
  cancelReason: string;
  responsibleStaffId: string | null;
  pressLinks: TPressLink[];
  resultNote: string;
  libraryName: string;
  networkName: string;
  formName: string;
  formNameKy: string;
  formNameEn: string;
  isExhibition: boolean;
  responsibleStaffName: string | null;
  records: { id: string; title: string; description: string }[];
  exhibitions: { id: string; title: string; plannedOn: string; isPublic: boolean }[];
  photos: { sha256: string; mediaType: string; caption: string }[];
  partners: { id: string; name: string; kind: string }[];
  permissions: { canEdit: boolean };
}

export interface EventForm {
  id: string;
  networkId: string;
  code: string;
  nameRu: string;
  nameKy: string;
  nameEn: string;
  isExhibition: boolean;
  sortOrder: number;
  isActive: boolean;
}

export interface Suggestion {
  id: string;
  kind: 'date' | 'theme';
  title: string;
  date: string | null;
  lengthDays: number;
  note: string;
}

export interface Registration {
  id: string;
  eventId: string;
  name: string;
  phone: string;
  email: string;
  createdAt: string;
}

/** The name of an event's form in the interface's language (Russian when no translation was given). */
export function formLabel(form: { nameRu?: string; formName?: string; nameKy?: string; formNameKy?: string; nameEn?: string; formNameEn?: string }, language: string): string {
  const ru = form.nameRu ?? form.formName ?? '';
  if (language === 'ky') return (form.nameKy ?? form.formNameKy) || ru;
  if (language === 'en') return (form.nameEn ?? form.formNameEn) || ru;
  return ru;
}

export const useEvents = (params: QueryParams) =>
  useQuery({
    queryKey: ['events', params],
    queryFn: () => api.get<Paged<EventRow>>('/api/v1/events', params),
    placeholderData: (previous) => previous,
  });

export const useEvent = (id: string) =>
  useQuery({ queryKey: ['event', id], queryFn: () => api.get<EventDetail>(`/api/v1/events/${id}`) });

export const useEventForms = (networkId: string | undefined) =>
  useQuery({
    queryKey: ['event-forms', networkId],
    queryFn: () => api.get<EventForm[]>(`/api/v1/networks/${networkId}/event-forms`),
    enabled: !!networkId,
  });

/** The network's book exhibitions (events of an exhibition form), to accompany another event. */
export const useExhibitionOptions = (networkId: string | undefined, formIds: string[]) =>
  useQuery({
    queryKey: ['events', 'exhibitions', networkId, formIds],
    queryFn: async () =>
      (await Promise.all(formIds.map((formId) => api.get<Paged<EventRow>>('/api/v1/events', { networkId, formId, pageSize: 500 })))).flatMap((page) => page.items),
    enabled: !!networkId && formIds.length > 0,
  });

export const useSuggestions = (networkId: string | undefined, year: number, month?: number) =>
  useQuery({
    queryKey: ['event-suggestions', networkId, year, month],
    queryFn: () => api.get<Suggestion[]>(`/api/v1/networks/${networkId}/event-suggestions`, { year, month }),
    enabled: !!networkId,
  });

export const useRegistrations = (eventId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['event-registrations', eventId],
    queryFn: () => api.get<Paged<Registration>>(`/api/v1/events/${eventId}/registrations`, { pageSize: 500 }),
    enabled,
  });

export function refreshEventData(queryClient: QueryClient) {
  for (const key of ['events', 'event', 'event-registrations', 'audit']) void queryClient.invalidateQueries({ queryKey: [key] });
}
