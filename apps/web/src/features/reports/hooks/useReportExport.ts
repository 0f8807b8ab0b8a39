import { useQuery } from '@tanstack/react-query';
import type { ReportExport, ReportFilters, ReportKind } from '@telehub/shared';
import { useCallback, useState } from 'react';
import { isApiError } from '../../../lib/errors';
import { type ExportFormat, type Lang, reportKeys, reportsApi } from '../api/reportsApi';

export type ExportState =
  | { phase: 'idle' }
  | { phase: 'starting'; format: ExportFormat }
  /** The server writes the file; its progress is polled. */
  | { phase: 'job'; format: ExportFormat; jobId: string }
  /** The file comes straight from the report's path. */
  | { phase: 'direct'; format: ExportFormat }
  | { phase: 'directDone'; format: ExportFormat }
  | { phase: 'error'; format: ExportFormat; error: unknown };

const working = (job: ReportExport | undefined) => !job || job.status === 'queued' || job.status === 'running';

/**
 * A report as a file, in the interface language: the export service writes it (polled every
 * second for its progress), then it is fetched with the bearer token when asked for. Where that
 * service cannot take the job (a server without it answers "no route"; a role it does not serve
 * answers FORBIDDEN) the file is fetched straight from the report's own path, which every reader
 * may use for what they may see.
 */
export function useReportExport() {
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const jobId = state.phase === 'job' ? state.jobId : null;
  const job = useQuery({
    queryKey: reportKeys.export(jobId ?? ''),
    queryFn: ({ signal }) => reportsApi.exportJob(jobId ?? '', signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (working(q.state.data) ? 1000 : false),
    retry: 2,
  });
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const start = useCallback(async (kind: ReportKind, query: ReportFilters, format: ExportFormat, lang: Lang) => {
    setState({ phase: 'starting', format });
    setDownloadError(null);
    try {
      const created = await reportsApi.createExport({ kind, format, query: { ...query, lang } });
      setState({ phase: 'job', format, jobId: created.id });
    } catch (err) {
      const noService = isApiError(err) && ((err.status === 404 && err.code === 'NOT_FOUND') || err.code === 'FORBIDDEN');
      if (!noService) return setState({ phase: 'error', format, error: err });
      setState({ phase: 'direct', format });
      try {
        await reportsApi.downloadDirect(kind, query, format, lang);
        setState({ phase: 'directDone', format });
      } catch (direct) {
        setState({ phase: 'error', format, error: direct });
      }
    }
  }, []);

  const download = useCallback(async () => {
    if (!job.data) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      await reportsApi.downloadExport(job.data);
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  }, [job.data]);

  const reset = useCallback(() => {
    setState({ phase: 'idle' });
    setDownloadError(null);
  }, []);

  const busy = state.phase === 'starting' || state.phase === 'direct' || (state.phase === 'job' && working(job.data) && !job.isError);
  return { state, job, start, download, downloading, downloadError, reset, busy };
}
