/** Every server text exists in every language, and placeholders match. */
import { describe, expect, it } from 'vitest';
import { serverMessages, t } from './i18n';

describe('server messages', () => {
  const [ru, ...others] = Object.entries(serverMessages);
  const ruKeys = Object.keys(ru![1]).sort();

  it.each(others)('%s has exactly the Russian keys, none empty, same placeholders', (_lang, messages) => {
    expect(Object.keys(messages).sort()).toEqual(ruKeys);
    for (const key of ruKeys) {
      const text = messages[key as keyof typeof messages];
      expect(text.trim(), key).not.toBe('');
      const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(text), key).toEqual(placeholders(ru![1][key as keyof typeof messages]));
    }
  });

  it('fills placeholders', () => {
    expect(t('en', 'validation.too_long', { max: 5 })).toBe('Too long: at most 5 characters.');
    expect(t('ky', 'validation.too_short', { min: 3 })).toBe('Өтө кыска: кеминде 3 белги.');
  });
});
