/** Response and query schemas of the seminars domain's routes. */
import { z } from 'zod';
import { ZPageQuery, ZQueryBool, ZTimestamp } from '../app/route-helpers';
import { ZParticipantKind, ZProtocol, ZSeminarStatus, ZTaskStatus } from './seminars.schemas';

export const ZSeminarRow = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  hostLibraryId: z.uuid(),
  hostLibraryName: z.string(),
  hostSettlement: z.string(),
  protocolNumber: z.string(),
  theme: z.string(),
  heldOn: z.string(),
  status: ZSeminarStatus,
  place: z.string(),
  hasProtocol: z.boolean(),
  openTasks: z.number().int(),
  overdueTasks: z.number().int(),
});

export const ZSeminarOut = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  hostLibraryId: z.uuid(),
  protocolNumber: z.string(),
  theme: z.string(),
  heldOn: z.string(),
  status: ZSeminarStatus,
  place: z.string(),
  agenda: z.array(z.string()),
  protocol: ZProtocol.nullable(),
  createdAt: ZTimestamp,
  updatedAt: ZTimestamp,
});

export const ZParticipantOut = z.object({
  id: z.uuid(),
  kind: ZParticipantKind,
  staffUserId: z.uuid().nullable(),
  fullName: z.string(),
  position: z.string(),
  isSpeaker: z.boolean(),
  hasAttended: z.boolean(),
});

export const ZTaskRow = z.object({
  id: z.uuid(),
  seminarId: z.uuid(),
  seminarTheme: z.string(),
  seminarHeldOn: z.string(),
  networkId: z.uuid(),
  libraryId: z.uuid(),
  libraryName: z.string(),
  sortOrder: z.number().int(),
  text: z.string(),
  responsible: z.string(),
  responsibleStaffId: z.uuid().nullable(),
  dueOn: z.string(),
  status: ZTaskStatus,
  doneOn: z.string().nullable(),
  note: z.string(),
  isOverdue: z.boolean(),
  canUpdate: z.boolean(),
});

export const ZDecisionOut = z.object({
  id: z.uuid(),
  seminarId: z.uuid(),
  libraryId: z.uuid(),
  text: z.string(),
  responsible: z.string(),
  responsibleStaffId: z.uuid().nullable(),
  dueOn: z.string(),
  status: ZTaskStatus,
  doneOn: z.string().nullable(),
  note: z.string(),
});

export const ZSeminarDetail = ZSeminarOut.extend({
  hostLibraryName: z.string(),
  participants: z.array(ZParticipantOut),
  decisions: z.array(ZTaskRow),
  canManage: z.boolean(),
});

export const ZSeminarQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: ZSeminarStatus.optional(),
  hostLibraryId: z.uuid().optional(),
});

export const ZTaskQuery = ZPageQuery.extend({
  q: z.string().max(100).optional(),
  status: ZTaskStatus.optional(),
  isOverdue: ZQueryBool.optional(),
  libraryId: z.uuid().optional(),
});

export const ZRotationOut = z.object({
  proposals: z.array(z.object({ heldOn: z.string(), hostLibraryId: z.uuid(), hostLibraryName: z.string(), municipalityName: z.string().nullable() })),
  branchCount: z.number().int(),
  waiting: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
