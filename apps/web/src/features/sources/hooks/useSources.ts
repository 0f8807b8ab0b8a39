import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExternalUser, ExternalUserList, MysqlConfigAnswer, MysqlPreview, MysqlSourceConfig, SourceName, SyncRunResult } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { type SyncableSource, sourceKeys, sourcesApi } from '../api/sourcesApi';

/** Asked again every few seconds while a connector is running, so its card follows it. */
export function useSources() {
  return useQuery({
    queryKey: sourceKeys.list(),
    queryFn: ({ signal }) => sourcesApi.list(signal),
    refetchInterval: (q) => (q.state.data?.items.some((s) => s.status === 'running') ? 2000 : 30_000),
  });
}

export function useSyncRuns(source: SourceName) {
  return useQuery({ queryKey: sourceKeys.runs(source), queryFn: ({ signal }) => sourcesApi.runs(source, signal) });
}

/** A sync answers when its run ends; a failed run (503) still changed what it got to. */
export function useSyncNow(source: SyncableSource) {
  const qc = useQueryClient();
  return useMutation<SyncRunResult, Error, void>({
    mutationFn: () => sourcesApi.sync(source),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: sourceKeys.all }), qc.invalidateQueries({ queryKey: leadKeys.all })]),
  });
}

export function useCrmUsers() {
  return useQuery({ queryKey: sourceKeys.users(), queryFn: ({ signal }) => sourcesApi.users(signal) });
}

export function useRefreshCrmUsers() {
  const qc = useQueryClient();
  return useMutation<ExternalUserList, Error, void>({
    mutationFn: () => sourcesApi.refreshUsers(),
    onSuccess: (list) => qc.setQueryData(sourceKeys.users(), list),
  });
}

export function useLinkCrmUser() {
  const qc = useQueryClient();
  return useMutation<ExternalUser, Error, { externalId: string; userId: string | null }>({
    mutationFn: ({ externalId, userId }) => sourcesApi.linkUser(externalId, userId),
    onSuccess: (user) =>
      qc.setQueryData<ExternalUserList>(sourceKeys.users(), (list) => list && { items: list.items.map((u) => (u.externalId === user.externalId ? user : u)) }),
  });
}

export function useMysqlConfig() {
  return useQuery({ queryKey: sourceKeys.mysqlConfig(), queryFn: ({ signal }) => sourcesApi.mysqlConfig(signal) });
}

export function useSaveMysqlConfig() {
  const qc = useQueryClient();
  return useMutation<MysqlConfigAnswer, Error, MysqlSourceConfig>({
    mutationFn: (config) => sourcesApi.saveMysqlConfig(config),
    onSuccess: (answer) => {
      qc.setQueryData(sourceKeys.mysqlConfig(), answer);
      return qc.invalidateQueries({ queryKey: sourceKeys.list() });
    },
  });
}

export function useTestMysql() {
  return useMutation<MysqlPreview, Error, MysqlSourceConfig>({ mutationFn: (config) => sourcesApi.testMysql(config) });
}
