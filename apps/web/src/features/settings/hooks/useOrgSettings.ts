import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConnectorTestResult, SettingGroup, SettingsAnswer, SourceName } from '@telehub/shared';
import { settingsApi, settingsKeys } from '../api/settingsApi';

/** The settings of one group (or 'all' this user may change), each with its value and where it comes from. */
export function useOrgSettings(group: SettingGroup | 'all', opts: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: settingsKeys.list(group), queryFn: ({ signal }) => settingsApi.list(group, signal), enabled: opts.enabled ?? true });
}

/** Every cached list takes its part of the answer (the server answers every group this user may change). */
function putAnswer(qc: QueryClient, answer: SettingsAnswer) {
  for (const query of qc.getQueryCache().findAll({ queryKey: [...settingsKeys.all, 'list'] })) {
    const group = query.queryKey[2] as SettingGroup | 'all';
    qc.setQueryData<SettingsAnswer>(query.queryKey, {
      version: answer.version,
      telephonyProvider: answer.telephonyProvider,
      items: group === 'all' ? answer.items : answer.items.filter((i) => i.group === group),
    });
  }
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation<SettingsAnswer, Error, Record<string, string | null>>({
    mutationFn: (values) => settingsApi.update(values),
    onSuccess: (answer) => putAnswer(qc, answer),
  });
}

/** Tries a connector with the form's values over those in force; stores nothing. */
export function useTestConnection(source: SourceName) {
  return useMutation<ConnectorTestResult, Error, Record<string, string | null>>({ mutationFn: (values) => settingsApi.testConnection(source, values) });
}
