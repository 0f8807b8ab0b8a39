import { SYNC_TRIGGERS, type SyncRun, type SyncTrigger } from '@telehub/shared';
import { History } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatDuration, formatNumber, formatRelative } from '../../../lib/format';
import type { SyncableSource } from '../api/sourcesApi';
import { useSyncRuns } from '../hooks/useSources';
import { statusText, statusTone } from './sourceWords';

const isTrigger = (v: string): v is SyncTrigger => (SYNC_TRIGGERS as readonly string[]).includes(v);
const num = 'text-right tabular-nums';

function RunRow({ run }: { run: SyncRun }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const n = (v: number) => formatNumber(v, lng);
  const trigger = run.trigger;
  const took = run.finishedAt ? Math.max(0, Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000)) : null;
  return (
    <tr>
      <td className={cn(tableCell, 'whitespace-nowrap text-gray-800')}>
        <time dateTime={run.startedAt} title={formatDateTime(run.startedAt, lng)}>
          {formatRelative(run.startedAt, lng)}
        </time>
        <span className="block text-xs text-gray-600">{isTrigger(trigger) ? t(`sources.runs.triggers.${trigger}`) : trigger}</span>
      </td>
      <td className={tableCell}>
        <span className={cn('rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', statusTone(run.status))}>
          {statusText(run.status, t)}
        </span>
      </td>
      <td className={cn(tableCell, num)}>{n(run.fetched)}</td>
      <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(run.created)}</td>
      <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(run.updated)}</td>
      <td className={cn(tableCell, num, run.failed > 0 && 'text-red-700')}>{n(run.failed)}</td>
      <td className={cn(tableCell, 'hidden whitespace-nowrap text-gray-700 md:table-cell')}>{took === null ? '—' : formatDuration(took, lng)}</td>
      <td className={cn(tableCell, 'hidden max-w-80 text-xs text-gray-700 lg:table-cell')}>
        {run.error && <p className="text-red-700 [overflow-wrap:anywhere]">{run.error}</p>}
        {run.errors.length > 0 && (
          <details>
            <summary className="cursor-pointer font-medium">{t('sources.sync.problems', { count: run.errors.length })}</summary>
            <ul className="mt-1 space-y-0.5">
              {run.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: problems may repeat; their order is their identity.
                <li key={i} className="[overflow-wrap:anywhere]">
                  {e.externalId ? t('sources.sync.record', { id: e.externalId, reason: e.reason }) : e.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </td>
    </tr>
  );
}

/** The last runs of one pull connector. */
export function RunHistory() {
  const { t } = useTranslation();
  const [source, setSource] = useState<SyncableSource>('laravel');
  const runs = useSyncRuns(source);
  return (
    <section aria-labelledby="runs-title" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <h2 id="runs-title" className="text-sm font-semibold text-gray-900">
          {t('sources.runs.title')}
        </h2>
        <fieldset className="flex rounded-md bg-gray-100 p-0.5">
          <legend className="sr-only">{t('sources.runs.which')}</legend>
          {(['laravel', 'mysql'] as const).map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={source === s}
              onClick={() => setSource(s)}
              className={cn(
                'rounded px-2.5 py-1 text-xs font-medium',
                source === s ? 'bg-white text-gray-900 shadow-sm ring-1 ring-gray-200' : 'text-gray-600 hover:text-gray-900',
              )}
            >
              {t(`sources.cards.${s}.title`)}
            </button>
          ))}
        </fieldset>
      </div>
      <QueryView
        query={runs}
        errorTitle={t('sources.runs.error')}
        skeletonRows={3}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={History} title={t('sources.runs.empty')} />}
      >
        {(d) => (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={t('sources.runs.tableLabel', { source: t(`sources.cards.${source}.title`) })}>
              <DataTableHead
                columns={[
                  { label: t('sources.runs.columns.started') },
                  { label: t('sources.runs.columns.status') },
                  { label: t('sources.counts.fetched'), className: 'text-right' },
                  { label: t('sources.counts.created'), className: 'hidden text-right sm:table-cell' },
                  { label: t('sources.counts.updated'), className: 'hidden text-right sm:table-cell' },
                  { label: t('sources.counts.failed'), className: 'text-right' },
                  { label: t('sources.runs.columns.took'), className: 'hidden md:table-cell' },
                  { label: t('sources.runs.columns.problems'), className: 'hidden lg:table-cell' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {d.items.map((run) => (
                  <RunRow key={run.id} run={run} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
