import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useCurrentUser } from '../../auth';
import { ConnectionSettings } from '../components/ConnectionSettings';
import { CrmUsers } from '../components/CrmUsers';
import { MysqlConfigForm } from '../components/MysqlConfigForm';
import { OutboxCard } from '../components/OutboxCard';
import { RunHistory } from '../components/RunHistory';
import { SourceCard } from '../components/SourceCard';
import { useMysqlConfig, useSources } from '../hooks/useSources';

function MysqlSection() {
  const { t } = useTranslation();
  const config = useMysqlConfig();
  return (
    <section aria-labelledby="mysql-mapping" className="rounded-lg border border-gray-200 bg-white">
      <div className="border-b border-gray-200 px-4 py-3">
        <h2 id="mysql-mapping" className="text-sm font-semibold text-gray-900">
          {t('sources.mysql.title')}
        </h2>
        <p className="text-xs text-gray-600">{config.data?.configured === false ? t('sources.mysql.whatOff') : t('sources.mysql.what')}</p>
      </div>
      {config.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-3 p-4">
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-2/3" />
        </div>
      ) : config.isError ? (
        <ErrorState title={t('sources.mysql.loadError')} error={config.error} onRetry={() => void config.refetch()} />
      ) : (
        <MysqlConfigForm saved={config.data.config} configured={config.data.configured} />
      )}
    </section>
  );
}

export function SourcesPage() {
  const { t } = useTranslation();
  const sources = useSources();
  const { abilities } = useCurrentUser();
  const laravel = sources.data?.items.find((s) => s.source === 'laravel');
  return (
    <>
      <PageHeader title={t('sources.title')} documentTitle={t('sources.title')} subtitle={t('sources.subtitle')} />
      <div className="space-y-5">
        {sources.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="grid gap-4 lg:grid-cols-3">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-64 rounded-lg" />
            ))}
          </div>
        ) : sources.isError ? (
          <ErrorState title={t('sources.error')} error={sources.error} onRetry={() => void sources.refetch()} />
        ) : (
          <>
            <div className="grid items-stretch gap-4 lg:grid-cols-3">
              {sources.data.items.map((s) => (
                <SourceCard key={s.source} source={s} />
              ))}
            </div>
            <OutboxCard outbox={sources.data.outbox} />
          </>
        )}
        {abilities.manageSettings && <ConnectionSettings />}
        <RunHistory />
        <CrmUsers configured={laravel?.configured ?? false} />
        <MysqlSection />
      </div>
    </>
  );
}
