/** Test factories of the readers domain (random unique values), usable by other domains' tests. */
import { randomInt } from 'node:crypto';
import type { Db } from '../app/db';
import { SYSTEM_ACTOR } from '../audit';
import type { Library } from '../network';
import { findCategoryByCode } from './categories.service';
import { ZReaderRegistration, type TReaderRegistration } from './readers.schemas';
import { registerReader } from './readers.service';
import { uniq } from '../test/factories';

const SURNAMES = ['Асанова', 'Токтогулов', 'Иванова', 'Үсөнова', 'Бекмуратов', 'Ёлкина', 'Жээнбеков'];
const NAMES = ['Айгүл', 'Нурлан', 'Мария', 'Бактыгүл', 'Эрмек', 'Алёна', 'Чыңгыз'];

/** A birth date `years` years (and a few days) ago. */
export function birthDateYearsAgo(years: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate()));
  d.setUTCDate(d.getUTCDate() - 10);
  return d.toISOString().slice(0, 10);
}

/** A valid registration body for an adult reader at the library (random unique surname). */
export async function readerInput(db: Db, lib: Library, overrides: Partial<TReaderRegistration> = {}) {
  const category = await findCategoryByCode(db, lib.networkId, 'other');
  return ZReaderRegistration.parse({
    surname: `${SURNAMES[randomInt(SURNAMES.length)]}-${uniq()}`,
    firstName: NAMES[randomInt(NAMES.length)],
    patronymic: '',
    birthDate: birthDateYearsAgo(20 + randomInt(50)),
    categoryId: category!.id,
    phone: `+996 555 ${randomInt(100000, 999999)}`,
    libraryId: lib.id,
    consentGiven: true,
    ...overrides,
  });
}

export async function buildReader(db: Db, lib: Library, overrides: Partial<TReaderRegistration> = {}) {
  return registerReader(db, SYSTEM_ACTOR, lib, await readerInput(db, lib, overrides));
}
