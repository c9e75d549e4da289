/**
 * The desk's refusals: each has a stable code and a message in the librarian's language that says
 * what is wrong and what to do, shown as the problem's title.
 */
import { AppError } from '../app/errors';
import type { MessageKey } from '../app/i18n';

type CirculationCode =
  | 'unknown_barcode'
  | 'unknown_card'
  | 'already_on_loan'
  | 'not_available'
  | 'withheld'
  | 'record_withheld'
  | 'held_for_other'
  | 'reader_blocked'
  | 'registration_expired'
  | 'reader_erased'
  | 'other_network'
  | 'age_label'
  | 'max_items'
  | 'loans_not_allowed'
  | 'max_renewals'
  | 'renew_has_holds'
  | 'renew_overdue_blocked'
  | 'not_on_loan'
  | 'undo_expired'
  | 'undo_not_possible'
  | 'holds_not_allowed'
  | 'hold_exists'
  | 'hold_closed'
  | 'no_copies'
  | 'not_in_transit'
  | 'not_at_point'
  | 'collection_returned'
  | 'no_email'
  | 'mail_off';

const STATUS: Partial<Record<CirculationCode, number>> = {
  unknown_barcode: 404,
  unknown_card: 404,
};

/** A refusal of the desk: 409 (or 404 for an unknown barcode or card), code and message named alike. */
export function circulationError(code: CirculationCode, field = '', params: Record<string, string | number> = {}): AppError {
  const key = `circulation.${code}` as MessageKey;
  return new AppError(STATUS[code] ?? 409, code, key, field ? [{ field, code, key, params }] : [], params);
}

function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint };
}

/** Unique indexes of circulation that a race can hit → the refusal the desk shows. */
const CONSTRAINT_ERRORS: Record<string, () => AppError> = {
  loans__open_item: () => circulationError('already_on_loan', 'barcode'),
  holds__active_reader_record: () => circulationError('hold_exists', 'recordId'),
  holds__active_item: () => circulationError('held_for_other', 'barcode'),
};

/** Rethrows a unique violation of circulation's invariants as the desk's clear refusal. */
export function toCirculationProblem(error: unknown): never {
  const { code, constraint } = pgError(error);
  const make = code === '23505' && constraint ? CONSTRAINT_ERRORS[constraint] : undefined;
  if (make) throw make();
  throw error;
}
