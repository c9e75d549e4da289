/**
 * The catalogue's own refusals, thrown by its services and answered by its routes as problem+json
 * naming the field, with a message in the caller's language.
 */
import { AppError } from '../app/errors';
import type { MessageKey } from '../app/i18n';

export class CatalogError extends Error {
  constructor(
    public readonly status: 409 | 422,
    public readonly code: string,
    public readonly key: MessageKey,
    public readonly field = '',
  ) {
    super(code);
  }
}

/** Unique indexes of the catalogue → the input field a person must change. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  items__barcode: 'barcode',
  items__inventory_number: 'inventoryNumber',
  bib_records__control: 'marc',
};

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = e.code ?? e.cause?.code;
  const constraint = e.constraint ?? e.cause?.constraint;
  return code === '23505' && constraint ? constraint : null;
}

/** Rethrows a catalogue error (or a unique violation of its tables) as the AppError the client gets. */
export function toProblem(error: unknown): never {
  if (error instanceof CatalogError) {
    const fields = error.field ? [{ field: error.field, code: error.code, key: error.key }] : [];
    throw new AppError(error.status, error.code, error.status === 422 ? 'error.validation' : error.key, fields);
  }
  const constraint = uniqueViolation(error);
  const field = constraint ? CONSTRAINT_FIELDS[constraint] : undefined;
  if (field) {
    const key: MessageKey = field === 'barcode' ? 'catalog.barcode_taken' : field === 'inventoryNumber' ? 'catalog.inventory_taken' : 'catalog.control_number_taken';
    throw new AppError(409, 'conflict', key, [{ field, code: 'conflict', key }]);
  }
  throw error;
}
