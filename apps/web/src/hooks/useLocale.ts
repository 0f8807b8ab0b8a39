import { useTranslation } from 'react-i18next';

/** The interface language ('en' | 'hi'), for Intl formatting that must follow the switch. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language;
}
