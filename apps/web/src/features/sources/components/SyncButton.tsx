import { SyncRunResult } from '@telehub/shared';
import { RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { formatNumber } from '../../../lib/format';
import type { SyncableSource } from '../api/sourcesApi';
import { useSyncNow } from '../hooks/useSources';

/** The run a failed sync reports next to its error (502 SYNC_FAILED carries `run`). */
function failedRun(err: unknown): SyncRunResult | null {
  if (!isApiError(err)) return null;
  const parsed = SyncRunResult.safeParse(err.extra.run);
  return parsed.success ? parsed.data : null;
}

function RunOutcome({ run }: { run: SyncRunResult }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const n = (v: number) => formatNumber(v, lng);
  return (
    <>
      <p>
        {t('sources.sync.counts', {
          fetched: n(run.fetched),
          created: n(run.created),
          updated: n(run.updated),
          unchanged: n(run.unchanged),
          failed: n(run.failed),
        })}
      </p>
      {run.errors.length > 0 && (
        <details className="mt-1">
          <summary className="cursor-pointer text-xs font-medium">{t('sources.sync.problems', { count: run.errors.length })}</summary>
          <ul className="mt-1 space-y-0.5 text-xs">
            {run.errors.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems may repeat; their order is their identity.
              <li key={i} className="[overflow-wrap:anywhere]">
                {e.externalId ? t('sources.sync.record', { id: e.externalId, reason: e.reason }) : e.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function SyncButton({ source, disabled, running }: { source: SyncableSource; disabled: boolean; running: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const sync = useSyncNow(source);
  const busy = sync.isPending || running;
  const failed = sync.isError ? failedRun(sync.error) : null;
  return (
    <div className="space-y-2">
      <Button onClick={() => sync.mutate()} disabled={disabled || busy}>
        {busy ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
        {busy ? t('sources.sync.running') : t('sources.sync.now')}
      </Button>
      <div aria-live="polite">
        {sync.isSuccess && (
          <div className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
            <p className="font-medium">{t('sources.sync.done')}</p>
            <RunOutcome run={sync.data} />
          </div>
        )}
        {sync.isError && (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            <p className="font-medium">{message(sync.error)}</p>
            {/* The server's own words name the cause (the CRM's answer, the variable to set). */}
            {isApiError(sync.error) && sync.error.message !== message(sync.error) && <p className="text-xs [overflow-wrap:anywhere]">{sync.error.message}</p>}
            {failed && <RunOutcome run={failed} />}
          </div>
        )}
      </div>
    </div>
  );
}
