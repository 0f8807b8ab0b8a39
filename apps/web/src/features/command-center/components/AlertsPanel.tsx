import { BellOff, Check } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert as Notice } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDuration, formatPercent, formatTime } from '../../../lib/format';
import type { FloorAlert } from '../api/floorApi';
import { useAlerts } from '../hooks/useFloor';

/** An alert in the interface language, from its fields (the server's message is English only). */
function useAlertText() {
  const { t } = useTranslation();
  const lng = useLocale();
  return (a: FloorAlert) => {
    const rate = a.kind === 'CONNECT_RATE_DROP';
    const show = (v: number) => (rate ? formatPercent(v * 100, lng) : formatDuration(v, lng));
    return t(`commandCenter.alerts.${a.kind}`, {
      agent: a.agent?.name ?? t('commandCenter.alerts.someone'),
      lead: a.leadName ?? t('commandCenter.alerts.aLead'),
      team: a.team?.name ?? t('commandCenter.alerts.aTeam'),
      // A missed caller still in the team's queue has no agent: the team owes the call.
      who: a.agent?.name ?? a.team?.name ?? t('commandCenter.alerts.aTeam'),
      value: show(a.value),
      threshold: show(a.threshold),
    });
  };
}

/** Open alerts, newest first: they arrive as they are raised, and leave when acknowledged or cleared. */
export function AlertsPanel({ teamId }: { teamId: string | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const text = useAlertText();
  const { query, acknowledge } = useAlerts(teamId);
  if (query.isPending) return <Skeleton className="m-4 h-20" />;
  if (query.isError) return <ErrorState title={t('commandCenter.alerts.error')} error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <div>
      {acknowledge.isError && <Notice className="mx-4 mt-3">{t('commandCenter.alerts.acknowledgeFailed', { message: message(acknowledge.error) })}</Notice>}
      {query.data.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-6 text-sm text-gray-600">
          <BellOff aria-hidden className="size-4 text-gray-400" />
          {t('commandCenter.alerts.empty')}
        </p>
      ) : (
        <ul className="divide-y divide-gray-100" aria-live="polite">
          {query.data.map((a) => (
            <li key={a.id} data-alert={a.kind} className="flex items-start gap-3 px-4 py-3">
              <span aria-hidden className={cn('mt-1.5 size-2 shrink-0 rounded-full', a.severity === 'CRITICAL' ? 'bg-rose-500' : 'bg-amber-500')} />
              <div className="min-w-0 flex-1">
                <p className="text-sm text-gray-900">{text(a)}</p>
                <p className="mt-0.5 text-xs text-gray-600">{t('commandCenter.alerts.since', { time: formatTime(a.since, lng) })}</p>
              </div>
              <Button size="sm" disabled={acknowledge.isPending && acknowledge.variables === a.id} onClick={() => acknowledge.mutate(a.id)}>
                <Check aria-hidden className="size-4" />
                {t('commandCenter.alerts.acknowledge')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
