import type { CallControls, CallWithLead, Disposition } from '@telehub/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Textarea } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatPhone } from '../../../lib/format';
import { dispositionLabel, useDispositions } from '../../calls';

/** Outcomes that need nothing more than the choice (no callback time, no further field): the redial saves the call with one. */
const plain = (d: Disposition) => !d.requiresCallback && !('required' in d && Array.isArray(d.required) && d.required.length > 0);

/**
 * Calls another of the lead's numbers: this call ends and is saved (no answer when nobody
 * answered; the agent's outcome when the lead did), then the chosen number is dialled.
 */
export function RedialDialog({
  call,
  numbers,
  onClose,
  onRedial,
  pending,
  error,
}: {
  call: Pick<CallWithLead, 'answeredAt' | 'status'>;
  numbers: CallControls['numbers'];
  onClose: () => void;
  onRedial: (body: { phone: string; disposition?: string; notes?: string }) => void;
  pending: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const id = useId();
  const answered = call.answeredAt !== null || call.status === 'in_progress';
  const dispositions = useDispositions();
  const offered = (dispositions.data?.items ?? []).filter(plain);
  const [phone, setPhone] = useState(numbers.find((n) => !n.dialled)?.phone ?? null);
  const [outcome, setOutcome] = useState(NONE);
  const [notes, setNotes] = useState('');
  const ready = phone !== null && (!answered || outcome !== NONE) && !pending;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!ready || !phone) return;
    onRedial({ phone, ...(answered ? { disposition: outcome } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}) });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={t('inCall.other.title')} description={t('inCall.other.description')}>
      <form onSubmit={submit} noValidate className="space-y-4" data-redial-dialog>
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">{t('inCall.other.numbers')}</legend>
          <ul className="mt-2 space-y-2">
            {numbers.map((n) => (
              <li key={n.phone}>
                <label
                  className={cn(
                    'flex items-center gap-3 rounded-md p-3 ring-1',
                    n.dialled
                      ? 'cursor-not-allowed bg-gray-50 ring-gray-200'
                      : phone === n.phone
                        ? 'bg-indigo-50 ring-indigo-500'
                        : 'bg-white ring-gray-300 hover:bg-gray-50',
                  )}
                >
                  <input
                    type="radio"
                    name={`${id}-phone`}
                    value={n.phone}
                    checked={phone === n.phone}
                    onChange={() => setPhone(n.phone)}
                    disabled={n.dialled}
                    className="size-4 accent-indigo-600"
                  />
                  <span className="font-medium text-gray-900 tabular-nums">{formatPhone(n.phone)}</span>
                  <span className="ml-auto text-xs text-gray-600">
                    {[n.primary ? t('inCall.other.main') : null, n.dialled ? t('inCall.other.thisCall') : null].filter(Boolean).join(' · ')}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {answered && (
          <Field label={t('inCall.other.outcome')} hint={t('inCall.other.outcomeHint')}>
            {(p) => (
              <Select
                {...p}
                value={outcome}
                onValueChange={setOutcome}
                disabled={dispositions.isPending}
                options={[{ value: NONE, label: t('inCall.other.choose') }, ...offered.map((d) => ({ value: d.code, label: dispositionLabel(d, lng) }))]}
              />
            )}
          </Field>
        )}
        {answered && dispositions.isError && <Alert>{t('inCall.loadError')}</Alert>}
        <Field label={t('inCall.other.notes')} optional={t('inCall.other.optional')}>
          {(p) => <Textarea {...p} rows={2} value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />}
        </Field>
        {error && <Alert>{error}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('inCall.other.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={!ready}>
            {pending && <Spinner />}
            {pending ? t('inCall.other.submitting') : t('inCall.other.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
