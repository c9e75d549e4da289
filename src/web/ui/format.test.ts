/** Dates typed into the staff app: an impossible day is refused, never rolled over to the next month. */
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';

// The staff app's i18n setup reads the browser's storage; formatting needs only the language.
vi.mock('../i18n/setup', () => ({ currentLanguage: () => 'ru' }));
const { dateInputProblem, parseDateInput } = await import('./format');

describe('parseDateInput', () => {
  it('reads DD.MM.YYYY, D.M.YYYY and ISO as YYYY-MM-DD', () => {
    expect(parseDateInput('07.03.2026')).toBe('2026-03-07');
    expect(parseDateInput(' 7.3.2026 ')).toBe('2026-03-07');
    expect(parseDateInput('2026-03-07')).toBe('2026-03-07');
    expect(parseDateInput('29.02.2024')).toBe('2024-02-29');
  });

  it('refuses a day the calendar has not got rather than moving it to the next month', () => {
    expect(parseDateInput('30.02.2026')).toBeNull();
    expect(parseDateInput('29.02.2026')).toBeNull();
    expect(parseDateInput('31.04.2026')).toBeNull();
    expect(parseDateInput('2026-02-30')).toBeNull();
    expect(parseDateInput('32.01.2026')).toBeNull();
    expect(parseDateInput('15.13.2026')).toBeNull();
    expect(parseDateInput('00.01.2026')).toBeNull();
  });

  it('refuses what is not a date', () => {
    for (const text of ['', '30.02', '2026', 'вчера', '1.1.26', '2026-3-7']) expect(parseDateInput(text)).toBeNull();
  });
});

describe('dateInputProblem', () => {
  it('tells an impossible date from unfinished or mistyped text, and is silent for a date or nothing', () => {
    expect(dateInputProblem('30.02.2026')).toBe('impossible');
    expect(dateInputProblem('2026-04-31')).toBe('impossible');
    expect(dateInputProblem('30.0')).toBe('format');
    expect(dateInputProblem('завтра')).toBe('format');
    expect(dateInputProblem('28.02.2026')).toBeNull();
    expect(dateInputProblem('  ')).toBeNull();
  });
});

describe('the staff app\'s dayjs', () => {
  it('reads a date strictly by its format once the app is set up (customParseFormat loaded)', async () => {
    vi.doUnmock('../i18n/setup');
    // What i18n/setup.ts reads of the browser at start.
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
    vi.stubGlobal('navigator', { language: 'ru-RU' });
    vi.stubGlobal('document', { documentElement: { lang: '' } });
    try {
      await import('../i18n/setup');
      expect(dayjs('30.02.2026', 'DD.MM.YYYY', true).isValid()).toBe(false);
      expect(dayjs('28.02.2026', 'DD.MM.YYYY', true).format('YYYY-MM-DD')).toBe('2026-02-28');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
