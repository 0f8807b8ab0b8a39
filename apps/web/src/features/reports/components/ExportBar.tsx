import { CheckCircle2, Download, FileSpreadsheet, FileText, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import type { ExportFormat } from '../api/reportsApi';
import type { useReportExport } from '../hooks/useReportExport';
import { useReportFormat } from '../hooks/useReportFormat';

type Exporter = ReturnType<typeof useReportExport>;

const FORMATS: { format: ExportFormat; icon: typeof FileText }[] = [
  { format: 'xlsx', icon: FileSpreadsheet },
  { format: 'pdf', icon: FileText },
  { format: 'csv', icon: FileText },
];

/** Excel, PDF and CSV of the report on screen, in the interface language. */
export function ExportButtons({ exporter, onExport }: { exporter: Exporter; onExport: (format: ExportFormat) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="flex min-w-0 flex-wrap items-center gap-1.5">
      <legend className="sr-only">{t('reports.export.label')}</legend>
      <span aria-hidden className="mr-0.5 hidden items-center gap-1 text-sm text-gray-600 sm:inline-flex">
        <Download className="size-4" />
        {t('reports.export.label')}
      </span>
      {FORMATS.map(({ format, icon: Icon }) => (
        <Button
          key={format}
          size="sm"
          onClick={() => onExport(format)}
          disabled={exporter.busy}
          aria-label={t('reports.export.start', { format: t(`reports.export.${format}`) })}
          data-export={format}
        >
          <Icon aria-hidden className="size-4" />
          {t(`reports.export.${format}`)}
        </Button>
      ))}
    </fieldset>
  );
}

/** Where the file is: its progress while written, then the button to save it, or what went wrong. */
export function ExportStatus({ exporter }: { exporter: Exporter }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const f = useReportFormat();
  const { state, job } = exporter;
  if (state.phase === 'idle') return null;
  const format = t(`reports.export.${state.format}`);
  const close = (
    <Button size="sm" variant="ghost" onClick={exporter.reset} aria-label={t('reports.export.dismiss')} className="ml-auto">
      <X aria-hidden className="size-4" />
    </Button>
  );

  const failure =
    state.phase === 'error'
      ? state.error
      : state.phase === 'job' && job.isError
        ? job.error
        : job.data?.status === 'failed'
          ? new Error(job.data.error ?? '')
          : null;
  if (failure)
    return (
      <div role="alert" className="flex items-start gap-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
        <p className="min-w-0">{t('reports.export.failed', { format, message: message(failure) })}</p>
        {close}
      </div>
    );

  if (state.phase === 'directDone' || (state.phase === 'job' && job.data?.status === 'done')) {
    return (
      <div role="status" className="flex flex-wrap items-center gap-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 ring-1 ring-emerald-200">
        <CheckCircle2 aria-hidden className="size-4 shrink-0" />
        <p className="min-w-0">{state.phase === 'directDone' ? t('reports.export.directDone', { format }) : t('reports.export.ready', { format })}</p>
        {state.phase === 'job' && (
          <Button size="sm" variant="primary" onClick={() => void exporter.download()} disabled={exporter.downloading} data-download>
            {exporter.downloading ? <Spinner /> : <Download aria-hidden className="size-4" />}
            {exporter.downloading ? t('reports.export.downloading') : t('reports.export.download', { format })}
          </Button>
        )}
        {exporter.downloadError != null && (
          <p role="alert" className="w-full text-red-700">
            {t('reports.export.failed', { format, message: message(exporter.downloadError) })}
          </p>
        )}
        {close}
      </div>
    );
  }

  const data = state.phase === 'job' ? job.data : undefined;
  const total = data?.totalRows ?? null;
  const rows = data?.rows ?? 0;
  const share = total ? Math.min(1, rows / total) : null;
  return (
    <div role="status" className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-900 ring-1 ring-indigo-200">
      <Spinner className="shrink-0" />
      <p className="min-w-0">{state.phase === 'direct' ? t('reports.export.direct', { format }) : t('reports.export.preparing', { format })}</p>
      {state.phase === 'job' && (
        <div className="flex min-w-48 flex-1 items-center gap-2">
          <div
            role="progressbar"
            aria-label={t('reports.export.progress', { format })}
            aria-valuemin={0}
            aria-valuemax={total ?? undefined}
            aria-valuenow={total ? rows : undefined}
            aria-valuetext={total ? t('reports.export.rows', { rows: f.n(rows), total: f.n(total) }) : t('reports.export.rowsUnknown', { rows: f.n(rows) })}
            className="h-2 flex-1 overflow-hidden rounded-full bg-indigo-100"
          >
            <div
              className={share === null ? 'h-full w-1/3 animate-pulse rounded-full bg-indigo-400' : 'h-full rounded-full bg-indigo-600 transition-[width]'}
              style={share === null ? undefined : { width: `${Math.round(share * 100)}%` }}
            />
          </div>
          <span className="text-xs whitespace-nowrap tabular-nums">
            {total ? t('reports.export.rows', { rows: f.n(rows), total: f.n(total) }) : t('reports.export.rowsUnknown', { rows: f.n(rows) })}
          </span>
        </div>
      )}
    </div>
  );
}
