import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { leadKeys } from '../../../lib/leadKeys';
import { isRunning } from '../../imports';
import { complianceApi, type DndCheck, dndKeys } from '../api/complianceApi';

export function useDndStats() {
  return useQuery({ queryKey: dndKeys.stats(), queryFn: ({ signal }) => complianceApi.stats(signal) });
}

export function useDndImports() {
  return useQuery({
    queryKey: dndKeys.imports(),
    queryFn: ({ signal }) => complianceApi.imports(signal),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 3000 : false),
  });
}

/** One list upload, asked every second while it runs; when it has ended, stats and leads refresh. */
export function useDndImport(id: string) {
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: dndKeys.import(id),
    queryFn: ({ signal }) => complianceApi.import(id, signal),
    refetchInterval: (q) => (q.state.data && !isRunning(q.state.data) ? false : 1000),
    staleTime: 0,
  });
  const finished = query.data !== undefined && !isRunning(query.data);
  const caughtUp = useRef<string | null>(null);
  useEffect(() => {
    if (finished && caughtUp.current !== id) {
      caughtUp.current = id;
      void qc.invalidateQueries({ queryKey: dndKeys.all, predicate: (q) => q.queryKey[1] !== 'import' });
      void qc.invalidateQueries({ queryKey: leadKeys.all });
    }
  }, [finished, id, qc]);
  return query;
}

export function useUploadDnd() {
  const qc = useQueryClient();
  return useMutation<{ id: string }, Error, { file: File; replace: boolean }>({
    mutationFn: ({ file, replace }) => complianceApi.upload(file, replace),
    onSuccess: () => qc.invalidateQueries({ queryKey: dndKeys.imports() }),
  });
}

export function useDndCheck() {
  return useMutation<DndCheck, Error, string>({ mutationFn: (phone) => complianceApi.check(phone) });
}
