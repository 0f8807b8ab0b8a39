import type { ReportFilterSet, ReportKind, ReportSubscription } from '@telehub/shared';
import { Mail, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import type { Lang } from '../api/reportsApi';
import { useFilterWords } from '../hooks/useFilterWords';
import { useReportFormat, WEEKDAY_KEYS } from '../hooks/useReportFormat';
import { useSubscribe, useSubscriptions, useUnsubscribe } from '../hooks/useReports';

type Frequency = 'daily' | 'weekly';
type FieldName = 'frequency' | 'weekday' | 'hour' | 'email' | 'lang';
const FIELDS: FieldName[] = ['frequency', 'weekday', 'hour', 'email', 'lang'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ScheduleRow({ s }: { s: ReportSubscription }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const message = useErrorMessage();
  const words = useFilterWords();
  const remove = useUnsubscribe();
  const report = t(`reports.kind.${s.kind}`);
  const when =
    s.frequency === 'weekly' && s.weekday !== null
      ? t('reports.schedule.every.weekly', { weekday: f.weekday(s.weekday), hour: f.hour(s.hour) })
      : t('reports.schedule.every.daily', { hour: f.hour(s.hour) });
  const filters = words(s.filters);
  return (
    <li className="flex items-start gap-2 px-3 py-2.5" data-subscription={s.id}>
      <div className="min-w-0 flex-1 text-sm">
        <p className="font-medium text-gray-900">
          {report} · <span lang={s.lang}>{t(`lang.${s.lang}`)}</span>
        </p>
        <p className="text-gray-700">
          {when} {t('reports.schedule.to', { email: s.email })}
        </p>
        {filters.length > 0 && <p className="text-xs text-gray-600">{filters.join(' · ')}</p>}
        <p className="text-xs text-gray-600">{t('reports.schedule.next', { when: f.istDateTime(s.nextRunAt) })}</p>
        {s.lastError && <p className="text-xs text-red-700">{t('reports.schedule.lastError', { message: s.lastError })}</p>}
        {remove.isError && (
          <p role="alert" className="text-xs text-red-700">
            {message(remove.error)}
          </p>
        )}
      </div>
      <Button
        size="sm"
        variant="ghost"
        disabled={remove.isPending}
        onClick={() => remove.mutate(s.id)}
        aria-label={t('reports.schedule.delete', { report, email: s.email })}
        title={t('reports.schedule.delete', { report, email: s.email })}
      >
        {remove.isPending ? <Spinner /> : <Trash2 aria-hidden className="size-4" />}
      </Button>
    </li>
  );
}

/**
 * Email the report on screen every day or every week (staff): the tab and its filters, at an
 * hour, to an address (the user's own unless changed), in a language; and the schedules already
 * set, each with a way to stop it. The server's word on a field shows beside that field.
 */
export function ScheduleDialog({ kind, filters, email: ownEmail }: { kind: ReportKind; filters: ReportFilterSet; email: string }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const message = useErrorMessage();
  const words = useFilterWords();
  const [open, setOpen] = useState(false);
  const list = useSubscriptions(open);
  const subscribe = useSubscribe();
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [weekday, setWeekday] = useState('0');
  const [hour, setHour] = useState('8');
  const [email, setEmail] = useState(ownEmail);
  const [lang, setLang] = useState<Lang>(f.lng === 'hi' ? 'hi' : 'en');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<ReportSubscription | null>(null);
  const report = t(`reports.kind.${kind}`);
  const filterWords = words(filters);
  const listId = useId();

  function onError(err: Error) {
    if (isApiError(err)) {
      const byField = Object.fromEntries(FIELDS.flatMap((k) => (err.detailFor(k) ? [[k, err.detailFor(k)]] : []))) as Partial<Record<FieldName, string>>;
      if (Object.keys(byField).length > 0) return setErrors(byField);
    }
    setFormError(message(err));
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setCreated(null);
    const next: Partial<Record<FieldName, string>> = {};
    if (email.trim() && !EMAIL.test(email.trim())) next.email = t('reports.schedule.emailInvalid');
    if (frequency === 'weekly' && weekday === '') next.weekday = t('reports.schedule.weekdayRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    subscribe.mutate(
      {
        kind,
        filters,
        frequency,
        ...(frequency === 'weekly' ? { weekday: Number(weekday) } : {}),
        hour: Number(hour),
        ...(email.trim() ? { email: email.trim() } : {}),
        lang,
      },
      { onSuccess: (s) => setCreated(s), onError },
    );
  }

  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
          setCreated(null);
          setFormError(null);
          setErrors({});
        }}
      >
        <Mail aria-hidden className="size-4" />
        {t('reports.schedule.button')}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('reports.schedule.title')}
        description={t('reports.schedule.description', { report })}
        className="sm:max-w-xl"
      >
        <form onSubmit={submit} noValidate className="space-y-4">
          <div className="rounded-md bg-gray-50 px-3 py-2 text-sm ring-1 ring-gray-200">
            <span className="font-medium text-gray-800">{t('reports.schedule.filters')}: </span>
            <span className="text-gray-700">{filterWords.length > 0 ? filterWords.join(' · ') : t('reports.schedule.noFilters')}</span>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('reports.schedule.frequency')} error={errors.frequency}>
              {(p) => (
                <Select
                  {...p}
                  value={frequency}
                  onValueChange={(v) => setFrequency(v as Frequency)}
                  options={[
                    { value: 'daily', label: t('reports.schedule.daily') },
                    { value: 'weekly', label: t('reports.schedule.weekly') },
                  ]}
                />
              )}
            </Field>
            {frequency === 'weekly' && (
              <Field label={t('reports.schedule.weekday')} error={errors.weekday}>
                {(p) => (
                  <Select {...p} value={weekday} onValueChange={setWeekday} options={WEEKDAY_KEYS.map((_, i) => ({ value: String(i), label: f.weekday(i) }))} />
                )}
              </Field>
            )}
            <Field label={t('reports.schedule.hour')} hint={t('reports.schedule.hourHint')} error={errors.hour}>
              {(p) => (
                <Select {...p} value={hour} onValueChange={setHour} options={[...Array(24).keys()].map((h) => ({ value: String(h), label: f.hour(h) }))} />
              )}
            </Field>
            <Field label={t('reports.schedule.language')} error={errors.lang}>
              {(p) => (
                <Select
                  {...p}
                  value={lang}
                  onValueChange={(v) => setLang(v === 'hi' ? 'hi' : 'en')}
                  options={[
                    { value: 'en', label: t('lang.en') },
                    { value: 'hi', label: t('lang.hi') },
                  ]}
                />
              )}
            </Field>
          </div>
          <Field label={t('reports.schedule.email')} error={errors.email}>
            {(p) => <Input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} autoComplete="email" />}
          </Field>
          {formError && <Alert>{formError}</Alert>}
          {created && <Alert tone="info">{t('reports.schedule.created', { when: f.istDateTime(created.nextRunAt) })}</Alert>}
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
            <Button type="submit" variant="primary" disabled={subscribe.isPending}>
              {subscribe.isPending && <Spinner />}
              {subscribe.isPending ? t('reports.schedule.submitting') : t('reports.schedule.submit')}
            </Button>
          </DialogActions>
        </form>
        <section className="mt-2" aria-labelledby={listId}>
          <h3 id={listId} className="mb-2 text-sm font-semibold text-gray-900">
            {t('reports.schedule.existing')}
          </h3>
          {list.isPending ? (
            <Skeleton className="h-16 w-full" />
          ) : list.isError ? (
            <ErrorState title={t('reports.schedule.loadError')} error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.items.length === 0 ? (
            <p className="text-sm text-gray-600">{t('reports.schedule.none')}</p>
          ) : (
            <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
              {list.data.items.map((s) => (
                <ScheduleRow key={s.id} s={s} />
              ))}
            </ul>
          )}
        </section>
      </Dialog>
    </>
  );
}
