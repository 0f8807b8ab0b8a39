import type { CampaignStats } from '@telehub/shared';
import { ListChecks, Megaphone, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { buttonClass } from '../../../components/ui/Button';
import { useCurrentUser } from '../../auth';
import { CampaignsTable } from '../components/CampaignsTable';
import { useCampaignStatsMany, useCampaigns } from '../hooks/useCampaigns';

/** Campaigns at work first, then drafts, then the finished ones; newest first within each. */
const ORDER = { running: 0, paused: 1, draft: 2, stopped: 3, archived: 4 } as const;

export function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns(30_000);
  const items = [...(campaigns.data?.items ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.createdAt.localeCompare(a.createdAt));
  // Only a campaign at work has agents and abandoned calls today worth asking for.
  const working = items.filter((c) => c.status === 'running' || c.status === 'paused').map((c) => c.id);
  const stats = useCampaignStatsMany(working);
  const statsOf = (id: string): CampaignStats | undefined => stats[working.indexOf(id)]?.data;
  const { abilities } = useCurrentUser();
  const create = (
    <Link to="/campaigns/new" className={buttonClass('primary')}>
      <Plus aria-hidden className="size-4" />
      {t('campaigns.list.add')}
    </Link>
  );
  const actions = (
    <>
      {abilities.editDispositions && (
        <Link to="/campaigns/dispositions" className={buttonClass('secondary')}>
          <ListChecks aria-hidden className="size-4" />
          {t('wrapUp.editor.openOrg')}
        </Link>
      )}
      {create}
    </>
  );

  return (
    <>
      <PageHeader title={t('campaigns.title')} documentTitle={t('campaigns.title')} subtitle={t('campaigns.list.subtitle')} actions={actions} />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={campaigns}
          errorTitle={t('campaigns.list.error')}
          skeletonRows={4}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={Megaphone} title={t('campaigns.list.emptyTitle')} body={t('campaigns.list.emptyBody')} action={create} />}
        >
          {() => <CampaignsTable campaigns={items} statsOf={statsOf} />}
        </QueryView>
      </section>
    </>
  );
}
