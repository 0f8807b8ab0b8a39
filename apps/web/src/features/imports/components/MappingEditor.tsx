import type { ImportPreview } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/ui/Field';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { extraColumns, FIELDS, type ImportField, type MappingErrors, type MappingState } from './mapping';

const HINTED = new Set<ImportField>(['name', 'phone', 'status', 'language', 'tags', 'externalId']);
const hasHint = (f: ImportField): f is 'name' | 'phone' | 'status' | 'language' | 'tags' | 'externalId' => HINTED.has(f);

/** For each TeleHub field, the column of the file that feeds it, with a sample value from the first row. */
export function MappingEditor({
  preview,
  mapping,
  errors,
  onChange,
}: {
  preview: ImportPreview;
  mapping: MappingState;
  errors: MappingErrors;
  onChange: (field: ImportField, header: string) => void;
}) {
  const { t } = useTranslation();
  const headers = [...new Set(preview.headers.filter((h) => h.trim() !== ''))];
  const options: Option[] = [{ value: NONE, label: t('imports.mapping.notImported') }, ...headers.map((h) => ({ value: h, label: h }))];
  const sample = (header: string) => {
    const i = preview.headers.indexOf(header);
    return preview.rows.map((r) => r[i] ?? '').find((v) => v.trim() !== '');
  };
  const extras = extraColumns(mapping, headers);

  return (
    <div className="space-y-5">
      <div className="grid gap-x-5 gap-y-4 sm:grid-cols-2 xl:grid-cols-3">
        {FIELDS.map((field) => {
          const value = mapping[field];
          const example = value ? sample(value) : undefined;
          const hint = [hasHint(field) ? t(`imports.fieldHints.${field}`) : null, example ? t('imports.mapping.sample', { value: example }) : null]
            .filter(Boolean)
            .join(' · ');
          return (
            <Field
              key={field}
              label={t(`imports.fields.${field}`)}
              optional={field === 'phone' ? t('imports.mapping.required') : undefined}
              hint={hint || undefined}
              error={errors[field]}
            >
              {(p) => <Select {...p} value={value || NONE} options={options} onValueChange={(v) => onChange(field, v === NONE ? '' : v)} />}
            </Field>
          );
        })}
      </div>
      <div className="rounded-md bg-gray-50 px-3 py-2.5 ring-1 ring-gray-200">
        <h3 className="text-sm font-medium text-gray-900">{t('imports.mapping.extraTitle')}</h3>
        <p className="mt-0.5 text-xs text-gray-600">{t('imports.mapping.extraHint')}</p>
        {extras.length > 0 ? (
          <ul aria-label={t('imports.mapping.extraTitle')} className="mt-2 flex flex-wrap gap-1.5">
            {extras.map((h) => (
              <li key={h} className="rounded bg-white px-2 py-0.5 text-xs text-gray-800 ring-1 ring-gray-300">
                {h}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-xs text-gray-700">{t('imports.mapping.extraNone')}</p>
        )}
      </div>
    </div>
  );
}
