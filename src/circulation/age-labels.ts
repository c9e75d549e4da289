/**
 * Age labels of information products (436-ФЗ "О защите детей от информации"): 18+ never to a minor,
 * 16+ not to under-16, 12+ not to under-12, 6+ not to under-6. Pure, shared with the staff app.
 */
import type { TAgeLabel } from '../catalog/catalog.schemas';

export const MINIMUM_AGE: Readonly<Record<TAgeLabel, number>> = { '0+': 0, '6+': 6, '12+': 12, '16+': 16, '18+': 18 };

/** The youngest age a copy with this label may be lent to. */
export function minimumAge(label: TAgeLabel | null | undefined): number {
  return label ? MINIMUM_AGE[label] : 0;
}

/** True when a reader of this age may not take a copy with this label without an override. */
export function isBelowAgeLabel(label: TAgeLabel | null | undefined, age: number | null): boolean {
  if (age === null) return false;
  return age < minimumAge(label);
}
