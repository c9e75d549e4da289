/** Languages of documents by their MARC codes, named in the staff member's language. */
import type { TFunction } from 'i18next';

/** The languages the staff app names; the catalogue may hold others, shown by their code. */
export const LANGUAGE_CODES = ['rus', 'kir', 'eng', 'kaz', 'uzb', 'ger', 'fre'] as const;

/** "русский" for `rus`; a code the app has no name for is shown as it is. */
export function languageName(t: TFunction, code: string): string {
  return (LANGUAGE_CODES as readonly string[]).includes(code) ? t(`languageName.${code as 'rus'}`) : code;
}
