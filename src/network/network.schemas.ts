/** Shared zod schemas of the network domain: used by the API and by the staff app's forms. */
import { z } from 'zod';

export const ZLibraryKind = z.enum(['central', 'branch', 'children', 'other']);
export const ZServicePointKind = z.enum([
  'deposit_camp',
  'deposit_school',
  'deposit_farm',
  'deposit_other',
  'mobile_stop',
  'home_delivery',
]);
export const ZMunicipalityKind = z.enum(['aiyl_okmotu', 'city', 'mo', 'district']);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type TWeekday = (typeof WEEKDAYS)[number];

const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'time' });

/** Opening hours of one weekday; null means the library is closed that day. */
export const ZDayHours = z
  .object({
    open: ZTime,
    close: ZTime,
    breakFrom: ZTime.nullable().default(null),
    breakTo: ZTime.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    if (d.close <= d.open) ctx.addIssue({ code: 'custom', path: ['close'], message: 'close_after_open' });
    if ((d.breakFrom === null) !== (d.breakTo === null))
      ctx.addIssue({ code: 'custom', path: ['breakTo'], message: 'break_both' });
    if (d.breakFrom && d.breakTo) {
      if (d.breakTo <= d.breakFrom) ctx.addIssue({ code: 'custom', path: ['breakTo'], message: 'break_order' });
      if (d.breakFrom < d.open || d.breakTo > d.close)
        ctx.addIssue({ code: 'custom', path: ['breakFrom'], message: 'break_inside' });
    }
  })
  .nullable();

const area = z.number().min(0).max(100000).nullable().default(null);
const count = z.number().int().min(0).max(100000).default(0);

export const ZPassportData = z
  .object({
    address: z.string().trim().max(300).default(''),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    phone: z
      .string()
      .trim()
      .max(60)
      .regex(/^[+\d\s()\-,;]*$/, { message: 'phone' })
      .default(''),
    email: z.union([z.literal(''), z.email({ message: 'email' })]).default(''),
    hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayHours])) as Record<TWeekday, typeof ZDayHours>),
    hoursNote: z.string().trim().max(300).default(''),
    building: z
      .object({
        totalArea: area,
        storageArea: area,
        serviceArea: area,
        tenure: z.enum(['own', 'rented', 'other']).default('own'),
        condition: z.enum(['good', 'needs_repair', 'emergency']).default('good'),
        isHeritage: z.boolean().default(false),
      })
      .superRefine((b, ctx) => {
        const parts = (b.storageArea ?? 0) + (b.serviceArea ?? 0);
        if (b.totalArea !== null && parts > b.totalArea)
          ctx.addIssue({ code: 'custom', path: ['serviceArea'], message: 'areas_exceed_total' });
      }),
    seats: count,
    computers: z
      .object({ forUsers: count, withInternet: count })
      .superRefine((c, ctx) => {
        if (c.withInternet > c.forUsers)
          ctx.addIssue({ code: 'custom', path: ['withInternet'], message: 'internet_exceeds_computers' });
      }),
    internet: z
      .object({ has: z.boolean().default(false), speedMbps: z.number().min(0).max(100000).nullable().default(null) })
      .superRefine((i, ctx) => {
        if (!i.has && i.speedMbps) ctx.addIssue({ code: 'custom', path: ['speedMbps'], message: 'speed_without_internet' });
      }),
    automation: z.object({
      catalogue: z.boolean().default(false),
      loans: z.boolean().default(false),
      visitorCount: z.boolean().default(false),
      accounting: z.boolean().default(false),
    }),
    accessibility: z.object({
      vision: z.boolean().default(false),
      hearing: z.boolean().default(false),
      mobility: z.boolean().default(false),
    }),
    vehicles: count,
    staffHeadcount: z.number().min(0).max(10000).default(0),
  })
  .strict();
export type TPassportData = z.infer<typeof ZPassportData>;

export const ZChecklistItem = z.object({
  key: z.string().trim().min(1).max(60),
  label: z.string().trim().min(1).max(200),
});
export type TChecklistItem = z.infer<typeof ZChecklistItem>;

export const ZCheckResult = z.object({
  key: z.string().trim().min(1).max(60),
  isMet: z.boolean(),
  note: z.string().trim().max(500).default(''),
});
export type TCheckResult = z.infer<typeof ZCheckResult>;

const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date' });

export const ZLibraryInput = z.object({
  kind: ZLibraryKind,
  number: z.number().int().min(1).max(9999).nullable().default(null),
  name: z.string().trim().min(1).max(200),
  settlement: z.string().trim().max(120).default(''),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, { message: 'code' }),
  isActive: z.boolean().default(true),
  municipalityIds: z.array(z.uuid()).max(50).default([]),
});
export type TLibraryInput = z.infer<typeof ZLibraryInput>;

export const ZMunicipalityInput = z.object({
  kind: ZMunicipalityKind,
  name: z.string().trim().min(1).max(200),
  headName: z.string().trim().max(200).default(''),
  headTitle: z.string().trim().max(200).default(''),
  address: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(60).default(''),
  email: z.union([z.literal(''), z.email({ message: 'email' })]).default(''),
  population: z.number().int().min(0).max(100000000).nullable().default(null),
  populationYear: z.number().int().min(1900).max(2200).nullable().default(null),
});
export type TMunicipalityInput = z.infer<typeof ZMunicipalityInput>;

export const ZServicePointInput = z.object({
  kind: ZServicePointKind,
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).default(''),
  contact: z.string().trim().max(200).default(''),
  isSeasonal: z.boolean().default(false),
  isActive: z.boolean().default(true),
});
export type TServicePointInput = z.infer<typeof ZServicePointInput>;

export const ZChecklistInput = z.object({
  name: z.string().trim().min(1).max(200),
  items: z.array(ZChecklistItem).min(1).max(100),
  isActive: z.boolean().default(true),
});
export type TChecklistInput = z.infer<typeof ZChecklistInput>;

export const ZMonitoringCheckInput = z.object({
  checklistId: z.uuid(),
  checkedOn: ZIsoDate,
  inspector: z.string().trim().min(1).max(200),
  results: z.array(ZCheckResult).max(100),
  findings: z.string().trim().max(5000).default(''),
  followUp: z.string().trim().max(5000).default(''),
  followUpDue: ZIsoDate.nullable().default(null),
  isFollowUpDone: z.boolean().default(false),
});
export type TMonitoringCheckInput = z.infer<typeof ZMonitoringCheckInput>;

/** An empty passport: every weekday closed, nothing known yet. */
export function emptyPassport(): TPassportData {
  return ZPassportData.parse({
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, null])),
    building: {},
    computers: {},
    internet: {},
    automation: {},
    accessibility: {},
  });
}

export const ZRegionInput = z.object({ name: z.string().trim().min(1).max(200) });
export type TRegionInput = z.infer<typeof ZRegionInput>;

export const ZNetworkInput = z.object({
  regionId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().min(1).max(60),
  country: z.enum(['KG', 'RU']).default('KG'),
});
export type TNetworkInput = z.infer<typeof ZNetworkInput>;
