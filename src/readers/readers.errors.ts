/** The readers domain's refusals as problem+json, and its unique indexes mapped to the field to change. */
import { AppError } from '../app/errors';
import type { MessageKey } from '../app/i18n';

export const fieldProblem = (field: string, code: string, key: MessageKey, status = 422) =>
  new AppError(status, status === 422 ? 'validation_failed' : code, status === 422 ? 'error.validation' : key, [
    { field, code, key },
  ]);

export const readerProblem = (status: number, code: string, key: MessageKey) => new AppError(status, code, key);

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint;
  return code === '23505' && constraint ? constraint : null;
}

/** Rethrows a unique violation of the readers' tables as the AppError a person understands. */
export function toReaderProblem(error: unknown): never {
  const constraint = uniqueViolation(error);
  if (constraint === 'readers__card_number') throw fieldProblem('cardNumber', 'card_taken', 'readers.card_taken', 409);
  if (constraint === 'reader_registrations__reader_library_year')
    throw readerProblem(409, 'already_registered', 'readers.already_registered');
  if (constraint === 'reader_categories__network_name')
    throw fieldProblem('name', 'conflict', 'readers.category_taken', 409);
  throw error;
}
