/** Response schemas of the events domain's routes. */
import { z } from 'zod';
import { ZTimestamp } from '../app/route-helpers';
import { ZEventAudience, ZEventPlace, ZEventStatus, ZPressLink } from './events.schemas';

export const ZEventRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  libraryId: z.uuid(),
  libraryName: z.string(),
  formId: z.uuid(),
  formName: z.string(),
  formNameKy: z.string(),
  formNameEn: z.string(),
  title: z.string(),
  audience: ZEventAudience,
  place: ZEventPlace,
  placeNote: z.string(),
  status: ZEventStatus,
  plannedOn: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  heldOn: z.string().nullable(),
  attendanceTotal: z.number().int().nullable(),
  attendanceChildren: z.number().int(),
  attendanceYouth: z.number().int(),
  attendanceAdults: z.number().int(),
  responsibleName: z.string(),
  theme: z.string(),
  isPublic: z.boolean(),
  isRegistrationOpen: z.boolean(),
  capacity: z.number().int().nullable(),
  registeredCount: z.number().int(),
});

export const ZEventOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  libraryId: z.uuid(),
  formId: z.uuid(),
  title: z.string(),
  description: z.string(),
  audience: ZEventAudience,
  place: ZEventPlace,
  placeNote: z.string(),
  status: ZEventStatus,
  plannedOn: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  timeZone: z.string(),
  heldOn: z.string().nullable(),
  cancelReason: z.string(),
  attendanceTotal: z.number().int().nullable(),
  attendanceChildren: z.number().int(),
  attendanceYouth: z.number().int(),
  attendanceAdults: z.number().int(),
  responsibleStaffId: z.uuid().nullable(),
  responsibleName: z.string(),
  theme: z.string(),
  isPublic: z.boolean(),
  isRegistrationOpen: z.boolean(),
  capacity: z.number().int().nullable(),
  registeredCount: z.number().int(),
  pressLinks: z.array(ZPressLink),
  resultNote: z.string(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZEventDetailOut = ZEventOut.extend({
  libraryName: z.string(),
  networkName: z.string(),
  formName: z.string(),
  formNameKy: z.string(),
  formNameEn: z.string(),
  isExhibition: z.boolean(),
  responsibleStaffName: z.string().nullable(),
  records: z.array(z.object({ id: z.uuid(), title: z.string(), description: z.string() })),
  exhibitions: z.array(z.object({ id: z.uuid(), title: z.string(), plannedOn: z.string(), isPublic: z.boolean() })),
  photos: z.array(z.object({ sha256: z.string(), mediaType: z.string(), caption: z.string() })),
  partners: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
  permissions: z.object({ canEdit: z.boolean() }),
});

export const ZEventFormOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  code: z.string(),
  nameRu: z.string(),
  nameKy: z.string(),
  nameEn: z.string(),
  isExhibition: z.boolean(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
});

export const ZMemorableDateOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  kind: z.enum(['date', 'theme']),
  code: z.string(),
  title: z.string(),
  month: z.number().int().nullable(),
  day: z.number().int().nullable(),
  lengthDays: z.number().int(),
  year: z.number().int().nullable(),
  note: z.string(),
});

export const ZSuggestionOut = z.object({
  id: z.uuid(),
  kind: z.enum(['date', 'theme']),
  title: z.string(),
  date: z.string().nullable(),
  lengthDays: z.number().int(),
  note: z.string(),
});

export const ZRegistrationOut = z.object({
  id: z.uuid(),
  eventId: z.uuid(),
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  createdAt: ZTimestamp,
});

const ZAttendanceFigures = z.object({ total: z.number().int(), children: z.number().int(), youth: z.number().int(), adults: z.number().int() });
const ZPlaceFigures = z.object({ held: z.number().int(), attendance: z.number().int() });

export const ZEventSummaryOut = z.object({
  held: z.number().int(),
  planned: z.number().int(),
  cancelled: z.number().int(),
  attendance: ZAttendanceFigures,
  byForm: z.array(z.object({ formId: z.uuid(), name: z.string(), nameKy: z.string(), nameEn: z.string(), held: z.number().int(), attendance: z.number().int() })),
  byPlace: z.object({ in_library: ZPlaceFigures, outside: ZPlaceFigures, online: ZPlaceFigures }),
  byLibrary: z.array(z.object({ libraryId: z.uuid(), held: z.number().int(), attendance: ZAttendanceFigures })),
});
