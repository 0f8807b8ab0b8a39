import type { DuplicatePair } from '@telehub/shared';
import { GitMerge, UserX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { cn } from '../../../lib/cn';
import { formatPhone } from '../../../lib/format';
import type { LeadBrief } from '../api/duplicatesApi';
import { ReasonBadges } from './ReasonBadges';

function Brief({ lead }: { lead: LeadBrief }) {
  return (
    <div className="min-w-0">
      <Link to={`/leads/${lead.id}`} className="block truncate font-medium text-gray-900 hover:text-indigo-700 hover:underline">
        {lead.name}
      </Link>
      <span className="block truncate text-xs text-gray-600 tabular-nums">
        {formatPhone(lead.phone)}
        {lead.email ? ` · ${lead.email}` : ''}
        {lead.city ? ` · ${lead.city}` : ''}
      </span>
    </div>
  );
}

export const pairKey = (p: DuplicatePair) => `${p.a.id}:${p.b.id}`;

export function PairsTable({
  pairs,
  dismissing,
  dimmed,
  onReview,
  onDismiss,
}: {
  pairs: DuplicatePair[];
  dismissing: string | null;
  dimmed?: boolean;
  onReview: (pair: DuplicatePair) => void;
  onDismiss: (pair: DuplicatePair) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', dimmed && 'opacity-60')} aria-label={t('duplicates.tableLabel')} aria-busy={dimmed}>
        <DataTableHead
          columns={[
            { label: t('duplicates.columns.a') },
            { label: t('duplicates.columns.b'), className: 'hidden md:table-cell' },
            { label: t('duplicates.columns.why'), className: 'hidden sm:table-cell' },
            { label: t('common.actions'), className: 'text-right', hidden: true },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {pairs.map((pair) => {
            const key = pairKey(pair);
            return (
              <tr key={key}>
                <td className={cn(tableCell, 'max-w-72')}>
                  <Brief lead={pair.a} />
                  <div className="mt-2 md:hidden">
                    <Brief lead={pair.b} />
                  </div>
                  <div className="mt-2 sm:hidden">
                    <ReasonBadges reasons={pair.reasons} />
                  </div>
                </td>
                <td className={cn(tableCell, 'hidden max-w-72 md:table-cell')}>
                  <Brief lead={pair.b} />
                </td>
                <td className={cn(tableCell, 'hidden sm:table-cell')}>
                  <ReasonBadges reasons={pair.reasons} />
                </td>
                <td className={cn(tableCell, 'text-right')}>
                  <div className="flex flex-col items-end gap-1.5 lg:flex-row lg:justify-end">
                    <Button size="sm" onClick={() => onReview(pair)} aria-label={t('duplicates.review', { a: pair.a.name, b: pair.b.name })}>
                      <GitMerge aria-hidden className="size-4" />
                      {t('duplicates.reviewShort')}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={dismissing === key}
                      onClick={() => onDismiss(pair)}
                      aria-label={t('duplicates.dismiss', { a: pair.a.name, b: pair.b.name })}
                    >
                      {dismissing === key ? <Spinner /> : <UserX aria-hidden className="size-4" />}
                      {t('duplicates.dismissShort')}
                    </Button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
