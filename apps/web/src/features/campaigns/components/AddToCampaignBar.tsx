import { ListPlus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { useAddCampaignLeads } from '../hooks/useCampaignMutations';
import { useCampaigns } from '../hooks/useCampaigns';

/** The leads ticked on the leads page, added to a campaign's queue (any campaign not archived). */
export function AddToCampaignBar({ leadIds }: { leadIds: string[] }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const selectId = useId();
  const campaigns = useCampaigns();
  const add = useAddCampaignLeads();
  const [campaignId, setCampaignId] = useState('');
  const open = (campaigns.data?.items ?? []).filter((c) => c.status !== 'archived').sort((a, b) => a.name.localeCompare(b.name));
  const done = add.isSuccess ? open.find((c) => c.id === add.variables?.id) : undefined;

  return (
    <section
      aria-label={t('campaigns.toCampaign.label')}
      className="flex flex-wrap items-center gap-2 border-b border-indigo-200 bg-indigo-50/60 px-3 py-2 sm:px-4"
    >
      <label htmlFor={selectId} className="text-sm font-medium text-indigo-900">
        {t('campaigns.toCampaign.label')}
      </label>
      <div className="w-full sm:w-56">
        <Select
          id={selectId}
          size="sm"
          value={campaignId}
          placeholder={campaigns.isPending ? t('common.loading') : t('campaigns.toCampaign.pick')}
          onValueChange={(v) => {
            add.reset();
            setCampaignId(v);
          }}
          options={open.map((c) => ({ value: c.id, label: c.name, hint: t(`campaigns.status.${c.status}`) }))}
          disabled={open.length === 0}
        />
      </div>
      <Button size="sm" variant="primary" disabled={!campaignId || add.isPending} onClick={() => add.mutate({ id: campaignId, leadIds })}>
        {add.isPending ? <Spinner /> : <ListPlus aria-hidden className="size-4" />}
        {t('campaigns.toCampaign.add', { count: leadIds.length, n: formatNumber(leadIds.length, lng) })}
      </Button>
      {add.isSuccess && (
        <p role="status" className="text-sm text-indigo-900">
          {t('campaigns.toCampaign.done', { count: add.data.added, n: formatNumber(add.data.added, lng), name: done?.name ?? '' })}
        </p>
      )}
      {campaigns.isSuccess && open.length === 0 && <p className="text-sm text-gray-700">{t('campaigns.toCampaign.none')}</p>}
      {add.isError && (
        <p role="alert" className="w-full text-sm text-red-700">
          {t('campaigns.addLeads.failed', { message: message(add.error) })}
        </p>
      )}
    </section>
  );
}
