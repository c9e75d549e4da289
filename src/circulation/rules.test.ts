/** Loan rules resolve to the most specific match; due dates, renewals and age labels are plain arithmetic. */
import { describe, expect, it } from 'vitest';
import { isBelowAgeLabel } from './age-labels';
import { canMove } from './item-status';
import { BUILT_IN_RULE, addDays, dueDateFor, renewedDueDate, resolveLoanRule, type LoanRuleRow } from './rules';

const rule = (over: Partial<LoanRuleRow>): LoanRuleRow => ({
  libraryId: null, readerCategoryId: null, itemType: null, loanDays: 30, maxItems: 5, maxRenewals: 1, holdsAllowed: true, ...over,
});

describe('loan rules', () => {
  const rules = [
    rule({ loanDays: 30 }),
    rule({ itemType: 'periodical', loanDays: 7 }),
    rule({ readerCategoryId: 'pupil', loanDays: 14, maxItems: 3 }),
    rule({ readerCategoryId: 'pupil', itemType: 'periodical', loanDays: 3 }),
    rule({ libraryId: 'rural', loanDays: 21 }),
    rule({ libraryId: 'rural', readerCategoryId: 'pupil', loanDays: 10, holdsAllowed: false }),
  ];

  it('uses the network default when nothing more specific matches', () => {
    expect(resolveLoanRule(rules, { libraryId: 'central', readerCategoryId: 'teacher', itemType: 'book' }).loanDays).toBe(30);
  });

  it('prefers library over category over item type, and combinations over single fields', () => {
    expect(resolveLoanRule(rules, { libraryId: 'central', readerCategoryId: 'teacher', itemType: 'periodical' }).loanDays).toBe(7);
    expect(resolveLoanRule(rules, { libraryId: 'central', readerCategoryId: 'pupil', itemType: 'book' })).toMatchObject({ loanDays: 14, maxItems: 3 });
    expect(resolveLoanRule(rules, { libraryId: 'central', readerCategoryId: 'pupil', itemType: 'periodical' }).loanDays).toBe(3);
    expect(resolveLoanRule(rules, { libraryId: 'rural', readerCategoryId: 'teacher', itemType: 'periodical' }).loanDays).toBe(21);
    expect(resolveLoanRule(rules, { libraryId: 'rural', readerCategoryId: 'pupil', itemType: 'periodical' })).toMatchObject({ loanDays: 10, holdsAllowed: false });
  });

  it('falls back to the built-in rule for a network without rules', () => {
    expect(resolveLoanRule([], { libraryId: 'x', readerCategoryId: null, itemType: 'book' })).toEqual(BUILT_IN_RULE);
  });

  it('counts due dates in calendar days, across months and leap years', () => {
    expect(dueDateFor({ ...BUILT_IN_RULE, loanDays: 14 }, '2028-02-20')).toBe('2028-03-05');
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
  });

  it('renews from the due date when renewed early, from today when overdue', () => {
    const r = { ...BUILT_IN_RULE, loanDays: 14 };
    expect(renewedDueDate(r, '2026-12-10', '2026-12-06')).toBe('2026-12-24');
    expect(renewedDueDate(r, '2026-12-01', '2026-12-06')).toBe('2026-12-20');
  });
});

describe('age labels (436-ФЗ)', () => {
  it.each([
    ['18+', 17, true], ['18+', 18, false], ['16+', 15, true], ['16+', 16, false],
    ['12+', 11, true], ['12+', 12, false], ['6+', 5, true], ['6+', 6, false], ['0+', 0, false],
  ] as const)('%s to a reader of %i: refused = %s', (label, age, refused) => {
    expect(isBelowAgeLabel(label, age)).toBe(refused);
  });

  it('lets unlabelled items and readers of unknown age through', () => {
    expect(isBelowAgeLabel(null, 3)).toBe(false);
    expect(isBelowAgeLabel('18+', null)).toBe(false);
  });
});

describe('item status moves', () => {
  it('lends only from the shelf and returns only what is out', () => {
    expect(canMove('checkout', 'available')).toBe(true);
    for (const s of ['on_loan', 'in_transit', 'at_service_point', 'in_repair', 'lost', 'written_off'] as const) expect(canMove('checkout', s)).toBe(false);
    expect(canMove('return', 'on_loan')).toBe(true);
    expect(canMove('return', 'written_off')).toBe(false);
    expect(canMove('receive', 'in_transit')).toBe(true);
  });
});
