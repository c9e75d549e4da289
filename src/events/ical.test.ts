/** The iCalendar writer: folding, escaping, UTC times, all-day events, stable UIDs. */
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, type IcalEvent } from './ical';
import { localToday, zonedToUtc, zoneOffsetAt } from './zoned-time';

const base: IcalEvent = {
  id: '7d4b2c1e-0000-4000-8000-000000000001',
  title: 'Нооруз: праздник весны',
  description: '',
  day: '2026-03-21',
  startTime: '11:00',
  endTime: '13:00',
  timeZone: 'Asia/Bishkek',
  location: 'Филиал № 5, с. Кара-Булак',
  url: 'https://lib.example/events/7d4b2c1e-0000-4000-8000-000000000001',
  status: 'planned',
  category: 'Праздник',
  createdAt: new Date('2026-01-10T08:00:00Z'),
  updatedAt: new Date('2026-01-10T08:00:30Z'),
};

describe('iCalendar', () => {
  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('Айтматов; «Джамиля», \\ строка\nвторая')).toBe('Айтматов\\; «Джамиля»\\, \\\\ строка\\nвторая');
  });

  it('folds lines at 75 octets without splitting a Cyrillic letter', () => {
    const line = `SUMMARY:${'Ө'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, part] of parts.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(folded).not.toContain('\uFFFD');
  });

  it('writes local times as UTC, all-day events as dates, and one stable UID per event', () => {
    const ics = buildCalendar('Кеминская ЦБС', [base, { ...base, id: 'x-2', startTime: null, endTime: null, status: 'cancelled' }], new Date('2026-02-01T00:00:00Z'));
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    expect(ics).toContain('DTSTART:20260321T050000Z\r\n');
    expect(ics).toContain('DTEND:20260321T070000Z\r\n');
    expect(ics).toContain('UID:event-7d4b2c1e-0000-4000-8000-000000000001@kitepkana\r\n');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260321\r\nDTEND;VALUE=DATE:20260322\r\n');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('LOCATION:Филиал № 5\\, с. Кара-Булак');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
  });

  it('converts zones with daylight saving and without', () => {
    expect(zonedToUtc('2026-07-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedToUtc('2026-01-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T11:00:00.000Z');
    expect(zonedToUtc('2026-07-01', '12:00', 'Asia/Novokuznetsk').toISOString()).toBe('2026-07-01T05:00:00.000Z');
    expect(zoneOffsetAt('2026-05-09', '10:00', 'Asia/Bishkek')).toBe('+06:00');
    expect(localToday('Asia/Bishkek', new Date('2026-03-20T19:30:00Z'))).toBe('2026-03-21');
  });
});
