import { useTranslation } from 'react-i18next';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber, formatTalkTime } from '../../../lib/format';
import { useToday } from '../hooks/useWorkspaceData';

/** Today's calls, connects and talk time: a glance, not a report. */
export function TodayStats() {
  const { t } = useTranslation();
  const lng = useLocale();
  const today = useToday();
  if (today.isPending) return <Skeleton className="h-10 w-64" />;
  if (today.isError) {
    return (
      <p className="text-sm text-gray-600">
        {t('workspace.today.error')}{' '}
        <button type="button" className="font-medium text-indigo-700 underline" onClick={() => void today.refetch()}>
          {t('common.retry')}
        </button>
      </p>
    );
  }
  const items = [
    { key: 'calls', label: t('workspace.today.calls'), value: formatNumber(today.data.calls, lng) },
    { key: 'connects', label: t('workspace.today.connects'), value: formatNumber(today.data.connects, lng) },
    { key: 'talk', label: t('workspace.today.talk'), value: formatTalkTime(today.data.talkSeconds, lng) },
  ];
  return (
    <section aria-label={t('workspace.today.title')}>
      <dl className="flex divide-x divide-gray-200 rounded-lg bg-white ring-1 ring-gray-200">
        {items.map((i) => (
          <div key={i.key} className="px-3 py-1.5">
            <dt className="text-[11px] font-medium tracking-wide text-gray-600 uppercase">{i.label}</dt>
            <dd className="text-sm font-semibold text-gray-900 tabular-nums" data-counter={i.key}>
              {i.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
