/** Folding and LIKE escaping used by every "contains" search. */
import { describe, expect, it } from 'vitest';
import { foldText, likeEscape } from './text-fold';

describe('text folding', () => {
  it('folds case, ё and the Kyrgyz letters', () => {
    expect(foldText('Жаңы Өнөр Үй Тёплый')).toBe('жаны онор уй теплый');
  });

  it('makes LIKE wildcards literal', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
