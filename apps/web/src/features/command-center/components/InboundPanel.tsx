import { PhoneIncoming } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock, formatDuration, formatNumber, formatPercent, formatPhone, formatTime } from '../../../lib/format';
import type { InboundCaller } from '../api/floorApi';
import { useInbound } from '../hooks/useFloor';

const OPEN = new Set<InboundCaller['state']>(['WAITING', 'OFFERED', 'RINGING_OUT']);

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'good' }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs text-gray-600">{label}</dt>
      <dd className={cn('text-lg font-semibold tabular-nums', tone === 'bad' ? 'text-red-700' : tone === 'good' ? 'text-emerald-700' : 'text-gray-900')}>
        {value}
      </dd>
    </div>
  );
}

/**
 * Callers ringing the team's numbers, live: how many wait and the longest wait, today's service
 * level (answered within the target) and missed rate, the missed callers' callbacks past due, each
 * caller waiting or ringing with whom, and the last ones taken or missed.
 */
export function InboundPanel({ agentName }: { agentName: (id: string | null) => string | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const now = useNow(1000);
  const inbound = useInbound();
  const d = inbound.data;
  if (inbound.error && !d) return <ErrorState title={t('commandCenter.inbound.error')} error={inbound.error} onRetry={inbound.retry} />;
  if (!d) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-2 p-4">
        <Skeleton className="h-6 w-1/2" />
        <Skeleton className="h-16" />
      </div>
    );
  }
  // Waits run on between pushes: counted from arrival by the clock here.
  const waited = (c: InboundCaller) => (OPEN.has(c.state) ? Math.max(0, Math.round((now - Date.parse(c.arrivedAt)) / 1000)) : c.waitedSeconds);
  const open = d.callers.filter((c) => OPEN.has(c.state));
  const settled = d.callers.filter((c) => !OPEN.has(c.state)).slice(0, 8);
  const longest = Math.max(0, ...open.map(waited));
  const sl = d.today.serviceLevel;
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(Math.round(v * 100), lng));

  return (
    <div data-inbound-panel>
      <dl className="grid grid-cols-2 gap-3 border-b border-gray-100 px-4 py-3">
        <Figure label={t('commandCenter.inbound.waiting')} value={formatNumber(open.length, lng)} tone={open.length > 0 ? 'bad' : undefined} />
        <Figure
          label={t('commandCenter.inbound.longest')}
          value={open.length > 0 ? formatClock(longest) : '–'}
          tone={longest > d.targetSeconds ? 'bad' : undefined}
        />
        <Figure
          label={t('commandCenter.inbound.serviceLevel', { seconds: d.targetSeconds })}
          value={pct(sl)}
          tone={sl === null ? undefined : sl >= 0.8 ? 'good' : 'bad'}
        />
        <Figure label={t('commandCenter.inbound.missedRate')} value={pct(d.today.missedRate)} tone={(d.today.missedRate ?? 0) > 0.1 ? 'bad' : undefined} />
      </dl>
      <p className="px-4 pt-2 text-xs text-gray-600">
        {t('commandCenter.inbound.today', {
          count: d.today.calls,
          calls: formatNumber(d.today.calls, lng),
          answered: formatNumber(d.today.answered, lng),
          missed: formatNumber(d.today.missed, lng),
          closed: formatNumber(d.today.closed, lng),
        })}
        {d.callbacksOverdue > 0 && (
          <span className="ml-1 font-medium text-red-800">
            {t('commandCenter.inbound.overdue', { count: d.callbacksOverdue, n: formatNumber(d.callbacksOverdue, lng) })}
          </span>
        )}
      </p>
      {open.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-3 text-sm text-gray-600">
          <PhoneIncoming aria-hidden className="size-4 text-gray-400" />
          {t('commandCenter.inbound.empty')}
        </p>
      ) : (
        <ul aria-label={t('commandCenter.inbound.queue')} className="divide-y divide-gray-100">
          {open.map((c) => (
            <li key={c.callId} data-inbound-caller={c.state} className="flex items-center gap-3 px-4 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-gray-900">{c.known ? c.leadName : t('commandCenter.inbound.newCaller')}</p>
                <p className="text-xs text-gray-600 tabular-nums">{formatPhone(c.leadPhone)}</p>
              </div>
              <span className="text-xs text-gray-700">
                {c.state === 'OFFERED'
                  ? t('commandCenter.inbound.ringing', { agent: agentName(c.offeredTo) ?? t('commandCenter.alerts.someone') })
                  : c.state === 'RINGING_OUT'
                    ? t('commandCenter.inbound.ringingOut')
                    : t('commandCenter.inbound.inQueue')}
              </span>
              <span className={cn('w-14 text-right text-sm tabular-nums', waited(c) > d.targetSeconds ? 'font-semibold text-red-700' : 'text-gray-900')}>
                {formatClock(waited(c))}
              </span>
            </li>
          ))}
        </ul>
      )}
      {d.hours.length > 0 && (
        <details className="border-t border-gray-100 px-4 py-2">
          <summary className="cursor-pointer text-xs font-medium text-gray-700">{t('commandCenter.inbound.byHour')}</summary>
          <table className="mt-1 w-full text-xs" aria-label={t('commandCenter.inbound.byHour')}>
            <thead>
              <tr className="text-left text-gray-600">
                <th className="py-0.5 font-medium">{t('commandCenter.inbound.hour')}</th>
                <th className="py-0.5 text-right font-medium">{t('commandCenter.inbound.callers')}</th>
                <th className="py-0.5 text-right font-medium">{t('commandCenter.inbound.serviceLevelShort', { seconds: d.targetSeconds })}</th>
                <th className="py-0.5 text-right font-medium">{t('commandCenter.inbound.missedShort')}</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {d.hours.map((h) => (
                <tr key={h.hour} data-inbound-hour={h.hour}>
                  <td className="py-0.5 text-gray-800">{formatTime(h.hour, lng)}</td>
                  <td className="py-0.5 text-right text-gray-900">{formatNumber(h.figures.calls, lng)}</td>
                  <td className="py-0.5 text-right text-gray-900">{pct(h.figures.serviceLevel)}</td>
                  <td className="py-0.5 text-right text-gray-900">{formatNumber(h.figures.missed, lng)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      {settled.length > 0 && (
        <details className="border-t border-gray-100 px-4 py-2">
          <summary className="cursor-pointer text-xs font-medium text-gray-700">{t('commandCenter.inbound.recent')}</summary>
          <ul className="mt-1 space-y-1">
            {settled.map((c) => (
              <li key={c.callId} className="flex flex-wrap items-baseline gap-x-2 text-xs">
                <span className="text-gray-600 tabular-nums">{formatTime(c.arrivedAt, lng)}</span>
                <span className="font-medium text-gray-900">{c.known ? c.leadName : formatPhone(c.leadPhone)}</span>
                <span className={c.state === 'MISSED' ? 'text-red-800' : 'text-emerald-800'}>
                  {c.state === 'MISSED'
                    ? t(`commandCenter.inbound.missed.${c.missedReason ?? 'NO_AGENT'}`)
                    : t('commandCenter.inbound.takenBy', {
                        agent: agentName(c.agentId) ?? t('commandCenter.alerts.someone'),
                        wait: formatDuration(c.waitedSeconds, lng),
                      })}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
