/** i18next for the staff app: Russian by default, the signed-in user's language once known. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/ru';
import 'dayjs/locale/ky';
import 'dayjs/locale/en';
import { LANGUAGES, type TLanguage } from '../../staff/staff.schemas';
import { webMessages, type WebMessages } from './index';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: WebMessages };
  }
}

const STORAGE_KEY = 'kitepkana.language';

export function isLanguage(value: unknown): value is TLanguage {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Before login the choice is remembered in the browser; after login the account's language wins. */
function initialLanguage(): TLanguage {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  const browser = navigator.language.slice(0, 2).toLowerCase();
  return isLanguage(browser) ? browser : 'ru';
}

export function currentLanguage(): TLanguage {
  return isLanguage(i18n.language) ? i18n.language : 'ru';
}

export async function applyLanguage(language: TLanguage): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  dayjs.locale(language);
  document.documentElement.lang = language;
  if (i18n.language !== language) await i18n.changeLanguage(language);
}

// dayjs(text, format, true) reads `text` strictly by `format` only with this plugin: without it the format
// is ignored and an impossible date rolls over (30.02.2026 → 02.03.2026).
dayjs.extend(customParseFormat);

const language = initialLanguage();
dayjs.locale(language);
document.documentElement.lang = language;
void i18n.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(webMessages).map(([lang, translation]) => [lang, { translation }])),
  lng: language,
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
