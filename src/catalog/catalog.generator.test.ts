/** The demo catalogue's generator: plausible records, names and titles whole. */
import { describe, expect, it } from 'vitest';
import { generateRecord } from './catalog.generator';

describe('generateRecord', () => {
  const records = Array.from({ length: 2000 }, (_, i) => generateRecord(i));

  it('names publishers whole ("Детская литература", never "литература" alone)', () => {
    const publishers = new Set(records.map((r) => r.form.publisher));
    expect(publishers).toContain('Детская литература');
    expect(publishers).toContain('Художественная литература');
    for (const p of publishers) expect(p).toMatch(/^\p{Lu}/u);
  });

  it('ends a title like "История …" with a whole phrase ("История моего села", never "История моего")', () => {
    const titles = new Set(records.map((r) => r.form.title));
    expect(titles).toContain('История моего села');
    for (const t of titles) expect(t).not.toMatch(/ (моего|нашего|старого)$|^\S+ (села|края|города)$/);
  });

  it('is the same for the same index and seed', () => {
    expect(generateRecord(17)).toEqual(generateRecord(17));
    expect(generateRecord(17, 2)).not.toEqual(generateRecord(17));
  });
});
