/** Shared zod schemas of the events domain: used by the API and by the staff app's forms. */
import { z } from 'zod';

export const EVENT_AUDIENCE_VALUES = ['children', 'youth', 'adults', 'pensioners', 'families', 'all'] as const;
export const EVENT_PLACE_VALUES = ['in_library', 'outside', 'online'] as const;
export const EVENT_STATUS_VALUES = ['planned', 'held', 'cancelled'] as const;

export const ZEventAudience = z.enum(EVENT_AUDIENCE_VALUES);
export const ZEventPlace = z.enum(EVENT_PLACE_VALUES);
export const ZEventStatus = z.enum(EVENT_STATUS_VALUES);
export type TEventAudience = z.infer<typeof ZEventAudience>;
export type TEventPlace = z.infer<typeof ZEventPlace>;
export type TEventStatus = z.infer<typeof ZEventStatus>;

export const ZDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'date' });
export const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });
/** "2026-05" */
export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' });

export const ZPressLink = z.object({
  title: z.string().trim().max(300).default(''),
  url: z.url({ protocol: /^https?$/, message: 'url' }).max(1000),
});
export type TPressLink = z.infer<typeof ZPressLink>;

/** Attendance as 6-НК counts it; the age groups may not add up to more than the total. */
export const ZAttendance = z
  .object({
    total: z.number().int().min(0).max(1_000_000),
    children: z.number().int().min(0).max(1_000_000).default(0),
    youth: z.number().int().min(0).max(1_000_000).default(0),
    adults: z.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine((a, ctx) => {
    if (a.children + a.youth + a.adults > a.total)
      ctx.addIssue({ code: 'custom', path: ['total'], message: 'attendance_exceeds_total' });
  });
export type TAttendance = z.infer<typeof ZAttendance>;

/** The plan of an event: what, where, when, for whom, who is responsible. */
export const ZEventInput = z
  .object({
    libraryId: z.uuid(),
    formId: z.uuid(),
    title: z.string().trim().min(1).max(300),
    description: z.string().trim().max(5000).default(''),
    audience: ZEventAudience,
    place: ZEventPlace,
    placeNote: z.string().trim().max(300).default(''),
    plannedOn: ZDate,
    startTime: ZTimeOfDay.nullable().default(null),
    endTime: ZTimeOfDay.nullable().default(null),
    responsibleStaffId: z.uuid().nullable().default(null),
    responsibleName: z.string().trim().max(200).default(''),
    theme: z.string().trim().max(300).default(''),
    isPublic: z.boolean().default(true),
    isRegistrationOpen: z.boolean().default(false),
    capacity: z.number().int().min(1).max(100_000).nullable().default(null),
    pressLinks: z.array(ZPressLink).max(50).default([]),
    recordIds: z.array(z.uuid()).max(100).default([]),
    exhibitionIds: z.array(z.uuid()).max(50).default([]),
    /** Co-organisers: partners of the same network. */
    partnerIds: z.array(z.uuid()).max(50).default([]),
  })
  .superRefine((e, ctx) => {
    if (e.endTime && !e.startTime) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'start_before_end' });
    if (e.endTime && e.startTime && e.endTime <= e.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'end_after_start' });
  });
export type TEventInput = z.infer<typeof ZEventInput>;

/** The record of what happened: held (with the day and attendance) or cancelled (with a reason). */
export const ZEventOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('held'),
    heldOn: ZDate,
    attendance: ZAttendance,
    resultNote: z.string().trim().max(5000).default(''),
    pressLinks: z.array(ZPressLink).max(50).optional(),
  }),
  z.object({ status: z.literal('cancelled'), cancelReason: z.string().trim().min(1).max(1000) }),
  z.object({ status: z.literal('planned') }),
]);
export type TEventOutcome = z.infer<typeof ZEventOutcome>;

export const ZEventFormInput = z.object({
  nameRu: z.string().trim().min(1).max(100),
  nameKy: z.string().trim().max(100).default(''),
  nameEn: z.string().trim().max(100).default(''),
  isExhibition: z.boolean().default(false),
  sortOrder: z.number().int().min(0).max(10_000).default(100),
  isActive: z.boolean().default(true),
});
export type TEventFormInput = z.infer<typeof ZEventFormInput>;

export const ZMemorableDateInput = z
  .object({
    kind: z.enum(['date', 'theme']),
    title: z.string().trim().min(1).max(300),
    month: z.number().int().min(1).max(12).nullable().default(null),
    day: z.number().int().min(1).max(31).nullable().default(null),
    lengthDays: z.number().int().min(1).max(31).default(1),
    year: z.number().int().min(1900).max(2200).nullable().default(null),
    note: z.string().trim().max(1000).default(''),
  })
  .superRefine((d, ctx) => {
    if (d.kind === 'date') {
      if (d.month === null) ctx.addIssue({ code: 'custom', path: ['month'], message: 'required' });
      if (d.day === null) ctx.addIssue({ code: 'custom', path: ['day'], message: 'required' });
      if (d.month !== null && d.day !== null && d.day > daysInMonth(d.month))
        ctx.addIssue({ code: 'custom', path: ['day'], message: 'date' });
    } else if (d.year === null) ctx.addIssue({ code: 'custom', path: ['year'], message: 'required' });
  });
export type TMemorableDateInput = z.infer<typeof ZMemorableDateInput>;

function daysInMonth(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** A visitor's registration from the portal: a name and a phone or an e-mail. */
export const ZRegistrationInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    phone: z
      .string()
      .trim()
      .max(40)
      .regex(/^[+\d\s()-]*$/, { message: 'phone' })
      .default(''),
    email: z.union([z.literal(''), z.email({ message: 'email' })]).default(''),
  })
  .superRefine((r, ctx) => {
    if (!r.phone && !r.email) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'contact_required' });
  });
export type TRegistrationInput = z.infer<typeof ZRegistrationInput>;
