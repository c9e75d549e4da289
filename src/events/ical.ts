/**
 * iCalendar (RFC 5545) feeds of public events, so a reader's phone or Google/Outlook calendar shows
 * the library's events. Times are written in UTC (no VTIMEZONE needed); an event without a time is an
 * all-day event. UIDs are the events' ids, so a changed event replaces itself in subscribers' calendars.
 */
import { zonedToUtc } from './zoned-time';

export interface IcalEvent {
  id: string;
  title: string;
  description: string;
  /** The day: the day held, or planned. */
  day: string;
  startTime: string | null;
  endTime: string | null;
  timeZone: string;
  location: string;
  url: string;
  status: 'planned' | 'held' | 'cancelled';
  category: string;
  updatedAt: Date;
  createdAt: Date;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, and a
 * UTF-8 character is never split across lines.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const pad = (n: number) => String(n).padStart(2, '0');

function utcStamp(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const STATUS = { planned: 'CONFIRMED', held: 'CONFIRMED', cancelled: 'CANCELLED' } as const;

function eventLines(event: IcalEvent, now: Date): string[] {
  const lines = ['BEGIN:VEVENT', `UID:event-${event.id}@kitepkana`, `DTSTAMP:${utcStamp(now)}`];
  if (event.startTime) {
    lines.push(`DTSTART:${utcStamp(zonedToUtc(event.day, event.startTime, event.timeZone))}`);
    if (event.endTime) lines.push(`DTEND:${utcStamp(zonedToUtc(event.day, event.endTime, event.timeZone))}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${event.day.replaceAll('-', '')}`, `DTEND;VALUE=DATE:${nextDay(event.day).replaceAll('-', '')}`);
  }
  lines.push(
    `SUMMARY:${escapeText(event.title)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.category ? [`CATEGORIES:${escapeText(event.category)}`] : []),
    `URL:${event.url}`,
    `STATUS:${STATUS[event.status]}`,
    `CREATED:${utcStamp(event.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(event.updatedAt)}`,
    // Changes increase SEQUENCE so calendars accept the newer version; seconds since creation only grow.
    `SEQUENCE:${Math.max(0, Math.floor((event.updatedAt.getTime() - event.createdAt.getTime()) / 1000))}`,
    'END:VEVENT',
  );
  return lines;
}

/** A whole VCALENDAR; lines end with CRLF as the standard demands. */
export function buildCalendar(name: string, events: readonly IcalEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Kitepkana//Library events//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((e) => eventLines(e, now)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
