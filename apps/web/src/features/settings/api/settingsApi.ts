import type { ConnectorTestResult, SettingGroup, SettingsAnswer, SourceName } from '@telehub/shared';
import { api } from '../../../lib/api';

/** Query keys for the settings held in the product; one list per group asked for ('all': every group this user may change). */
export const settingsKeys = {
  all: ['settings'] as const,
  list: (group: SettingGroup | 'all') => [...settingsKeys.all, 'list', group] as const,
};

export const settingsApi = {
  list: (group: SettingGroup | 'all', signal?: AbortSignal) =>
    api<SettingsAnswer>('/settings', { query: { group: group === 'all' ? undefined : group }, signal }),
  /** null (or blank) takes the stored value away: the environment's, or the default, applies again. */
  update: (values: Record<string, string | null>) => api<SettingsAnswer>('/settings', { method: 'PATCH', body: { values } }),
  testConnection: (source: SourceName, values: Record<string, string | null>) =>
    api<ConnectorTestResult>(`/sources/${source}/connection-test`, { method: 'POST', body: { values } }),
};
