/** The portal's view of the server dictionaries: a translator bound to one language, and plurals. */
import { serverMessages, t, type MessageKey } from '../app/i18n';
import type { TLanguage } from '../staff/staff.schemas';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Keys that come as `<base>.one|few|many|other`, named by their base. */
export type PluralBase = MessageKey extends infer K ? (K extends `${infer B}.other` ? B : never) : never;

/** Each language is named in itself, so a reader finds theirs whatever the page is in now. */
export const LANGUAGE_NAMES: Record<TLanguage, string> = { ru: 'Русский', ky: 'Кыргызча', en: 'English' };

export function translator(lang: TLanguage): Translate {
  return (key, params) => t(lang, key, params);
}

const pluralRules = new Map<TLanguage, Intl.PluralRules>();

/** "28 филиалов", "21 филиал", "3 филиала" — CLDR rules pick the form; a missing form falls back to `other`. */
export function plural(lang: TLanguage, base: PluralBase, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  const key = `${base}.${rules.select(count)}`;
  return t(lang, (key in serverMessages.ru ? key : `${base}.other`) as MessageKey, { count });
}
