import { describe, expect, it } from 'vitest';
import { ageGroup, ageGroupOfAge, ageOn } from './age';
import { ZReaderUpdate } from './readers.schemas';

describe('ages and age groups', () => {
  it('counts full years, birthdays included', () => {
    expect(ageOn('2012-03-15', '2026-03-14')).toBe(13);
    expect(ageOn('2012-03-15', '2026-03-15')).toBe(14);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('groups as library statistics do: up to 14 inclusive, 15-30, over 30', () => {
    expect(ageGroupOfAge(0)).toBe('upTo14');
    expect(ageGroupOfAge(14)).toBe('upTo14');
    expect(ageGroupOfAge(15)).toBe('from15to30');
    expect(ageGroupOfAge(30)).toBe('from15to30');
    expect(ageGroupOfAge(31)).toBe('over30');
    expect(ageGroup({ birthDate: '2011-12-31', birthYear: 2011 }, '2026-06-01')).toBe('upTo14');
    expect(ageGroup({ birthDate: '2011-01-01', birthYear: 2011 }, '2026-06-01')).toBe('from15to30');
  });

  it('uses the birth year alone once the birth date is erased', () => {
    expect(ageGroup({ birthDate: null, birthYear: 1995 }, '2026-01-10')).toBe('over30');
    expect(ageGroup({ birthDate: null, birthYear: 2012 }, '2026-01-10')).toBe('upTo14');
  });
});

describe('guardian rule', () => {
  const base = { surname: 'Асанова', firstName: 'Айгүл', categoryId: '5f0c7a64-2b3e-4f5e-8a1b-3c4d5e6f7a8b' };
  const birthYearsAgo = (years: number) => {
    const d = new Date();
    return `${d.getUTCFullYear() - years}-01-01`;
  };

  it('asks for a guardian under 14 only', () => {
    const child = ZReaderUpdate.safeParse({ ...base, birthDate: birthYearsAgo(10) });
    expect(child.success).toBe(false);
    expect(child.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['guardianName', 'guardian_required'],
      ['guardianRelation', 'guardian_required'],
      ['guardianPhone', 'guardian_required'],
    ]);
    const withGuardian = ZReaderUpdate.safeParse({
      ...base,
      birthDate: birthYearsAgo(10),
      guardianName: 'Асанова Гүлнара',
      guardianRelation: 'мать',
      guardianPhone: '+996 555 010203',
    });
    expect(withGuardian.success).toBe(true);
    expect(ZReaderUpdate.safeParse({ ...base, birthDate: birthYearsAgo(16) }).success).toBe(true);
  });

  it('refuses a birth date in the future', () => {
    const res = ZReaderUpdate.safeParse({ ...base, birthDate: `${new Date().getUTCFullYear() + 1}-01-01` });
    expect(res.error?.issues[0]?.message).toBe('birth_date_future');
  });
});
