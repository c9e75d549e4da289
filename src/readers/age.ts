/**
 * Ages and the age groups of library statistics (6-НК): up to 14 inclusive, 15-30, over 30.
 * Pure functions, shared with the staff app.
 */

export type AgeGroup = 'upTo14' | 'from15to30' | 'over30';

/** A reader younger than this needs a guardian, who signs the consent. */
export const GUARDIAN_REQUIRED_UNDER = 14;

function parts(date: string | Date): { y: number; m: number; d: number } {
  if (typeof date === 'string') {
    const [y, m, d] = date.split('-').map(Number);
    return { y: y!, m: m!, d: d! };
  }
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Full years of age on a day (a person born on 29 February turns a year older on 1 March). */
export function ageOn(birthDate: string | Date, on: string | Date = new Date()): number {
  const b = parts(birthDate);
  const o = parts(on);
  let age = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) age -= 1;
  return age;
}

export function ageGroupOfAge(age: number): AgeGroup {
  if (age <= 14) return 'upTo14';
  if (age <= 30) return 'from15to30';
  return 'over30';
}

/**
 * The age group of a reader on a day. After erasure only the birth year is kept: the age is then the
 * one reached during that year, which is what yearly statistics count.
 */
export function ageGroup(
  reader: { birthDate: string | null; birthYear: number },
  on: string | Date = new Date(),
): AgeGroup {
  const age = reader.birthDate ? ageOn(reader.birthDate, on) : parts(on).y - reader.birthYear;
  return ageGroupOfAge(age);
}
