/** Local wall-clock time in an IANA zone ↔ UTC, with Intl only (no time-zone library needed). */

function zoneOffsetMinutes(utcMillis: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMillis) / 60000);
}

/** The instant at which the wall clock in `timeZone` shows `date` ("2026-03-21") and `time` ("14:00"). */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let utc = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
  // A second pass settles times next to a daylight-saving change.
  utc = wall - zoneOffsetMinutes(utc, timeZone) * 60000;
  return new Date(utc);
}

/** "+06:00" for the zone at that local time, for ISO 8601 strings with an offset. */
export function zoneOffsetAt(date: string, time: string, timeZone: string): string {
  const minutes = zoneOffsetMinutes(zonedToUtc(date, time, timeZone).getTime(), timeZone);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Today's date ("2026-03-21") on the wall calendar of `timeZone`. */
export function localToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
