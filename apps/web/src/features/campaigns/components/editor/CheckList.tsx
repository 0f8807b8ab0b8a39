import { Search } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../../../components/ui/Checkbox';
import { Input } from '../../../../components/ui/Input';
import { useLocale } from '../../../../hooks/useLocale';
import { formatNumber } from '../../../../lib/format';

export type CheckOption = { value: string; label: string; hint?: string };

/**
 * Many-of-many picker: a list of checkboxes (the keyboard and screen readers get them for free),
 * with a search box once the list is long. Ticked values that are no longer offered stay ticked
 * and listed, so saving never drops them silently.
 */
export function CheckList({
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  loading,
  emptyText,
}: {
  legend: string;
  hint?: string;
  options: CheckOption[];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
  loading?: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const id = useId();
  const [q, setQ] = useState('');
  const known = new Set(options.map((o) => o.value));
  const all: CheckOption[] = [...options, ...value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: t('campaigns.form.unknownChoice') }))];
  const needle = q.trim().toLowerCase();
  const shown = needle ? all.filter((o) => o.label.toLowerCase().includes(needle) || value.includes(o.value)) : all;
  const toggle = (v: string, on: boolean) => onChange(on ? [...value, v] : value.filter((x) => x !== v));
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

  return (
    <fieldset aria-describedby={describedBy} aria-invalid={error ? true : undefined} className="space-y-1.5">
      <legend className="flex w-full items-center justify-between gap-2 text-sm font-medium text-gray-800">
        <span>{legend}</span>
        {value.length > 0 && (
          <span className="text-xs font-normal text-gray-600">{t('campaigns.form.chosen', { n: formatNumber(value.length, lng), count: value.length })}</span>
        )}
      </legend>
      {all.length > 8 && (
        <div className="relative">
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-gray-500" />
          <Input
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('campaigns.form.search')}
            aria-label={t('campaigns.form.searchIn', { list: legend })}
            className="pl-8"
          />
        </div>
      )}
      <div className="max-h-52 overflow-y-auto rounded-md bg-white ring-1 ring-gray-200">
        {loading ? (
          <p className="px-3 py-2 text-sm text-gray-600">{t('common.loading')}</p>
        ) : shown.length === 0 ? (
          <p className="px-3 py-2 text-sm text-gray-600">{all.length === 0 ? emptyText : t('campaigns.form.noMatch')}</p>
        ) : (
          <ul className="divide-y divide-gray-100">
            {shown.map((o, i) => (
              <li key={o.value}>
                <label htmlFor={`${id}-${i}`} className="flex cursor-pointer items-center gap-2.5 px-3 py-1.5 text-sm text-gray-800 hover:bg-gray-50">
                  <Checkbox id={`${id}-${i}`} checked={value.includes(o.value)} onChange={(e) => toggle(o.value, e.target.checked)} />
                  <span className="min-w-0 flex-1 truncate">{o.label}</span>
                  {o.hint && <span className="shrink-0 text-xs text-gray-500">{o.hint}</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-gray-600">
          {hint}
        </p>
      )}
    </fieldset>
  );
}
