/**
 * Loan rules: which rule applies to a loan, and the due date it gives. Pure functions, so the desk's
 * hot path resolves a rule from the rows it already fetched and tests need no database.
 */
import type { TLoanRuleValues } from './circulation.schemas';

export interface LoanRuleRow extends TLoanRuleValues {
  libraryId: string | null;
  readerCategoryId: string | null;
  itemType: string | null;
}

/** What applies when a network has not written its own default. */
export const BUILT_IN_RULE: TLoanRuleValues = { loanDays: 14, maxItems: 10, maxRenewals: 2, holdsAllowed: true };

export interface LoanSituation {
  libraryId: string;
  readerCategoryId: string | null;
  itemType: string;
}

/**
 * The most specific rule matching the situation: a rule matches when each of its set fields equals the
 * situation's; the library weighs most, then the reader category, then the item type, so
 * "this branch" beats "schoolchildren" beats "periodicals", and any override beats the network default.
 */
export function resolveLoanRule(rules: readonly LoanRuleRow[], s: LoanSituation): TLoanRuleValues {
  let best: LoanRuleRow | null = null;
  let bestScore = -1;
  for (const rule of rules) {
    if (rule.libraryId !== null && rule.libraryId !== s.libraryId) continue;
    if (rule.readerCategoryId !== null && rule.readerCategoryId !== s.readerCategoryId) continue;
    if (rule.itemType !== null && rule.itemType !== s.itemType) continue;
    const score = (rule.libraryId ? 4 : 0) + (rule.readerCategoryId ? 2 : 0) + (rule.itemType ? 1 : 0);
    if (score > bestScore) {
      best = rule;
      bestScore = score;
    }
  }
  if (!best) return BUILT_IN_RULE;
  return { loanDays: best.loanDays, maxItems: best.maxItems, maxRenewals: best.maxRenewals, holdsAllowed: best.holdsAllowed };
}

/** A calendar day (YYYY-MM-DD) plus a number of days. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The due date of a loan made (or renewed) on a day: the rule's loan period, counted from that day. */
export function dueDateFor(rule: TLoanRuleValues, on: string): string {
  return addDays(on, rule.loanDays);
}

/** Renewal extends from today or from the due date, whichever is later, so renewing early loses nothing. */
export function renewedDueDate(rule: TLoanRuleValues, currentDue: string, today: string): string {
  return addDays(currentDue > today ? currentDue : today, rule.loanDays);
}
