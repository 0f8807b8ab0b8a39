import { Download, ScrollText } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useUsers } from '../../users';
import type { AuditFilter, AuditQuery } from '../api/auditApi';
import { AuditFilters } from '../components/AuditFilters';
import { AuditTable } from '../components/AuditTable';
import { filterFromParams, hasFilters, PARAM_KEYS, type ParamKey } from '../components/auditParams';
import { useAuditLog, useExportAudit } from '../hooks/useAuditLog';

const PAGE_SIZE = 50;

function ExportButton({ filter, disabled }: { filter: AuditFilter; disabled: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const exporter = useExportAudit();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {exporter.isError && (
        <p role="alert" className="text-sm text-red-700">
          {t('audit.exportFailed', { message: message(exporter.error) })}
        </p>
      )}
      <Button onClick={() => exporter.mutate(filter)} disabled={disabled || exporter.isPending}>
        {exporter.isPending ? <Spinner /> : <Download aria-hidden className="size-4" />}
        {exporter.isPending ? t('audit.exporting') : t('audit.export')}
      </Button>
    </div>
  );
}

export function AuditLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { filter, rangeInvalid } = filterFromParams(params);
  const query: AuditQuery = { ...filter, page, pageSize: PAGE_SIZE };
  const log = useAuditLog(query, !rangeInvalid);
  const users = useUsers();
  const people = [...(users.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));

  /** Any change of filter starts again at the first page. */
  function change(changes: Partial<Record<ParamKey | 'page', string | undefined>>) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  }
  const clear = () => change(Object.fromEntries(PARAM_KEYS.map((k) => [k, undefined])));

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        documentTitle={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={<ExportButton filter={filter} disabled={rangeInvalid} />}
      />
      <section className="min-w-0 overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <AuditFilters params={params} people={people} rangeInvalid={rangeInvalid} onChange={change} onClear={hasFilters(params) ? clear : undefined} />
        {rangeInvalid ? null : log.isPending ? (
          <TableSkeleton />
        ) : !log.data ? (
          <ErrorState title={t('audit.error')} error={log.error} onRetry={() => void log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <EmptyState icon={ScrollText} title={t('audit.empty')} body={hasFilters(params) ? t('audit.emptyBody') : undefined} />
        ) : (
          <>
            {log.isError && <ErrorState title={t('audit.error')} error={log.error} onRetry={() => void log.refetch()} />}
            <AuditTable items={log.data.items} dimmed={log.isPlaceholderData} onOnlyThis={(entity, entityId) => change({ entity, entityId })} />
            <Pagination page={page} pageSize={PAGE_SIZE} total={log.data.total} onPageChange={(p) => change({ page: p > 1 ? String(p) : undefined })} />
          </>
        )}
      </section>
    </>
  );
}
