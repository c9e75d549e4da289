/** Shared zod schemas of outreach seminars, their protocols and tasks: used by the API and the staff app. */
import { z } from 'zod';

export const ZIsoDate = z.iso.date({ message: 'date' });
export const ZSeminarStatus = z.enum(['planned', 'held', 'cancelled']);
export type TSeminarStatus = z.infer<typeof ZSeminarStatus>;
export const ZParticipantKind = z.enum(['staff', 'guest']);
export const ZTaskStatus = z.enum(['open', 'done']);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

const line = (max = 300) => z.string().trim().max(max);
const required = (max = 300) => z.string().trim().min(1).max(max);

export const ZSeminarInput = z.object({
  hostLibraryId: z.uuid(),
  theme: required(500),
  heldOn: ZIsoDate,
  status: ZSeminarStatus.default('planned'),
  protocolNumber: line(20).default(''),
  place: line().default(''),
  agenda: z.array(required(500)).max(30).default([]),
});
export type TSeminarInput = z.infer<typeof ZSeminarInput>;

export const ZParticipantInput = z.object({
  kind: ZParticipantKind,
  staffUserId: z.uuid().nullable().default(null),
  fullName: required(200),
  position: line().default(''),
  isSpeaker: z.boolean().default(false),
  hasAttended: z.boolean().default(true),
});
export type TParticipantInput = z.infer<typeof ZParticipantInput>;

/** "Слушали": a report heard, by whom, on what. */
export const ZHeard = z.object({ speaker: required(200), topic: required(500), summary: line(8000).default('') });
/** "Выступили": who spoke in the discussion and what they said. */
export const ZSpoke = z.object({ speaker: required(200), text: required(8000) });
export const ZQuestion = z.object({
  question: required(2000),
  askedBy: line(200).default(''),
  answer: line(4000).default(''),
  answeredBy: line(200).default(''),
});

export const ZProtocol = z.object({
  chair: line(200).default(''),
  secretary: line(200).default(''),
  /** Everyone present, when more came than are named ("Всего присутствовало: 29 человек"). */
  attendeesTotal: z.number().int().min(0).max(10000).nullable().default(null),
  heard: z.array(ZHeard).max(50).default([]),
  spoke: z.array(ZSpoke).max(100).default([]),
  questions: z.array(ZQuestion).max(100).default([]),
  conclusion: line(8000).default(''),
});
export type TProtocol = z.infer<typeof ZProtocol>;

export const ZProtocolInput = z
  .object({
    protocol: ZProtocol,
    participants: z.array(ZParticipantInput).max(300).default([]),
  })
  .superRefine((p, ctx) => {
    const named = p.participants.filter((x) => x.hasAttended).length;
    if (p.protocol.attendeesTotal !== null && p.protocol.attendeesTotal < named) {
      ctx.addIssue({ code: 'custom', path: ['protocol', 'attendeesTotal'], message: 'total_below_named' });
    }
  });
export type TProtocolInput = z.infer<typeof ZProtocolInput>;

export const ZDecisionInput = z
  .object({
    text: required(2000),
    responsible: required(200),
    responsibleStaffId: z.uuid().nullable().default(null),
    libraryId: z.uuid().nullable().default(null),
    dueOn: ZIsoDate,
    status: ZTaskStatus.default('open'),
    doneOn: ZIsoDate.nullable().default(null),
    note: line(2000).default(''),
  })
  .superRefine((d, ctx) => {
    if (d.status === 'done' && !d.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'done_on_required' });
    if (d.status === 'open' && d.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'done_on_open' });
  });
export type TDecisionInput = z.infer<typeof ZDecisionInput>;

/** Marking a task done (or reopening it) with a note. */
export const ZTaskProgress = z
  .object({ status: ZTaskStatus, doneOn: ZIsoDate.nullable().default(null), note: line(2000).default('') })
  .superRefine((d, ctx) => {
    if (d.status === 'done' && !d.doneOn) ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'done_on_required' });
  });
export type TTaskProgress = z.infer<typeof ZTaskProgress>;

export const ZRotationQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  count: z.coerce.number().int().min(1).max(12).default(2),
});
