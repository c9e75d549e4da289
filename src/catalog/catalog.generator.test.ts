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

  it('makes a Russian adjective agree with its noun ("Красное детство", "Последняя дорога", never "Красный детство")', () => {
    const feminine = /^(дорога|степь|река|судьба|память|любовь|родина|земля|весна|осень|песня)$/;
    const neuter = /^(время|детство|небо|озеро)$/;
    const pairs = records
      .filter((r) => r.form.language !== 'kir')
      .map((r) => r.form.title.toLowerCase().split(' '))
      .filter((words) => words.length === 2 && /(ый|ий|ой|ая|яя|ое|ее)$/.test(words[0]!));
    expect(pairs.length).toBeGreaterThan(200);
    for (const [adjective, noun] of pairs) {
      const endings = feminine.test(noun!) ? 'ая|яя' : neuter.test(noun!) ? 'ое|ее' : 'ый|ий|ой';
      expect(`${adjective} ${noun}`).toMatch(new RegExp(`(${endings}) ${noun}$`));
    }
  });

  it('makes a Kyrgyz title an adjective and a noun, sometimes "… жана" another noun ("Көк асман жана тоолор")', () => {
    const kyrgyz = records.filter((r) => r.form.language === 'kir').map((r) => r.form.title);
    expect(kyrgyz.length).toBeGreaterThan(300);
    for (const title of kyrgyz) expect(title).toMatch(/^\p{Lu}\p{Ll}* \p{Ll}+( жана \p{Ll}+)?$/u);
    expect(kyrgyz.some((t) => t.includes(' жана '))).toBe(true);
    // An adjective never stands where a noun does: not "Асман жол жана жаңы".
    for (const title of kyrgyz) expect(title).not.toMatch(/ (ак|көк|кызыл|улуу|жаңы)( |$)/);
  });

  it('is the same for the same index and seed', () => {
    expect(generateRecord(17)).toEqual(generateRecord(17));
    expect(generateRecord(17, 2)).not.toEqual(generateRecord(17));
  });
});
