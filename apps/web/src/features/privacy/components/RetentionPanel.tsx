import { Play } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatNumber } from '../../../lib/format';
import type { RetentionPolicy, RetentionRun } from '../api/privacyApi';
import { useRetention, useRetentionActions } from '../hooks/usePrivacy';

/** Days kept per kind of data, a run by hand, and the report of the latest runs. */
export function RetentionPanel() {
  const { t } = useTranslation();
  const retention = useRetention();
  const { run } = useRetentionActions();
  return (
    <section aria-labelledby="privacy-retention-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id="privacy-retention-title" className="text-sm font-semibold text-gray-900">
            {t('privacy.retention.title')}
          </h2>
          <p className="mt-0.5 text-xs text-gray-600">{t('privacy.retention.hint')}</p>
        </div>
        <Button size="sm" onClick={() => run.mutate()} disabled={run.isPending}>
          <Play aria-hidden className="size-4" />
          {t('privacy.retention.runNow')}
        </Button>
      </div>
      {run.error && <Alert className="m-4">{run.error.message}</Alert>}
      <QueryView query={retention} errorTitle={t('privacy.retention.loadError')} skeletonRows={3}>
        {(d) => (
          <div className="space-y-4 p-4">
            <div className="grid gap-3 sm:grid-cols-3">
              {d.policies.map((p) => (
                <PolicyForm key={`${p.kind}:${p.days ?? ''}`} policy={p} />
              ))}
            </div>
            <Runs runs={d.runs} />
          </div>
        )}
      </QueryView>
    </section>
  );
}

function PolicyForm({ policy }: { policy: RetentionPolicy }) {
  const { t } = useTranslation();
  const { set } = useRetentionActions();
  const [value, setValue] = useState(policy.days === null ? '' : String(policy.days));
  const [invalid, setInvalid] = useState(false);
  function save(e: FormEvent) {
    e.preventDefault();
    const text = value.trim();
    const days = text === '' ? null : Number(text);
    if (days !== null && (!Number.isInteger(days) || days < 1)) return setInvalid(true);
    setInvalid(false);
    set.mutate({ kind: policy.kind, days });
  }
  return (
    <form onSubmit={save} className="space-y-2 rounded-md border border-gray-200 p-3" noValidate>
      <Field
        label={`${t(`privacy.retention.kinds.${policy.kind}`)} · ${t('privacy.retention.days')}`}
        hint={t('privacy.retention.keep')}
        error={invalid ? t('privacy.retention.invalidDays') : set.error?.message}
      >
        {(p) => <Input {...p} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />}
      </Field>
      <Button type="submit" size="sm" disabled={set.isPending}>
        {set.isSuccess ? t('privacy.retention.saved') : t('privacy.retention.save')}
      </Button>
    </form>
  );
}

function Runs({ runs }: { runs: RetentionRun[] }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (runs.length === 0) return <p className="text-sm text-gray-600">{t('privacy.retention.noRuns')}</p>;
  return (
    <div>
      <h3 className="text-sm font-semibold text-gray-900">{t('privacy.retention.runs')}</h3>
      <ul className="mt-2 divide-y divide-gray-100 text-sm">
        {runs.map((r) => {
          const removed = Object.entries(r.removed).filter(([, n]) => n > 0);
          return (
            <li key={r.id} className="flex flex-wrap gap-x-4 gap-y-1 py-2">
              <time dateTime={r.startedAt} className="text-gray-700 tabular-nums">
                {formatDateTime(r.startedAt, lng)}
              </time>
              <span className="text-gray-600">{t(`privacy.retention.triggers.${r.trigger}`, { defaultValue: r.trigger })}</span>
              <span className="min-w-0 flex-1 text-gray-900">
                {t('privacy.retention.columns.removed')}:{' '}
                {removed.length === 0
                  ? t('privacy.retention.nothing')
                  : removed
                      .map(([kind, n]) =>
                        t('privacy.retention.removedItem', { kind: t(`privacy.retention.kinds.${kind}`, { defaultValue: kind }), count: formatNumber(n, lng) }),
                      )
                      .join(', ')}
              </span>
              {r.heldLeads > 0 && (
                <span className="text-gray-600">
                  {t('privacy.retention.columns.held')}: {formatNumber(r.heldLeads, lng)}
                </span>
              )}
              {r.error && <span className="w-full text-red-700">{r.error}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
