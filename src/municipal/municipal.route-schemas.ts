/** Response shapes of the municipal routes (OpenAPI is generated from them). */
import { z } from 'zod';
import { ZTimestamp } from '../app/route-helpers';
import { MESSAGE_KINDS, ZAnswerSource, ZDigestFrequency, ZRequestChannel, ZRequestStatus, ZRequestType } from './municipal.schemas';

export const ZRequestRow = z.object({
  id: z.uuid(),
  number: z.number().int(),
  networkId: z.uuid(),
  municipalityId: z.uuid(),
  municipalityName: z.string(),
  channel: ZRequestChannel,
  type: ZRequestType,
  topic: z.string(),
  status: ZRequestStatus,
  requesterName: z.string(),
  assigneeId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  receivedAt: ZTimestamp,
  wantedBy: z.string().nullable(),
  dueOn: z.string(),
  answeredAt: ZTimestamp.nullable(),
  isOverdue: z.boolean(),
});

export const ZRequestOut = z.object({
  id: z.uuid(),
  number: z.number().int(),
  networkId: z.uuid(),
  municipalityId: z.uuid(),
  channel: ZRequestChannel,
  type: ZRequestType,
  topic: z.string(),
  text: z.string(),
  status: ZRequestStatus,
  wantedBy: z.string().nullable(),
  dueOn: z.string(),
  requesterId: z.uuid().nullable(),
  requesterName: z.string(),
  requesterPosition: z.string(),
  requesterContact: z.string(),
  assigneeId: z.uuid().nullable(),
  receivedAt: ZTimestamp,
  firstAnsweredAt: ZTimestamp.nullable(),
  answeredAt: ZTimestamp.nullable(),
  closedAt: ZTimestamp.nullable(),
});

export const ZMessageOut = z.object({
  id: z.uuid(),
  kind: z.enum(MESSAGE_KINDS),
  authorName: z.string(),
  body: z.string(),
  sources: z.array(ZAnswerSource),
  createdAt: ZTimestamp,
});

export const ZRequestDetail = ZRequestOut.extend({
  municipalityName: z.string(),
  assigneeName: z.string().nullable(),
  isOverdue: z.boolean(),
  messages: z.array(ZMessageOut),
  permissions: z.object({ canHandle: z.boolean(), canFollowUp: z.boolean() }),
});

const ZMeasures = z.object({
  total: z.number().int(),
  answered: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  answeredLate: z.number().int(),
  avgHoursToAnswer: z.number().nullable(),
});

export const ZStatsOut = z.object({
  total: ZMeasures,
  byMunicipality: z.array(ZMeasures.extend({ municipalityId: z.uuid(), municipalityName: z.string() })),
  byType: z.array(ZMeasures.extend({ type: ZRequestType })),
});

export const ZAssignee = z.object({ id: z.uuid(), fullName: z.string(), position: z.string(), role: z.string() });

export const ZSubscriptionOut = z.object({
  id: z.uuid(),
  topic: z.string(),
  query: z.object({
    q: z.string().optional(),
    subject: z.string().optional(),
    author: z.string().optional(),
    language: z.string().optional(),
  }),
  frequency: ZDigestFrequency,
  isEmailed: z.boolean(),
  isActive: z.boolean(),
  since: ZTimestamp,
  lastRunAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});

export const ZDigestItem = z.object({ recordId: z.uuid(), title: z.string(), description: z.string(), year: z.number().nullable() });

export const ZDigestOut = z.object({
  id: z.uuid(),
  subscriptionId: z.uuid(),
  topic: z.string(),
  items: z.array(ZDigestItem),
  emailedAt: ZTimestamp.nullable(),
  readAt: ZTimestamp.nullable(),
  createdAt: ZTimestamp,
});
