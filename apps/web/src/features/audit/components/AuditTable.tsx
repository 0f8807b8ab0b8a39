import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';
import type { AuditEntry } from '../api/auditApi';
import { actionLabel, auditSentence, isAuditEntity } from './auditVocabulary';

const ROLES = ['admin', 'manager', 'telecaller'] as const;
const isRole = (v: string | null): v is (typeof ROLES)[number] => v !== null && (ROLES as readonly string[]).includes(v);

function When({ at, className }: { at: string; className?: string }) {
  const lng = useLocale();
  return (
    <span className={className}>
      <time dateTime={at} className="text-gray-800">
        {formatDateTime(at, lng)}
      </time>
      <span className="block text-xs text-gray-500">{formatRelative(at, lng)}</span>
    </span>
  );
}

/** The entry's codes, address and recorded data, opened on demand. */
function Details({ entry, onOnlyThis }: { entry: AuditEntry; onOnlyThis: (entityType: string, entityId: string) => void }) {
  const { t } = useTranslation();
  const data = Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details, null, 2) : null;
  const kind = isAuditEntity(entry.entityType) ? t(`audit.entities.${entry.entityType}`) : entry.entityType;
  return (
    <details className="mt-1 text-xs text-gray-600">
      <summary className="cursor-pointer select-none font-medium text-indigo-700 hover:underline">{t('audit.details.show')}</summary>
      <dl className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
        <dt className="text-gray-500">{t('audit.details.code')}</dt>
        <dd className="min-w-0 [overflow-wrap:anywhere]">
          {actionLabel(entry.action, t)} · <code>{entry.action}</code>
        </dd>
        <dt className="text-gray-500">{t('audit.details.entity')}</dt>
        <dd className="min-w-0 [overflow-wrap:anywhere]">
          {kind}
          {entry.entityId && <code className="ml-1">{entry.entityId}</code>}
        </dd>
        {entry.ip && (
          <>
            <dt className="text-gray-500">{t('audit.details.ip')}</dt>
            <dd className="min-w-0 font-mono [overflow-wrap:anywhere]">{entry.ip}</dd>
          </>
        )}
      </dl>
      {data && (
        <>
          <p className="mt-2 text-gray-500">{t('audit.details.data')}</p>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-gray-50 p-2 font-mono whitespace-pre-wrap text-gray-800 [overflow-wrap:anywhere]">{data}</pre>
        </>
      )}
      {entry.entityId && (
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
          <button
            type="button"
            className="font-medium text-indigo-700 hover:underline"
            onClick={() => entry.entityId && onOnlyThis(entry.entityType, entry.entityId)}
          >
            {t('audit.details.onlyThis')}
          </button>
          {entry.entityType === 'lead' && (
            <Link to={`/leads/${entry.entityId}`} className="font-medium text-indigo-700 hover:underline">
              {t('audit.details.openLead')}
            </Link>
          )}
        </p>
      )}
    </details>
  );
}

/**
 * The log as sentences ("Priya Sharma called Rahul Verma"), newest first. On a phone the time goes
 * under the sentence and the table keeps to the screen's width; details open on demand.
 */
export function AuditTable({
  items,
  dimmed,
  onOnlyThis,
}: {
  items: AuditEntry[];
  dimmed?: boolean;
  onOnlyThis: (entityType: string, entityId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full table-fixed border-collapse text-sm', dimmed && 'opacity-60')} aria-label={t('audit.tableLabel')} aria-busy={dimmed}>
        <DataTableHead columns={[{ label: t('audit.columns.what') }, { label: t('audit.columns.at'), className: 'hidden w-48 sm:table-cell' }]} />
        <tbody className="divide-y divide-gray-100">
          {items.map((e) => (
            <tr key={e.id}>
              <td className={cn(tableCell, 'min-w-0 align-top')}>
                <p className="font-medium text-gray-900 [overflow-wrap:anywhere]">{auditSentence(e, t)}</p>
                {isRole(e.actorRole) ? (
                  <p className="text-xs text-gray-600">{t(`roles.${e.actorRole}`)}</p>
                ) : (
                  e.actorRole === 'system' && <p className="text-xs text-gray-600">{t('audit.systemRole')}</p>
                )}
                <When at={e.at} className="mt-1 block text-xs sm:hidden" />
                <Details entry={e} onOnlyThis={onOnlyThis} />
              </td>
              <td className={cn(tableCell, 'hidden align-top whitespace-nowrap sm:table-cell')}>
                <When at={e.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
