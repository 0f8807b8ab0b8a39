import type { ReportFilterSet } from '@telehub/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useCampaigns } from '../../campaigns';
import { useTeams, useUsers } from '../../users';

/** A report's filters in words ("Team: North · Source: crm"), names looked up from the lists the filter bar uses. */
export function useFilterWords() {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useUsers();
  const campaigns = useCampaigns();
  return useCallback(
    (fs: ReportFilterSet): string[] => {
      const out: string[] = [];
      if (fs.teamId) out.push(`${t('reports.filters.team')}: ${teams.data?.items.find((x) => x.id === fs.teamId)?.name ?? '…'}`);
      if (fs.campaignId) out.push(`${t('reports.filters.campaign')}: ${campaigns.data?.items.find((x) => x.id === fs.campaignId)?.name ?? '…'}`);
      if (fs.source) out.push(`${t('reports.filters.source')}: ${fs.source}`);
      if (fs.agentId) out.push(`${t('reports.filters.telecaller')}: ${users.data?.items.find((x) => x.id === fs.agentId)?.name ?? '…'}`);
      return out;
    },
    [t, teams.data, users.data, campaigns.data],
  );
}
