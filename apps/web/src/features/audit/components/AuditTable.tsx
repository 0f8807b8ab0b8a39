import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { AuditEntry } from '../api/auditApi';
import { AUDIT_ACTIONS, isAuditEntity } from './auditVocabulary';

const ROLES = ['admin', 'manager', 'telecaller'] as const;
const isRole = (v: string | null): v is (typeof ROLES)[number] => v !== null && (ROLES as readonly string[]).includes(v);

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export function AuditTable({ items, nameOf, dimmed }: { items: AuditEntry[]; nameOf: (id: string) => string; dimmed?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', dimmed && 'opacity-60')} aria-label={t('audit.tableLabel')} aria-busy={dimmed}>
        <DataTableHead
          columns={[
            { label: t('audit.columns.at') },
            { label: t('audit.columns.actor') },
            { label: t('audit.columns.action') },
            { label: t('audit.columns.entity'), className: 'hidden md:table-cell' },
            { label: t('audit.columns.ip'), className: 'hidden lg:table-cell' },
            { label: t('audit.columns.details'), className: 'hidden xl:table-cell' },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {items.map((e) => {
            const actionKey = AUDIT_ACTIONS[e.action];
            const details = detailsText(e.details);
            return (
              <tr key={e.id}>
                <td className={cn(tableCell, 'whitespace-nowrap text-gray-800')}>
                  <time dateTime={e.at} title={formatDateTime(e.at, lng)}>
                    {formatDateTime(e.at, lng)}
                  </time>
                  <span className="block text-xs text-gray-500">{formatRelative(e.at, lng)}</span>
                </td>
                <td className={cn(tableCell, 'max-w-48')}>
                  <span className="block truncate text-gray-900">{e.actorId ? nameOf(e.actorId) : t('common.system')}</span>
                  {isRole(e.actorRole) && <span className="block text-xs text-gray-600">{t(`roles.${e.actorRole}`)}</span>}
                </td>
                <td className={tableCell}>
                  <span className="block text-gray-900">{actionKey ? t(`audit.actions.${actionKey}`) : e.action}</span>
                  <code className="block text-xs text-gray-500">{e.action}</code>
                </td>
                <td className={cn(tableCell, 'hidden max-w-56 md:table-cell')}>
                  <span className="block text-gray-800">{isAuditEntity(e.entityType) ? t(`audit.entities.${e.entityType}`) : e.entityType}</span>
                  {e.entityId &&
                    (e.entityType === 'lead' ? (
                      <Link to={`/leads/${e.entityId}`} className="block truncate font-mono text-xs text-indigo-700 hover:underline">
                        {e.entityId.slice(0, 8)}
                      </Link>
                    ) : e.entityType === 'user' ? (
                      <span className="block truncate text-xs text-gray-600">{nameOf(e.entityId)}</span>
                    ) : (
                      <span className="block truncate font-mono text-xs text-gray-500" title={e.entityId}>
                        {e.entityId.slice(0, 8)}
                      </span>
                    ))}
                </td>
                <td className={cn(tableCell, 'hidden font-mono text-xs whitespace-nowrap text-gray-600 lg:table-cell')}>{e.ip ?? '—'}</td>
                <td className={cn(tableCell, 'hidden max-w-80 xl:table-cell')}>
                  <span className="line-clamp-2 text-xs text-gray-600 [overflow-wrap:anywhere]" title={details}>
                    {details || '—'}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
