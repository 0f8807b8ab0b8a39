import type { SourceStatus } from '@telehub/shared';
import { CircleOff, Database, Radio, Server } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { SyncButton } from './SyncButton';
import { ENV_VARS, everyText, statusText, statusTone, summaryCounts } from './sourceWords';

const ICONS = { laravel: Server, mysql: Database, amqp: Radio };

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 text-gray-900 [overflow-wrap:anywhere]">{children}</dd>
    </div>
  );
}

function When({ iso }: { iso: string | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (!iso) return <span className="text-gray-500">{t('common.never')}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso, lng)}>
      {formatRelative(iso, lng)}
    </time>
  );
}

/** One connector: whether it is on, how it last went, and (for pulls) Sync now. */
export function SourceCard({ source }: { source: SourceStatus }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const Icon = ICONS[source.source];
  const counts = summaryCounts(source.lastSummary);
  const title = t(`sources.cards.${source.source}.title`);
  return (
    <section aria-label={title} className="flex flex-col rounded-lg border border-gray-200 bg-white">
      <div className="flex items-start justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <div className="flex min-w-0 items-start gap-2.5">
          <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
            <p className="text-xs text-gray-600">{t(`sources.cards.${source.source}.what`)}</p>
          </div>
        </div>
        {source.configured ? (
          <span className={cn('shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', statusTone(source.status))}>
            {statusText(source.status, t)}
          </span>
        ) : (
          <span className="inline-flex shrink-0 items-center gap-1 rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-700 ring-1 ring-gray-200 ring-inset">
            <CircleOff aria-hidden className="size-3" />
            {t('sources.card.off')}
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-3 px-4 py-3">
        {!source.configured && (
          <p className="rounded-md bg-gray-50 px-3 py-2 text-sm text-gray-700 ring-1 ring-gray-200">
            {t('sources.card.howToEnable')} <code className="text-xs font-semibold text-gray-900">{ENV_VARS[source.source]}</code>
          </p>
        )}
        <dl className="divide-y divide-gray-100">
          <Row label={t('sources.card.schedule')}>
            {source.source === 'amqp' ? t('sources.card.onEvent') : source.everySeconds ? everyText(source.everySeconds, t) : t('sources.card.notScheduled')}
          </Row>
          <Row label={source.source === 'amqp' ? t('sources.card.lastMessage') : t('sources.card.lastRun')}>
            <When iso={source.lastRunAt} />
          </Row>
          <Row label={source.source === 'amqp' ? t('sources.card.lastApplied') : t('sources.card.lastSuccess')}>
            <When iso={source.lastSuccessAt} />
          </Row>
          {source.cursor && (
            <Row label={t('sources.card.cursor')}>
              {/* The pull connectors keep the latest change time they saw; show it as a date when it is one. */}
              {/^\d{4}-\d{2}-\d{2}T/.test(source.cursor) && !Number.isNaN(Date.parse(source.cursor)) ? formatDateTime(source.cursor, lng) : source.cursor}
            </Row>
          )}
          {source.lastError && (
            <Row label={t('sources.card.lastError')}>
              <span className="text-red-700">{source.lastError}</span>
            </Row>
          )}
        </dl>
        {counts.length > 0 && (
          <div>
            <h3 className="text-xs font-medium text-gray-600">{source.source === 'amqp' ? t('sources.card.since') : t('sources.card.lastSummary')}</h3>
            <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
              {counts.map(([key, value]) => (
                <div key={key} className="flex gap-1">
                  <dt className="text-gray-600">{t(`sources.counts.${key}`)}</dt>
                  <dd className={cn('font-medium tabular-nums', key === 'failed' || key === 'deadLettered' ? value > 0 && 'text-red-700' : 'text-gray-900')}>
                    {formatNumber(value, lng)}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        )}
        {source.source !== 'amqp' && (
          <div className="mt-auto pt-1">
            <SyncButton source={source.source} disabled={!source.configured} running={source.status === 'running'} />
          </div>
        )}
      </div>
    </section>
  );
}
