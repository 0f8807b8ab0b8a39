import { LANGUAGES, type Language } from '@telehub/shared';
import { useId } from 'react';
import { useLocale } from '../../../hooks/useLocale';
import { languageName } from '../../../lib/format';

export function LanguageCheckboxes({ legend, value, onChange }: { legend: string; value: Language[]; onChange: (next: Language[]) => void }) {
  const lng = useLocale();
  const id = useId();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-gray-800">{legend}</legend>
      <div className="grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-3">
        {LANGUAGES.map((l) => (
          <label key={l} htmlFor={`${id}-${l}`} className="flex items-center gap-2 text-sm text-gray-800">
            <input
              id={`${id}-${l}`}
              type="checkbox"
              className="size-4 rounded border-gray-300 accent-indigo-600"
              checked={value.includes(l)}
              onChange={(e) => onChange(e.target.checked ? LANGUAGES.filter((x) => x === l || value.includes(x)) : value.filter((x) => x !== l))}
            />
            {languageName(l, lng)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
