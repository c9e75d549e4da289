/**
 * Puts validation messages where the user looks: client-side zod issues and the server's 422
 * `errors[]` (dotted field paths, messages already translated) become Mantine form field errors.
 */
import type { UseFormReturnType } from '@mantine/form';
import type { z } from 'zod';
import { ApiError } from '../api/client';
import { i18n } from '../i18n/setup';

/** Messages the schemas use as keys for their custom checks (see network.schemas.ts). */
const CUSTOM_MESSAGES = [
  'email',
  'phone',
  'time',
  'date',
  'code',
  'login',
  'password_short',
  'close_after_open',
  'break_both',
  'break_order',
  'break_inside',
  'areas_exceed_total',
  'internet_exceeds_computers',
  'speed_without_internet',
  'passwords_differ',
  'other_network',
  'amount',
  'amount_negative',
  'end_before_start',
  'awarded_required',
  'reported_on_required',
  'lost_with_award',
  'total_below_named',
  'done_on_required',
  'done_on_open',
  'guardian_required',
  'consent_required',
  'birth_date_future',
  'birth_date_past',
  'date_past',
  'card_number',
  'barcode',
  'attendance_exceeds_total',
  'start_before_end',
  'end_after_start',
  'contact_required',
  'query_empty',
  'required',
  'issn_checksum',
  'issn_format',
  'acquired_future',
] as const;
type CustomMessage = (typeof CUSTOM_MESSAGES)[number];
const isCustom = (message: string): message is CustomMessage =>
  (CUSTOM_MESSAGES as readonly string[]).includes(message);

/** One zod issue in the user's language, mirroring how the server words the same problem. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (isCustom(issue.message)) return i18n.t(`validation.${issue.message}`);
  // The server's word for a date with no such day; the field itself names the text typed (dateInputProblem).
  if (issue.message === 'date_impossible') return i18n.t('validation.date_not_in_calendar');
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string')
        return min <= 1 ? i18n.t('validation.required') : i18n.t('validation.too_short', { min });
      if (issue.origin === 'array' && min >= 1) return i18n.t('validation.required');
      return i18n.t('validation.too_small', { min });
    }
    case 'too_big':
      return issue.origin === 'string'
        ? i18n.t('validation.too_long', { max: Number(issue.maximum) })
        : i18n.t('validation.too_big', { max: Number(issue.maximum) });
    case 'invalid_type':
      return issue.expected === 'int' ? i18n.t('validation.not_integer') : i18n.t('validation.required');
    case 'invalid_value':
      return i18n.t('validation.invalid_option');
    case 'invalid_format':
      if (issue.format === 'email') return i18n.t('validation.email');
      if (issue.format === 'uuid') return i18n.t('validation.uuid');
      return i18n.t('validation.invalid');
    default:
      return i18n.t('validation.invalid');
  }
}

export type FieldErrors = Record<string, string>;

/** zod issues → `{ "building.totalArea": "…" }`, first message per field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueMessage(issue);
  }
  return errors;
}

/** Leaf paths of form values; arrays of plain values (multi-selects) are one field. */
export function fieldPaths(values: unknown, prefix = ''): string[] {
  if (Array.isArray(values)) {
    if (!values.some((v) => v !== null && typeof v === 'object')) return [prefix];
    return values.flatMap((v, i) => fieldPaths(v, `${prefix}.${i}`));
  }
  if (values !== null && typeof values === 'object') {
    return Object.entries(values).flatMap(([key, v]) => fieldPaths(v, prefix ? `${prefix}.${key}` : key));
  }
  return [prefix];
}

/** The form field that should show an error reported for `path`, or null when none fits. */
export function placeField(path: string, known: readonly string[]): string | null {
  if (known.includes(path)) return path;
  const child = known.find((k) => k.startsWith(`${path}.`));
  if (child) return child;
  const parts = path.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const parent = parts.slice(0, n).join('.');
    if (known.includes(parent)) return parent;
  }
  return null;
}

/**
 * Shows errors on a form's fields. `rename` maps a schema path to the form's own path where they
 * differ. Returns the messages no field could take, for an alert above the form.
 */
export function showFieldErrors<V>(
  form: UseFormReturnType<V>,
  errors: FieldErrors,
  rename: (path: string) => string = (p) => p,
): string[] {
  const known = fieldPaths(form.getValues());
  const placed: FieldErrors = {};
  const unplaced: string[] = [];
  for (const [path, message] of Object.entries(errors)) {
    const field = placeField(rename(path), known);
    if (field) placed[field] ??= message;
    else unplaced.push(message);
  }
  form.setErrors(placed);
  return unplaced;
}

/** Field errors of a server 422 answer, keyed by the server's dotted path. */
export function apiFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (error instanceof ApiError) for (const e of error.fieldErrors) errors[e.field] ??= e.message;
  return errors;
}
