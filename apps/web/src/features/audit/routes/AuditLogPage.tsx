import { ScrollText } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { NONE, Select } from '../../../components/ui/Select';
import { useUserNames } from '../../users';
import type { AuditQuery } from '../api/auditApi';
import { AuditTable } from '../components/AuditTable';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '../components/auditVocabulary';
import { useAuditLog } from '../hooks/useAuditLog';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const { t } = useTranslation();
  const ids = { action: useId(), entity: useId() };
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query: AuditQuery = {
    action: params.get('action') || undefined,
    entityType: params.get('entity') || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const log = useAuditLog(query);
  const { nameOf } = useUserNames();

  function setParam(key: string, value: string | undefined) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  }

  const actionOptions = [
    { value: NONE, label: t('audit.filters.actionAny') },
    ...Object.entries(AUDIT_ACTIONS).map(([action, key]) => ({ value: action, label: t(`audit.actions.${key}`) })),
  ];
  const entityOptions = [{ value: NONE, label: t('audit.filters.entityAny') }, ...AUDIT_ENTITIES.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))];

  return (
    <>
      <PageHeader title={t('audit.title')} documentTitle={t('audit.title')} subtitle={t('audit.subtitle')} />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <div className="grid gap-2 border-b border-gray-200 p-3 sm:grid-cols-2 sm:p-4 lg:flex">
          <div className="lg:w-72">
            <label htmlFor={ids.action} className="mb-1 block text-xs font-medium text-gray-600">
              {t('audit.filters.action')}
            </label>
            <Select
              id={ids.action}
              value={query.action ?? NONE}
              onValueChange={(v) => setParam('action', v === NONE ? undefined : v)}
              options={actionOptions}
            />
          </div>
          <div className="lg:w-56">
            <label htmlFor={ids.entity} className="mb-1 block text-xs font-medium text-gray-600">
              {t('audit.filters.entityType')}
            </label>
            <Select
              id={ids.entity}
              value={query.entityType ?? NONE}
              onValueChange={(v) => setParam('entity', v === NONE ? undefined : v)}
              options={entityOptions}
            />
          </div>
        </div>
        {log.isPending ? (
          <TableSkeleton />
        ) : !log.data ? (
          <ErrorState title={t('audit.error')} error={log.error} onRetry={() => void log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <EmptyState icon={ScrollText} title={t('audit.empty')} />
        ) : (
          <>
            {log.isError && <ErrorState title={t('audit.error')} error={log.error} onRetry={() => void log.refetch()} />}
            <AuditTable items={log.data.items} nameOf={nameOf} dimmed={log.isPlaceholderData} />
            <Pagination page={page} pageSize={PAGE_SIZE} total={log.data.total} onPageChange={(p) => setParam('page', p > 1 ? String(p) : undefined)} />
          </>
        )}
      </section>
    </>
  );
}
