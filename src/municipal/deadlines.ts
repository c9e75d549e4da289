/** Deadlines of reference requests: answered within a few working days unless the official wants a date. */

/** Working days the centre takes when the official names no date (a virtual reference service answers in 1-4). */
export const DEFAULT_WORKING_DAYS = 3;

/** YYYY-MM-DD of a moment, as a calendar day in UTC. */
export function isoDay(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** The day `days` working days (Monday-Friday) after `from`. */
export function addWorkingDays(from: Date, days: number): string {
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return isoDay(d);
}

/** The deadline of a request received at `receivedAt`: the wanted-by date, else the default. */
export function dueDateFor(receivedAt: Date, wantedBy: string | null | undefined): string {
  return wantedBy ?? addWorkingDays(receivedAt, DEFAULT_WORKING_DAYS);
}

/** Whether a request still waiting for an answer has passed its deadline on `today`. */
export function isOverdue(r: { status: string; dueOn: string }, today: string): boolean {
  return (r.status === 'new' || r.status === 'in_progress') && r.dueOn < today;
}
