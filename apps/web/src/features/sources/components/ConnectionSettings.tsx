/**
 * Connections: where TeleHub reaches the Laravel CRM, its legacy MySQL database and its event
 * queue, set in the product over the server's environment. Each connector is tried before it is
 * saved; once saved, the cards above follow it as it turns on or off.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ConnectorTestResult, SettingItem } from '@telehub/shared';
import { CheckCircle2, Database, FlaskConical, Radio, Server, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import {
  AMQP_FIELDS,
  LARAVEL_FIELDS,
  MYSQL_FIELDS,
  SettingsActions,
  SettingsFields,
  SettingsStatus,
  useOrgSettings,
  useSettingsForm,
  useTestConnection,
} from '../../settings';
import { sourceKeys } from '../api/sourcesApi';

const CONNECTORS = [
  { source: 'laravel', fields: LARAVEL_FIELDS, icon: Server },
  { source: 'mysql', fields: MYSQL_FIELDS, icon: Database },
  { source: 'amqp', fields: AMQP_FIELDS, icon: Radio },
] as const;

function TestResult({ result }: { result: ConnectorTestResult }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const Icon = result.ok ? CheckCircle2 : XCircle;
  return (
    <div
      role="status"
      data-test-result={result.ok ? 'ok' : 'failed'}
      className={cn(
        'flex items-start gap-2 rounded-md px-3 py-2 text-sm ring-1',
        result.ok ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-900 ring-red-200',
      )}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 [overflow-wrap:anywhere]">
        <p className="font-medium">
          {result.ok ? t('orgSettings.connections.ok') : t('orgSettings.connections.failed')}
          <span className="ml-2 font-normal text-gray-600 tabular-nums">{t('orgSettings.connections.took', { ms: formatNumber(result.elapsedMs, lng) })}</span>
        </p>
        <p>{result.message}</p>
      </div>
    </div>
  );
}

function ConnectorForm({ source, fields, icon: Icon, items }: (typeof CONNECTORS)[number] & { items: SettingItem[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const test = useTestConnection(source);
  const form = useSettingsForm(fields, items, {
    savedText: t('orgSettings.connections.saved'),
    // The connector turns on, off or over on save: the cards and the MySQL mapping say so.
    onSaved: () => void qc.invalidateQueries({ queryKey: sourceKeys.all }),
  });
  if (form.fields.length === 0) return null;

  function runTest() {
    test.reset();
    const values = form.testValues();
    if (values) test.mutate(values, { onError: form.onTestError });
  }

  return (
    // A form named after its connector (the connector's card above is the region of that name).
    <form
      noValidate
      aria-labelledby={`connection-${source}`}
      data-connector={source}
      className="rounded-lg border border-gray-200 bg-white"
      onSubmit={(e) => {
        e.preventDefault();
        test.reset();
        form.save();
      }}
    >
      <div className="flex items-start gap-2.5 border-b border-gray-200 px-4 py-3">
        <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
        <div className="min-w-0">
          <h3 id={`connection-${source}`} className="text-sm font-semibold text-gray-900">
            {t(`orgSettings.connections.${source}.title`)}
          </h3>
          <p className="text-xs text-gray-600">{t(`orgSettings.connections.${source}.what`)}</p>
        </div>
      </div>
      <div className="px-4">
        <SettingsFields form={form} />
        <div className="space-y-3 border-t border-gray-100 py-3">
          {test.data && <TestResult result={test.data} />}
          <SettingsStatus form={form} />
          <p className="text-xs text-gray-600">{t('orgSettings.connections.testHint')}</p>
          <SettingsActions form={form}>
            <Button onClick={runTest} disabled={test.isPending || form.saving}>
              {test.isPending ? <Spinner /> : <FlaskConical aria-hidden className="size-4" />}
              {test.isPending ? t('orgSettings.connections.testing') : t('orgSettings.connections.test')}
            </Button>
          </SettingsActions>
        </div>
      </div>
    </form>
  );
}

/** Settings > Sources, for admins: the connectors' addresses, secrets and timings. */
export function ConnectionSettings() {
  const { t } = useTranslation();
  const settings = useOrgSettings('sources');
  return (
    <section aria-labelledby="connections-title" className="space-y-3">
      <div>
        <h2 id="connections-title" className="text-base font-semibold text-gray-900">
          {t('orgSettings.connections.title')}
        </h2>
        <p className="text-sm text-gray-600">{t('orgSettings.connections.subtitle')}</p>
      </div>
      {settings.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-4">
          <Skeleton className="h-64 rounded-lg" />
          <Skeleton className="h-32 rounded-lg" />
        </div>
      ) : settings.isError ? (
        <div className="rounded-lg border border-gray-200 bg-white">
          <ErrorState title={t('orgSettings.connections.loadError')} error={settings.error} onRetry={() => void settings.refetch()} />
        </div>
      ) : settings.data.items.length === 0 ? (
        <p className="rounded-lg border border-gray-200 bg-white px-4 py-6 text-sm text-gray-600">{t('orgSettings.rules.empty')}</p>
      ) : (
        <div className="space-y-4">
          {CONNECTORS.map((c) => (
            <ConnectorForm key={c.source} {...c} items={settings.data.items} />
          ))}
        </div>
      )}
    </section>
  );
}
