import type { Campaign, CampaignStats } from '@telehub/shared';
import { Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { buttonClass } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber, formatRate } from '../../../lib/format';
import { CampaignStatusBadge } from './CampaignStatusBadge';
import { overCap } from './rates';

const wide = 'hidden md:table-cell';
const num = 'text-right tabular-nums';

/** Today's abandon rate against the cap, red at or over it. */
function AbandonCell({ stats, cap }: { stats: CampaignStats | undefined; cap: number }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (!stats) return <span className="text-gray-400">—</span>;
  const over = overCap(stats.abandonRate, cap);
  return (
    <span className={cn('whitespace-nowrap', over ? 'font-semibold text-red-700' : 'text-gray-800')} data-over-cap={over || undefined}>
      {formatRate(stats.abandonRate, lng)}
      <span className="ml-1 text-xs font-normal text-gray-500">{t('campaigns.list.ofCap', { cap: formatRate(cap, lng) })}</span>
    </span>
  );
}

/** Every campaign with its state and, for those at work, the agents in it and today's abandon rate. */
export function CampaignsTable({ campaigns, statsOf }: { campaigns: Campaign[]; statsOf: (id: string) => CampaignStats | undefined }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={t('campaigns.list.tableLabel')}>
        <DataTableHead
          columns={[
            { label: t('campaigns.list.name') },
            { label: t('campaigns.list.status') },
            { label: t('campaigns.list.mode'), className: wide },
            { label: t('campaigns.list.members'), className: cn(wide, 'text-right') },
            { label: t('campaigns.list.agentsNow'), className: 'hidden sm:table-cell text-right' },
            { label: t('campaigns.list.abandonToday'), className: cn('hidden sm:table-cell', 'text-right') },
            { label: t('common.actions'), className: 'text-right', hidden: true },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {campaigns.map((c) => {
            const stats = statsOf(c.id);
            return (
              <tr key={c.id} data-campaign={c.name} className={cn(c.status === 'archived' && 'bg-gray-50/60 text-gray-600')}>
                <td className={cn(tableCell, 'max-w-48 sm:max-w-72')}>
                  <Link to={`/campaigns/${c.id}`} className="block rounded font-medium break-words text-indigo-700 hover:underline sm:truncate">
                    {c.name}
                  </Link>
                  {c.description && <p className="truncate text-xs text-gray-600">{c.description}</p>}
                  {/* On a phone the columns that do not fit read as one line under the name. */}
                  <p className="text-xs text-gray-600 md:hidden">
                    {t(`campaigns.mode.${c.dialMode}`)}
                    {stats && (
                      <span className="sm:hidden">
                        {' · '}
                        {t('campaigns.list.agentsShort', { count: stats.agents, n: formatNumber(stats.agents, lng) })}
                        {' · '}
                        <span className={cn(overCap(stats.abandonRate, c.maxAbandonRate) && 'font-semibold text-red-700')}>
                          {t('campaigns.list.abandonShort', { rate: formatRate(stats.abandonRate, lng) })}
                        </span>
                      </span>
                    )}
                  </p>
                </td>
                <td className={tableCell}>
                  <CampaignStatusBadge status={c.status} />
                </td>
                <td className={cn(tableCell, wide)}>
                  {t(`campaigns.mode.${c.dialMode}`)}
                  {c.dialMode === 'power' && (
                    <span className="ml-1 text-xs text-gray-600">{t('campaigns.list.ratio', { ratio: formatNumber(c.ratio, lng) })}</span>
                  )}
                </td>
                <td className={cn(tableCell, wide, num)}>{formatNumber(c.members, lng)}</td>
                <td className={cn(tableCell, num, 'hidden sm:table-cell')}>
                  {stats ? formatNumber(stats.agents, lng) : <span className="text-gray-400">—</span>}
                </td>
                <td className={cn(tableCell, num, 'hidden sm:table-cell')}>
                  <AbandonCell stats={stats} cap={c.maxAbandonRate} />
                </td>
                <td className={cn(tableCell, 'text-right')}>
                  {c.status !== 'archived' && (
                    <Link
                      to={`/campaigns/${c.id}/edit`}
                      className={buttonClass('ghost', 'sm')}
                      aria-label={t('campaigns.list.editNamed', { name: c.name })}
                      title={t('common.edit')}
                    >
                      <Pencil aria-hidden className="size-4" />
                    </Link>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
