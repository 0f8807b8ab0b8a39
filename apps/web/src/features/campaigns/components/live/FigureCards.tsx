import type { Campaign, CampaignStats } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../../hooks/useLocale';
import { cn } from '../../../../lib/cn';
import { formatNumber, formatRate } from '../../../../lib/format';
import { overCap } from '../rates';

function Card({ label, value, note, alarm, name }: { label: string; value: string; note?: string; alarm?: boolean; name: string }) {
  return (
    <div
      data-figure={name}
      data-over-cap={alarm || undefined}
      className={cn('rounded-lg p-3 shadow-sm ring-1', alarm ? 'bg-red-50 ring-red-300' : 'bg-white ring-gray-200')}
    >
      <dt className={cn('text-xs font-medium', alarm ? 'text-red-800' : 'text-gray-600')}>{label}</dt>
      <dd className={cn('mt-1 text-xl font-semibold tabular-nums', alarm ? 'text-red-700' : 'text-gray-900')}>{value}</dd>
      {note && <dd className={cn('text-xs', alarm ? 'font-medium text-red-800' : 'text-gray-600')}>{note}</dd>}
    </div>
  );
}

/** Today's numbers: dialed, answered, abandoned and the abandon rate against the cap (red at or over it), machines, talk time. */
export function FigureCards({ campaign, stats }: { campaign: Campaign; stats: CampaignStats }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const cap = campaign.maxAbandonRate;
  const capText = formatRate(cap, lng);
  const today = overCap(stats.abandonRate, cap);
  const month = overCap(stats.abandonRate30d, cap);
  const n = (v: number) => formatNumber(v, lng);
  return (
    <section aria-label={t('campaigns.live.today')}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Card name="dialed" label={t('campaigns.live.dialed')} value={n(stats.dialed)} />
        <Card name="answered" label={t('campaigns.live.answered')} value={n(stats.answered)} />
        <Card name="abandoned" label={t('campaigns.live.abandoned')} value={n(stats.abandoned)} alarm={today && stats.abandoned > 0} />
        <Card
          name="abandonRate"
          label={t('campaigns.live.abandonToday')}
          value={formatRate(stats.abandonRate, lng)}
          note={today ? t('campaigns.live.overCap', { cap: capText }) : t('campaigns.live.cap', { cap: capText })}
          alarm={today}
        />
        <Card
          name="abandonRate30d"
          label={t('campaigns.live.abandon30d')}
          value={formatRate(stats.abandonRate30d, lng)}
          note={month ? t('campaigns.live.overCap', { cap: capText }) : t('campaigns.live.cap', { cap: capText })}
          alarm={month}
        />
        <Card name="machine" label={t('campaigns.live.machine')} value={n(stats.machine)} />
        <Card name="talk" label={t('campaigns.live.talkMinutes')} value={n(Math.round(stats.talkSeconds / 60))} />
        <Card name="agents" label={t('campaigns.live.agentsNow')} value={n(stats.agents)} />
      </dl>
      {stats.pacing && (
        <p className="mt-2 text-xs text-gray-600" data-pacing={stats.pacing.mode}>
          {t('campaigns.live.pacing', { mode: t(`campaigns.mode.${stats.pacing.mode}`), count: stats.pacing.lines, n: n(stats.pacing.lines) })}
          {/* Only predictive pacing works from the answer rate; it is the pacer's estimate (a prior at first), not today's count. */}
          {stats.pacing.mode === 'predictive' && ` ${t('campaigns.live.expects', { rate: formatRate(stats.pacing.answerRate, lng) })}`}
          {stats.pacing.backedOff && <span className="ml-1 font-medium text-amber-800">{t('campaigns.live.backedOff')}</span>}
        </p>
      )}
    </section>
  );
}
