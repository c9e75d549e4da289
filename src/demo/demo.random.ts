/**
 * A tiny seeded generator, so the demo looks varied yet is the same on every machine and every load:
 * screenshots, manuals and tests can refer to "филиал № 13 is in an emergency building".
 */
import { mulberry32 } from '../app/seeded-random';

/** FNV-1a: turns a library code into a seed. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The demo's generator for a library code (or any text). */
export function rngFor(text: string): Rng {
  const next = mulberry32(seedOf(text));
  // Codes differ in a character or two: the first outputs of nearby seeds are alike, so skip them.
  for (let i = 0; i < 4; i++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (p) => next() < p,
  };
}

/** A date `days` before today as YYYY-MM-DD (UTC), so checks always lie in the past. */
export function daysAgo(days: number, from = new Date()): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
