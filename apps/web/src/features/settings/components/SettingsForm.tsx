/**
 * The pieces every settings form is built of (the Rules page's groups, the connections on Sources,
 * the command center's alert thresholds): the fields, and a row with the form's state and Save.
 */
import { CheckCircle2, Save } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { cn } from '../../../lib/cn';
import type { SettingsForm } from '../hooks/useSettingsForm';
import { SettingField } from './SettingField';

export function SettingsFields({ form, className }: { form: SettingsForm; className?: string }) {
  return (
    // Label beside control where the form is wide enough (a page), one under the other where not (a dialog, a phone).
    <div className={cn('@container divide-y divide-gray-100', className)}>
      {form.fields.map((spec) => (
        <SettingField key={spec.name} spec={spec} form={form} />
      ))}
    </div>
  );
}

/** What came of the last save (or test), announced to screen readers. */
export function SettingsStatus({ form }: { form: SettingsForm }) {
  if (!form.status) return null;
  if (form.status.tone === 'error') return <Alert>{form.status.text}</Alert>;
  return (
    <p role="status" className="flex items-start gap-2 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
      <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
      {form.status.text}
    </p>
  );
}

/** Unsaved changes, Discard and Save (a submit button: the form's Enter saves too); `children` go before Save. */
export function SettingsActions({ form, children, className }: { form: SettingsForm; children?: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <div className={cn('flex flex-col-reverse gap-2 sm:flex-row sm:items-center sm:justify-end', className)}>
      {form.dirty && (
        <p className="flex items-center gap-1.5 text-sm text-amber-800 sm:mr-auto" data-unsaved>
          <span aria-hidden className="size-2 rounded-full bg-amber-500" />
          {t('orgSettings.save.unsaved')}
        </p>
      )}
      {form.dirty && (
        <Button variant="ghost" onClick={form.discard} disabled={form.saving}>
          {t('orgSettings.save.discard')}
        </Button>
      )}
      {children}
      <Button type="submit" variant="primary" disabled={!form.dirty || form.saving || form.resetting !== null}>
        {form.saving ? <Spinner /> : <Save aria-hidden className="size-4" />}
        {form.saving ? t('orgSettings.save.saving') : t('orgSettings.save.save')}
      </Button>
    </div>
  );
}
