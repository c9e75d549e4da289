/**
 * The passport as the edit form holds it, and back. Paths are the same as in `ZPassportData`
 * (e.g. `building.totalArea`, `hours.mon.close`), so validation messages land on their fields as is.
 */
import { WEEKDAYS, type TPassportData, type TWeekday } from '../network.schemas';

/** What a number field holds: a number, or '' while empty. */
export type NumberField = number | '';

export interface DayHoursForm {
  isOpen: boolean;
  open: string;
  close: string;
  breakFrom: string;
  breakTo: string;
}

export interface PassportFormValues {
  address: string;
  lat: NumberField;
  lon: NumberField;
  phone: string;
  email: string;
  hours: Record<TWeekday, DayHoursForm>;
  hoursNote: string;
  building: {
    totalArea: NumberField;
    storageArea: NumberField;
    serviceArea: NumberField;
    tenure: TPassportData['building']['tenure'];
    condition: TPassportData['building']['condition'];
    isHeritage: boolean;
  };
  seats: NumberField;
  computers: { forUsers: NumberField; withInternet: NumberField };
  internet: { has: boolean; speedMbps: NumberField };
  automation: TPassportData['automation'];
  accessibility: TPassportData['accessibility'];
  vehicles: NumberField;
  staffHeadcount: NumberField;
}

/** A closed day still offers usual hours, so opening it needs one click, not four fields. */
const USUAL_DAY: DayHoursForm = { isOpen: false, open: '09:00', close: '18:00', breakFrom: '', breakTo: '' };

const toField = (value: number | null): NumberField => value ?? '';
/** Empty nullable numbers are "unknown" (null). */
const toNullable = (value: NumberField): number | null => (value === '' ? null : value);
/** Empty counts are left out, so the schema's default (0) applies. */
const toCount = (value: NumberField): number | undefined => (value === '' ? undefined : value);

export function toFormValues(data: TPassportData): PassportFormValues {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const h = data.hours[day];
      return [
        day,
        h
          ? { isOpen: true, open: h.open, close: h.close, breakFrom: h.breakFrom ?? '', breakTo: h.breakTo ?? '' }
          : USUAL_DAY,
      ];
    }),
  ) as Record<TWeekday, DayHoursForm>;
  return {
    address: data.address,
    lat: toField(data.lat),
    lon: toField(data.lon),
    phone: data.phone,
    email: data.email,
    hours,
    hoursNote: data.hoursNote,
    building: {
      ...data.building,
      totalArea: toField(data.building.totalArea),
      storageArea: toField(data.building.storageArea),
      serviceArea: toField(data.building.serviceArea),
    },
    seats: data.seats,
    computers: { ...data.computers },
    internet: { has: data.internet.has, speedMbps: toField(data.internet.speedMbps) },
    automation: { ...data.automation },
    accessibility: { ...data.accessibility },
    vehicles: data.vehicles,
    staffHeadcount: data.staffHeadcount,
  };
}

/** The form's values as the input of `ZPassportData` (not yet validated). */
export function toPassportInput(values: PassportFormValues): unknown {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const h = values.hours[day];
      return [
        day,
        h.isOpen ? { open: h.open, close: h.close, breakFrom: h.breakFrom || null, breakTo: h.breakTo || null } : null,
      ];
    }),
  );
  return {
    address: values.address,
    lat: toNullable(values.lat),
    lon: toNullable(values.lon),
    phone: values.phone,
    email: values.email.trim(),
    hours,
    hoursNote: values.hoursNote,
    building: {
      ...values.building,
      totalArea: toNullable(values.building.totalArea),
      storageArea: toNullable(values.building.storageArea),
      serviceArea: toNullable(values.building.serviceArea),
    },
    seats: toCount(values.seats),
    computers: { forUsers: toCount(values.computers.forUsers), withInternet: toCount(values.computers.withInternet) },
    // A speed typed before unticking "has Internet" is not kept: the switch is the user's answer.
    internet: {
      has: values.internet.has,
      speedMbps: values.internet.has ? toNullable(values.internet.speedMbps) : null,
    },
    automation: values.automation,
    accessibility: values.accessibility,
    vehicles: toCount(values.vehicles),
    staffHeadcount: toCount(values.staffHeadcount),
  };
}

/** A test id for each field, derived from its path: `building.totalArea` → `passport-building-totalArea`. */
export const passportTestId = (path: string) => `passport-${path.replaceAll('.', '-')}`;
