import type {
  ExternalUser,
  ExternalUserList,
  MysqlConfigAnswer,
  MysqlPreview,
  MysqlSourceConfig,
  SourceList,
  SourceName,
  SyncRunList,
  SyncRunResult,
} from '@telehub/shared';
import { api } from '../../../lib/api';

/** Query keys for the data sources; a sync invalidates `all`. */
export const sourceKeys = {
  all: ['sources'] as const,
  list: () => [...sourceKeys.all, 'list'] as const,
  runs: (source: SourceName) => [...sourceKeys.all, 'runs', source] as const,
  users: () => [...sourceKeys.all, 'laravel-users'] as const,
  mysqlConfig: () => [...sourceKeys.all, 'mysql-config'] as const,
};

export type SyncableSource = Extract<SourceName, 'laravel' | 'mysql'>;

export const sourcesApi = {
  list: (signal?: AbortSignal) => api<SourceList>('/sources', { signal }),
  runs: (source: SourceName, signal?: AbortSignal) => api<SyncRunList>(`/sources/${source}/runs`, { query: { limit: 20 }, signal }),
  sync: (source: SyncableSource) => api<SyncRunResult>(`/sources/${source}/sync`, { method: 'POST' }),
  users: (signal?: AbortSignal) => api<ExternalUserList>('/sources/laravel/users', { signal }),
  refreshUsers: () => api<ExternalUserList>('/sources/laravel/users/refresh', { method: 'POST' }),
  linkUser: (externalId: string, userId: string | null) =>
    api<ExternalUser>(`/sources/laravel/users/${encodeURIComponent(externalId)}`, { method: 'PUT', body: { userId } }),
  mysqlConfig: (signal?: AbortSignal) => api<MysqlConfigAnswer>('/sources/mysql/config', { signal }),
  saveMysqlConfig: (config: MysqlSourceConfig) => api<MysqlConfigAnswer>('/sources/mysql/config', { method: 'PUT', body: config }),
  testMysql: (config: MysqlSourceConfig) => api<MysqlPreview>('/sources/mysql/test', { method: 'POST', body: { config } }),
};
