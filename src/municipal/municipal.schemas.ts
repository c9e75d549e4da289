/** Shapes of the municipal information centre (ИЦ МСУ) and ИРИ, shared by the API and the staff app. */
import { z } from 'zod';

/** Kinds of reference request (виды справок). */
export const REQUEST_TYPES = ['factual', 'thematic', 'address', 'clarifying'] as const;
export const ZRequestType = z.enum(REQUEST_TYPES);
export type TRequestType = z.infer<typeof ZRequestType>;

/** How the request reached the library. */
export const REQUEST_CHANNELS = ['portal', 'phone', 'visit', 'email'] as const;
export const ZRequestChannel = z.enum(REQUEST_CHANNELS);
export type TRequestChannel = z.infer<typeof ZRequestChannel>;

/** new → in_progress (assigned) → answered → (asked again → in_progress) → closed. */
export const REQUEST_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;
export const ZRequestStatus = z.enum(REQUEST_STATUSES);
export type TRequestStatus = z.infer<typeof ZRequestStatus>;

export const MESSAGE_KINDS = ['question', 'answer', 'follow_up', 'note'] as const;
export type TMessageKind = (typeof MESSAGE_KINDS)[number];

const ZDay = z.iso.date({ message: 'date' });
const trimmed = (max: number) => z.string().trim().max(max);

/** A source given with an answer: a catalogue record, a stored file or a web address. */
export const ZAnswerSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('record'), recordId: z.uuid(), title: trimmed(500).optional() }),
  z.object({
    kind: z.literal('file'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    name: trimmed(300).min(1),
  }),
  z.object({
    kind: z.literal('url'),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    title: trimmed(500).optional(),
  }),
]);
export type TAnswerSource = z.infer<typeof ZAnswerSource>;

/** What an official sends from the portal. */
export const ZRequestSubmit = z.object({
  type: ZRequestType,
  topic: trimmed(300).min(1),
  text: trimmed(5000).default(''),
  wantedBy: ZDay.optional(),
});
export type TRequestSubmit = z.infer<typeof ZRequestSubmit>;

/** What staff record for a request received by phone, on a visit or by e-mail. */
export const ZRequestRecord = ZRequestSubmit.extend({
  municipalityId: z.uuid(),
  channel: ZRequestChannel.exclude(['portal']),
  requesterName: trimmed(200).min(1),
  requesterPosition: trimmed(200).default(''),
  requesterContact: trimmed(200).default(''),
  assigneeId: z.uuid().nullable().optional(),
});
export type TRequestRecord = z.infer<typeof ZRequestRecord>;

export const ZRequestAssign = z.object({ assigneeId: z.uuid().nullable(), dueOn: ZDay.optional() });
export type TRequestAssign = z.infer<typeof ZRequestAssign>;

export const ZRequestAnswer = z.object({
  body: trimmed(20000).min(1),
  sources: z.array(ZAnswerSource).max(50).default([]),
});
export type TRequestAnswer = z.infer<typeof ZRequestAnswer>;

export const ZFollowUp = z.object({ body: trimmed(5000).min(1) });
export type TFollowUp = z.infer<typeof ZFollowUp>;

export const ZRequestListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: ZRequestStatus.optional(),
  type: ZRequestType.optional(),
  municipalityId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  isOverdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TRequestListQuery = z.infer<typeof ZRequestListQuery>;

export const ZStatsQuery = z.object({ from: ZDay.optional(), to: ZDay.optional() });

/** A saved search over the catalogue (ИРИ topic). */
export const ZSubscriptionQuery = z
  .object({
    q: trimmed(300).optional(),
    subject: trimmed(300).optional(),
    author: trimmed(300).optional(),
    language: trimmed(3).optional(),
  })
  .refine((v) => !!(v.q || v.subject || v.author), { message: 'query_empty', path: ['q'] });
export type TSubscriptionQuery = z.infer<typeof ZSubscriptionQuery>;

export const DIGEST_FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export const ZDigestFrequency = z.enum(DIGEST_FREQUENCIES);

export const ZSubscriptionInput = z.object({
  topic: trimmed(200).min(1),
  query: ZSubscriptionQuery,
  frequency: ZDigestFrequency.default('weekly'),
  isEmailed: z.boolean().default(true),
  isActive: z.boolean().default(true),
});
export type TSubscriptionInput = z.infer<typeof ZSubscriptionInput>;

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export const ZReportQuery = z.object({
  municipalityId: z.uuid().optional(),
  libraryId: z.uuid().optional(),
  from: ZDay,
  to: ZDay,
  lang: z.enum(['ru', 'ky']).default('ru'),
});
export type TReportQuery = z.infer<typeof ZReportQuery>;
