/** i18next set-up: English and Hindi, chosen at runtime, remembered on this device. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { hi } from './hi';

export const LOCALES = ['en', 'hi'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'telehub.lang';

export const resources = { en: { translation: en }, hi: { translation: hi } } as const;

const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

function readStored(): Locale | undefined {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : undefined;
  } catch {
    // Storage can be blocked (private mode, policies); the browser language decides then.
    return undefined;
  }
}

function initialLocale(): Locale {
  return readStored() ?? (navigator.language.toLowerCase().startsWith('hi') ? 'hi' : 'en');
}

/** The BCP 47 tag for Intl: Indian English or Hindi. */
export const intlLocale = (lng: string): string => (lng === 'hi' ? 'hi-IN' : 'en-IN');

export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'en');

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Not remembered across visits when storage is blocked; the switch still works now.
  }
});

export async function initI18n() {
  await i18n.use(initReactI18next).init({
    resources,
    lng: initialLocale(),
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = i18n.language;
  return i18n;
}

export { i18n };
