import { Download } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { Dialog } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatDate, formatDateTime } from '../../../lib/format';
import { CORRECTABLE, type Corrections, type PrivacyRequestDetail, privacyApi } from '../api/privacyApi';
import { useRequest, useRequestActions } from '../hooks/usePrivacy';
import { RequestStatusBadge } from './RequestStatusBadge';

const isOpen = (r: PrivacyRequestDetail) => r.status === 'open' || r.status === 'in_progress';

/** A request: what was asked, its history, and the step that completes it (or rejects it). */
export function RequestDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const request = useRequest(id);
  const type = request.data ? t(`privacy.types.${request.data.type}`) : '';
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={request.data ? t('privacy.detail.title', { type }) : t('common.loading')} className="max-w-2xl">
      {request.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-3">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-24" />
        </div>
      ) : request.isError ? (
        <ErrorState title={t('privacy.detail.loadError')} error={request.error} onRetry={() => void request.refetch()} />
      ) : (
        <RequestBody r={request.data} />
      )}
    </Dialog>
  );
}

function RequestBody({ r }: { r: PrivacyRequestDetail }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-gray-600">{t('privacy.detail.person')}</dt>
          <dd className="font-medium text-gray-900">
            {r.leadName ? (
              <Link to={`/leads/${r.leadId}`} className="text-indigo-700 hover:underline">
                {r.leadName}
              </Link>
            ) : (
              t('privacy.requests.erased')
            )}
          </dd>
        </div>
        <div>
          <dt className="text-gray-600">{t('privacy.detail.status')}</dt>
          <dd>
            <RequestStatusBadge status={r.status} overdue={r.overdue} />
          </dd>
        </div>
        <div>
          <dt className="text-gray-600">{t('privacy.detail.due')}</dt>
          <dd className={r.overdue ? 'font-medium text-red-700' : 'text-gray-900'}>
            <time dateTime={r.dueAt}>{formatDate(r.dueAt, lng)}</time>
          </dd>
        </div>
        <div>
          <dt className="text-gray-600">{t('privacy.detail.channel')}</dt>
          <dd className="text-gray-900">{t(`privacy.channels.${r.channel}`, { defaultValue: r.channel })}</dd>
        </div>
        {r.details && (
          <div className="sm:col-span-2">
            <dt className="text-gray-600">{t('privacy.detail.details')}</dt>
            <dd className="whitespace-pre-wrap break-words text-gray-900">{r.details}</dd>
          </div>
        )}
      </dl>
      <Outcome r={r} />
      {r.hasExport && <Downloads id={r.id} />}
      {isOpen(r) && <Steps r={r} />}
      <section aria-labelledby={`history-${r.id}`}>
        <h3 id={`history-${r.id}`} className="text-sm font-semibold text-gray-900">
          {t('privacy.detail.history')}
        </h3>
        <ol className="mt-2 space-y-1.5 text-sm">
          {r.actions.map((a) => (
            <li key={a.id} className="flex flex-wrap gap-x-2">
              <time dateTime={a.at} className="text-gray-600 tabular-nums">
                {formatDateTime(a.at, lng)}
              </time>
              <span className="font-medium text-gray-900">{t(`privacy.detail.actions.${a.action}`, { defaultValue: a.action })}</span>
              {a.note && <span className="break-words text-gray-700">{a.note}</span>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Outcome({ r }: { r: PrivacyRequestDetail }) {
  const { t } = useTranslation();
  if (r.status === 'rejected') return <Alert tone="info">{t('privacy.detail.rejected', { reason: r.rejectReason ?? '' })}</Alert>;
  if (r.status !== 'completed' || !r.result) return null;
  const res = r.result;
  const lines: string[] = [];
  if (Array.isArray(res.changes))
    for (const c of res.changes as { field: string; before: unknown; after: unknown }[])
      lines.push(
        t('privacy.detail.changed', {
          field: t(`privacy.fields.${c.field}`, { defaultValue: c.field }),
          before: c.before ?? t('privacy.detail.blank'),
          after: c.after ?? t('privacy.detail.blank'),
        }),
      );
  if (r.type === 'erasure' && typeof res.leads === 'number') lines.push(t('privacy.detail.erasedCount', { count: res.leads }));
  if (r.type === 'access' && typeof res.leads === 'number') lines.push(t('privacy.detail.exported', { count: res.leads }));
  if (typeof res.resolution === 'string') lines.push(res.resolution);
  if (lines.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-gray-900">{t('privacy.detail.result')}</h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-gray-800">
        {lines.map((l) => (
          <li key={l} className="break-words">
            {l}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Downloads({ id }: { id: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const get = (format: 'json' | 'pdf', lang: 'en' | 'hi') => () => {
    setError(null);
    privacyApi.download(id, format, lang).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-gray-900">{t('privacy.detail.download')}</h3>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={get('json', 'en')}>
          <Download aria-hidden className="size-4" />
          {t('privacy.detail.downloadJson')}
        </Button>
        <Button size="sm" onClick={get('pdf', 'en')}>
          <Download aria-hidden className="size-4" />
          {t('privacy.detail.downloadPdfEn')}
        </Button>
        <Button size="sm" onClick={get('pdf', 'hi')}>
          <Download aria-hidden className="size-4" />
          {t('privacy.detail.downloadPdfHi')}
        </Button>
      </div>
      {error && <Alert>{error}</Alert>}
    </div>
  );
}

/** The type's own step, and rejecting. */
function Steps({ r }: { r: PrivacyRequestDetail }) {
  const { t } = useTranslation();
  const actions = useRequestActions(r.id);
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const confirmId = useId();
  const [corrections, setCorrections] = useState<Corrections>(() => (r.input.corrections as Corrections | undefined) ?? {});
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const error = actions.complete.error ?? actions.reject.error ?? actions.start.error;

  function complete(e: FormEvent) {
    e.preventDefault();
    const body = {
      note: note.trim() || null,
      ...(r.type === 'correction' ? { corrections: Object.fromEntries(Object.entries(corrections).filter(([, v]) => v !== undefined && v !== '')) } : {}),
      ...(r.type === 'grievance' || r.type === 'nomination' ? { resolution: resolution.trim() || null } : {}),
    };
    actions.complete.mutate(body);
  }

  const submitLabel = {
    access: t('privacy.detail.completeAccess'),
    correction: t('privacy.detail.completeCorrection'),
    erasure: t('privacy.detail.completeErasure'),
    grievance: t('privacy.detail.resolve'),
    nomination: t('privacy.detail.resolve'),
  }[r.type];

  return (
    <div className="space-y-4 rounded-md border border-gray-200 p-3">
      {r.status === 'open' && (
        <Button size="sm" onClick={() => actions.start.mutate()} disabled={actions.start.isPending}>
          {t('privacy.detail.start')}
        </Button>
      )}
      <form onSubmit={complete} className="space-y-3" noValidate>
        {r.type === 'access' && <p className="text-sm text-gray-700">{t('privacy.detail.accessHint')}</p>}
        {r.type === 'correction' &&
          CORRECTABLE.map((f) => (
            <Field key={f} label={t(`privacy.fields.${f}`)} optional={t('privacy.openDialog.optional')}>
              {(p) => <Input {...p} value={corrections[f] ?? ''} onChange={(e) => setCorrections((c) => ({ ...c, [f]: e.target.value }))} />}
            </Field>
          ))}
        {r.type === 'erasure' && (
          <>
            <Alert>{t('privacy.detail.erasureWarning')}</Alert>
            <div className="flex items-center gap-2 text-sm text-gray-800">
              <Checkbox id={confirmId} checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
              <label htmlFor={confirmId}>{t('privacy.detail.erasureConfirm')}</label>
            </div>
          </>
        )}
        {(r.type === 'grievance' || r.type === 'nomination') && (
          <Field label={t('privacy.detail.resolution')}>
            {(p) => <Textarea {...p} rows={3} maxLength={2000} value={resolution} onChange={(e) => setResolution(e.target.value)} />}
          </Field>
        )}
        <Field label={t('privacy.detail.note')}>{(p) => <Input {...p} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}</Field>
        <div className="flex flex-wrap gap-2">
          <Button
            type="submit"
            variant={r.type === 'erasure' ? 'danger' : 'primary'}
            disabled={actions.complete.isPending || (r.type === 'erasure' && !confirmed)}
          >
            {submitLabel}
          </Button>
          <Button type="button" variant="ghost" onClick={() => setRejecting((v) => !v)} aria-expanded={rejecting}>
            {t('privacy.detail.reject')}
          </Button>
        </div>
      </form>
      {rejecting && (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) actions.reject.mutate(reason.trim());
          }}
        >
          <Field label={t('privacy.detail.rejectReason')}>
            {(p) => <Textarea {...p} rows={2} maxLength={2000} required value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button type="submit" size="sm" disabled={!reason.trim() || actions.reject.isPending}>
            {t('privacy.detail.rejectSubmit')}
          </Button>
        </form>
      )}
      {error && <Alert>{error.message}</Alert>}
    </div>
  );
}
