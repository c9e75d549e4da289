import { describe, expect, it } from 'vitest';
import { webMessages } from './index';

/** Every leaf of a nested message object as "a.b.c" → text. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

const ru = flatten(webMessages.ru);

describe('staff app messages', () => {
  for (const [lang, messages] of Object.entries(webMessages)) {
    const flat = flatten(messages);
    it(`${lang} has exactly the keys of ru`, () => {
      expect([...flat.keys()].sort()).toEqual([...ru.keys()].sort());
    });
    it(`${lang} has no empty texts`, () => {
      const empty = [...flat].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
      expect(empty).toEqual([]);
    });
    it(`${lang} keeps the placeholders of ru`, () => {
      const placeholders = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      const mismatched = [...ru].filter(
        ([key, text]) => placeholders(text).join() !== placeholders(flat.get(key)).join(),
      );
      expect(mismatched.map(([key]) => key)).toEqual([]);
    });
  }
});
