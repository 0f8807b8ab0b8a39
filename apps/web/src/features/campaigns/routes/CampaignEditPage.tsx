import { DIAL_MODES } from '@telehub/shared';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { NotFound } from '../../../components/NotFound';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/errors';
import { useCurrentUser } from '../../auth';
import { useTelephony } from '../../calls';
import { CampaignDispositions } from '../components/dispositions/CampaignDispositions';
import { CampaignEditor } from '../components/editor/CampaignEditor';
import { useCampaign } from '../hooks/useCampaigns';

function Loading() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="mx-auto max-w-4xl space-y-5">
      <Skeleton className="h-64" />
      <Skeleton className="h-48" />
    </div>
  );
}

/** /campaigns/new and /campaigns/:id/edit. */
export function CampaignEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const campaign = useCampaign(id ?? null);
  const telephony = useTelephony();
  const { abilities } = useCurrentUser();
  // The form waits for the provider's modes; when they cannot be read it offers all, and the server refuses what it cannot run.
  const modes = telephony.data?.dialModes ?? (telephony.isError ? [...DIAL_MODES] : null);
  const back = (
    <Link to={id ? `/campaigns/${id}` : '/campaigns'} className="inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
      <ArrowLeft aria-hidden className="size-4" />
      {id ? t('campaigns.form.backToCampaign') : t('campaigns.form.backToList')}
    </Link>
  );

  if (id && campaign.isError) {
    const missing = isApiError(campaign.error) && (campaign.error.status === 404 || campaign.error.status === 400);
    return missing ? (
      <NotFound title={t('campaigns.notFound.title')} body={t('campaigns.notFound.body')} />
    ) : (
      <ErrorState title={t('campaigns.live.error')} error={campaign.error} onRetry={() => void campaign.refetch()} />
    );
  }
  const title = id ? t('campaigns.form.editTitle', { name: campaign.data?.name ?? '…' }) : t('campaigns.form.createTitle');
  return (
    <>
      <div className="mx-auto mb-2 max-w-4xl">{back}</div>
      <div className="mx-auto max-w-4xl">
        <PageHeader title={title} documentTitle={id ? t('campaigns.form.editDocTitle') : t('campaigns.form.createTitle')} />
      </div>
      {(id && !campaign.data) || modes === null ? (
        <Loading />
      ) : (
        <>
          {telephony.isError && <p className="mx-auto mb-4 max-w-4xl text-sm text-amber-800">{t('campaigns.form.modesUnknown')}</p>}
          <CampaignEditor key={campaign.data?.id ?? 'new'} campaign={campaign.data} modes={modes} />
          {campaign.data && abilities.editDispositions && <CampaignDispositions campaignId={campaign.data.id} archived={campaign.data.status === 'archived'} />}
        </>
      )}
    </>
  );
}
