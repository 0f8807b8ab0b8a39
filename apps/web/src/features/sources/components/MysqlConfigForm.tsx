import type { MysqlSourceConfig } from '@telehub/shared';
import { FlaskConical, Save } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { isApiError } from '../../../lib/errors';
import { useSaveMysqlConfig, useTestMysql } from '../hooks/useSources';
import { MysqlPreviewTable } from './MysqlPreviewTable';
import { type FormErrors, MAPPED_FIELDS, type MysqlForm, REQUIRED_FIELDS, toConfig, toForm } from './mysqlForm';

/** Which legacy table (or SELECT) feeds the leads, and which column holds each field. Mount with the saved config. */
export function MysqlConfigForm({ saved, configured }: { saved: MysqlSourceConfig | null; configured: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveMysqlConfig();
  const test = useTestMysql();
  const [form, setForm] = useState<MysqlForm>(() => toForm(saved));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof MysqlForm>(key: K, value: MysqlForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setColumn = (field: (typeof MAPPED_FIELDS)[number], value: string) => setForm((f) => ({ ...f, mapping: { ...f.mapping, [field]: value } }));

  /** Required boxes in our words first; the shared schema then checks the rest. */
  function checked(): MysqlSourceConfig | null {
    const required: FormErrors = {};
    const need = (path: string, value: string) => {
      if (!value.trim()) required[path] = t('sources.mysql.required');
    };
    need(form.mode, form.mode === 'table' ? form.table : form.query);
    need('idColumn', form.idColumn);
    need('updatedAtColumn', form.updatedAtColumn);
    for (const f of REQUIRED_FIELDS) need(`mapping.${f}`, form.mapping[f]);
    const result = toConfig(form, saved);
    const found = { ...(result.ok ? {} : result.errors), ...required };
    setErrors(found);
    setFormError(null);
    return Object.keys(found).length === 0 && result.ok ? result.config : null;
  }

  function onServerError(err: Error, prefix: 'saveFailed' | 'testFailed') {
    if (isApiError(err) && err.details.length > 0) {
      setErrors(Object.fromEntries(err.details.map((d) => [d.path, d.message])));
    }
    // The server's own words carry the cause (MySQL's error, a missing column).
    const detail = isApiError(err) && err.message !== message(err) ? ` ${err.message}` : '';
    setFormError(t(`sources.mysql.${prefix}`, { message: `${message(err)}${detail}` }));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const config = checked();
    if (config) save.mutate(config, { onError: (err) => onServerError(err, 'saveFailed') });
  }

  function onTest() {
    const config = checked();
    if (config) test.mutate(config, { onError: (err) => onServerError(err, 'testFailed') });
  }

  const column = (path: string, label: string, value: string, onChange: (v: string) => void, opts: { optional?: boolean; hint?: string } = {}) => (
    <Field label={label} error={errors[path]} hint={opts.hint} optional={opts.optional ? t('common.optional') : undefined}>
      {(p) => <Input {...p} value={value} maxLength={64} spellCheck={false} autoComplete="off" onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5 p-4">
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-gray-900">{t('sources.mysql.readFrom')}</legend>
        <div className="flex gap-4 text-sm">
          {(['table', 'query'] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2 text-gray-800">
              <input type="radio" name="mysql-mode" className="size-4 accent-indigo-600" checked={form.mode === mode} onChange={() => set('mode', mode)} />
              {t(`sources.mysql.mode.${mode}`)}
            </label>
          ))}
        </div>
        {form.mode === 'table' ? (
          <Field label={t('sources.mysql.table')} hint={t('sources.mysql.tableHint')} error={errors.table}>
            {(p) => <Input {...p} value={form.table} maxLength={129} spellCheck={false} autoComplete="off" onChange={(e) => set('table', e.target.value)} />}
          </Field>
        ) : (
          <Field label={t('sources.mysql.query')} hint={t('sources.mysql.queryHint')} error={errors.query}>
            {(p) => (
              <Textarea {...p} rows={4} value={form.query} spellCheck={false} className="font-mono text-xs" onChange={(e) => set('query', e.target.value)} />
            )}
          </Field>
        )}
        <div className="grid gap-4 sm:grid-cols-3">
          {column('idColumn', t('sources.mysql.idColumn'), form.idColumn, (v) => set('idColumn', v))}
          {column('updatedAtColumn', t('sources.mysql.updatedAtColumn'), form.updatedAtColumn, (v) => set('updatedAtColumn', v), {
            hint: t('sources.mysql.updatedAtHint'),
          })}
          {column('deletedAtColumn', t('sources.mysql.deletedAtColumn'), form.deletedAtColumn, (v) => set('deletedAtColumn', v), {
            optional: true,
            hint: t('sources.mysql.deletedAtHint'),
          })}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-gray-900">{t('sources.mysql.mapping')}</legend>
        <p className="mt-0.5 text-xs text-gray-600">{t('sources.mysql.mappingHint')}</p>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {MAPPED_FIELDS.map((f) =>
            column(`mapping.${f}`, t(`imports.fields.${f}`), form.mapping[f], (v) => setColumn(f, v), { optional: !REQUIRED_FIELDS.includes(f) }),
          )}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('sources.mysql.timezone')} hint={t('sources.mysql.timezoneHint')} error={errors.timezone} optional={t('common.optional')}>
          {(p) => <Input {...p} value={form.timezone} placeholder="Asia/Kolkata" maxLength={64} onChange={(e) => set('timezone', e.target.value)} />}
        </Field>
        <Field label={t('sources.mysql.batchSize')} hint={t('sources.mysql.batchSizeHint')} error={errors.batchSize} optional={t('common.optional')}>
          {(p) => <Input {...p} inputMode="numeric" value={form.batchSize} onChange={(e) => set('batchSize', e.target.value)} />}
        </Field>
      </div>
      {formError && <Alert>{formError}</Alert>}
      {save.isSuccess && !formError && <Alert tone="info">{t('sources.mysql.saved')}</Alert>}
      <div className={cn('flex flex-col-reverse gap-2 border-t border-gray-100 pt-4 sm:flex-row sm:justify-end')}>
        <Button onClick={onTest} disabled={!configured || test.isPending} title={configured ? undefined : t('sources.mysql.testNeedsUrl')}>
          {test.isPending ? <Spinner /> : <FlaskConical aria-hidden className="size-4" />}
          {test.isPending ? t('sources.mysql.testing') : t('sources.mysql.test')}
        </Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? <Spinner /> : <Save aria-hidden className="size-4" />}
          {save.isPending ? t('common.saving') : t('sources.mysql.save')}
        </Button>
      </div>
      {test.isSuccess && (
        <section aria-labelledby="mysql-preview" className="space-y-2">
          <h3 id="mysql-preview" className="text-sm font-semibold text-gray-900">
            {t('sources.mysql.previewTitle')}
          </h3>
          <MysqlPreviewTable preview={test.data} />
        </section>
      )}
    </form>
  );
}
