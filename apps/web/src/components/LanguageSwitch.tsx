import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../i18n';
import { cn } from '../lib/cn';

/** English / हिन्दी, each named in its own script so anyone can find theirs. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return (
    <fieldset className={cn('flex items-center gap-1.5', className)}>
      <legend className="sr-only">{t('lang.label')}</legend>
      <Languages aria-hidden className="size-4 text-gray-500" />
      <div className="flex rounded-md bg-gray-100 p-0.5">
        {LOCALES.map((lng) => (
          <button
            key={lng}
            type="button"
            lang={lng}
            aria-pressed={current === lng}
            onClick={() => void i18n.changeLanguage(lng)}
            className={cn(
              'rounded px-2 py-0.5 text-xs font-medium transition-colors',
              current === lng ? 'bg-white text-gray-900 shadow-sm ring-1 ring-gray-200' : 'text-gray-600 hover:text-gray-900',
            )}
          >
            {t(`lang.${lng}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
