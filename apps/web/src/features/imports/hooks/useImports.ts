import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportPreview, ImportStatus, StartImportBody } from '@telehub/shared';
import { useEffect, useRef } from 'react';
import { leadKeys } from '../../../lib/leadKeys';
import { importKeys } from '../api/importKeys';
import { importsApi, isRunning } from '../api/importsApi';

export function usePreviewImport() {
  return useMutation<ImportPreview, Error, File>({ mutationFn: (file) => importsApi.preview(file) });
}

export function useStartImport() {
  const qc = useQueryClient();
  return useMutation<ImportStatus, Error, { id: string; body: StartImportBody }>({
    mutationFn: ({ id, body }) => importsApi.start(id, body),
    onSuccess: async (status) => {
      qc.setQueryData(importKeys.detail(status.id), status);
      await qc.invalidateQueries({ queryKey: importKeys.list() });
    },
  });
}

/** One import, asked again every second while it is queued or running. */
export function useImportStatus(id: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: importKeys.detail(id),
    queryFn: ({ signal }) => importsApi.get(id, signal),
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data) ? false : 1000),
    staleTime: 0,
  });
  // Once it has ended (seen ending here, or already over when opened), the leads it created or
  // merged show up in every list.
  const finished = query.data !== undefined && !isRunning(query.data);
  const caughtUp = useRef<string | null>(null);
  useEffect(() => {
    if (finished && caughtUp.current !== id) {
      caughtUp.current = id;
      void qc.invalidateQueries({ queryKey: leadKeys.all });
      void qc.invalidateQueries({ queryKey: importKeys.list() });
    }
  }, [finished, id, qc]);
  return query;
}

export function useRecentImports() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => importsApi.list(signal),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 3000 : false),
  });
}

export function useDownloadRejects() {
  return useMutation<void, Error, { id: string; filename: string }>({ mutationFn: ({ id, filename }) => importsApi.downloadRejects(id, filename) });
}
