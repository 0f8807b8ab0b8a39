import type { AssignmentRule } from '@telehub/shared';
import { Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber, languageName } from '../../../lib/format';

export function RulesTable({
  rules,
  teamName,
  campaignName,
  onEdit,
  onDelete,
}: {
  rules: AssignmentRule[];
  teamName: (id: string) => string;
  campaignName: (id: string) => string;
  onEdit: (rule: AssignmentRule) => void;
  onDelete: (rule: AssignmentRule) => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();

  function matches(r: AssignmentRule): string[] {
    const parts: string[] = [];
    if (r.campaignId) parts.push(t('assignment.match.campaign', { name: campaignName(r.campaignId) }));
    if (r.language) parts.push(t('assignment.match.language', { name: languageName(r.language, lng) }));
    if (r.tags.length > 0) parts.push(t('assignment.match.tags', { tags: r.tags.join(', ') }));
    return parts.length > 0 ? parts : [t('assignment.match.any')];
  }

  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={t('assignment.tableLabel')}>
        <DataTableHead
          columns={[
            { label: t('assignment.columns.order'), className: 'w-16 text-right' },
            { label: t('assignment.columns.name') },
            { label: t('assignment.columns.matches'), className: 'hidden md:table-cell' },
            { label: t('assignment.columns.team') },
            { label: t('assignment.columns.limit'), className: 'hidden text-right lg:table-cell' },
            { label: t('common.actions'), className: 'text-right', hidden: true },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {rules.map((r) => (
            <tr key={r.id} className={cn(!r.active && 'bg-gray-50/60')}>
              <td className={cn(tableCell, 'text-right text-gray-700 tabular-nums')}>{formatNumber(r.priority, lng)}</td>
              <td className={tableCell}>
                <span className={cn('font-medium', r.active ? 'text-gray-900' : 'text-gray-500')}>{r.name}</span>
                {!r.active && (
                  <span className="ml-2 rounded-full bg-gray-100 px-2 py-0.5 text-xs font-medium text-gray-600 ring-1 ring-gray-200 ring-inset">
                    {t('assignment.paused')}
                  </span>
                )}
                <span className="mt-0.5 block text-xs text-gray-600 md:hidden">{matches(r).join(' · ')}</span>
              </td>
              <td className={cn(tableCell, 'hidden text-gray-800 md:table-cell')}>
                <ul className="space-y-0.5">
                  {matches(r).map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </td>
              <td className={cn(tableCell, 'text-gray-800')}>
                {teamName(r.teamId)}
                {r.matchLanguage && <span className="block text-xs text-gray-600">{t('assignment.sameLanguage')}</span>}
              </td>
              <td className={cn(tableCell, 'hidden text-right text-gray-800 tabular-nums lg:table-cell')}>{formatNumber(r.maxOpenLeads, lng)}</td>
              <td className={cn(tableCell, 'text-right whitespace-nowrap')}>
                <Button size="sm" variant="ghost" onClick={() => onEdit(r)} aria-label={t('assignment.edit', { name: r.name })}>
                  <Pencil aria-hidden className="size-4" />
                  <span className="hidden sm:inline">{t('common.edit')}</span>
                </Button>
                <Button size="sm" variant="ghost" onClick={() => onDelete(r)} aria-label={t('assignment.delete', { name: r.name })}>
                  <Trash2 aria-hidden className="size-4 text-red-600" />
                  <span className="hidden sm:inline">{t('assignment.deleteShort')}</span>
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
