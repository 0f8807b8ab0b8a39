import { type Battlecard, OBJECTION_TYPES, type ObjectionType } from '@telehub/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Alert } from '../../../components/ui/Alert';
import { NONE, Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { BattlecardEditor } from '../components/BattlecardEditor';
import { BattlecardTile } from '../components/BattlecardTile';
import { useCampaignNames } from '../hooks/useCampaignNames';
import { useBattlecards } from '../hooks/useKnowledge';

/** /settings/battlecards: the eight objections, for the default cards or one campaign, each opening its editor. */
export function BattlecardsPage() {
  const { t } = useTranslation();
  const scopeField = useId();
  const [params, setParams] = useSearchParams();
  const campaignId = params.get('campaign');
  const cards = useBattlecards();
  const { campaigns, nameOf } = useCampaignNames();
  const [editing, setEditing] = useState<ObjectionType | null>(null);
  const campaign = campaignId ? { id: campaignId, name: nameOf(campaignId) } : null;

  const all = cards.data?.items ?? [];
  const defaults = new Map(all.filter((c) => c.campaignId === null).map((c) => [c.objection, c]));
  const own = new Map(all.filter((c) => campaignId !== null && c.campaignId === campaignId).map((c) => [c.objection, c]));
  const editingCard: Battlecard | undefined = editing ? (campaign ? own.get(editing) : defaults.get(editing)) : undefined;

  return (
    <>
      <PageHeader title={t('battlecards.title')} documentTitle={t('battlecards.title')} subtitle={t('battlecards.subtitle')} />
      <div className="mb-4 max-w-sm">
        <label htmlFor={scopeField} className="mb-1 block text-sm font-medium text-gray-800">
          {t('battlecards.scope')}
        </label>
        <Select
          id={scopeField}
          value={campaignId ?? NONE}
          onValueChange={(v) => setParams(v === NONE ? {} : { campaign: v })}
          options={[{ value: NONE, label: t('battlecards.scopeDefault') }, ...campaigns.map((c) => ({ value: c.id, label: c.name }))]}
        />
      </div>
      {cards.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
          {OBJECTION_TYPES.map((o) => (
            <Skeleton key={o} className="h-40" />
          ))}
        </div>
      ) : cards.isError ? (
        <ErrorState title={t('battlecards.error')} error={cards.error} onRetry={() => void cards.refetch()} />
      ) : (
        <>
          {defaults.size === 0 && (
            <Alert tone="info" className="mb-4">
              {t('battlecards.noDefaults')}
            </Alert>
          )}
          <ul aria-label={t('battlecards.gridLabel')} className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {OBJECTION_TYPES.map((o) => (
              <li key={o}>
                <BattlecardTile
                  objection={o}
                  card={campaign ? own.get(o) : defaults.get(o)}
                  fallback={campaign ? defaults.get(o) : undefined}
                  forCampaign={campaign !== null}
                  onEdit={() => setEditing(o)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {editing && (
        <BattlecardEditor
          key={`${campaignId ?? 'default'}-${editing}-${editingCard?.updatedAt ?? 'new'}`}
          open
          onOpenChange={(open) => !open && setEditing(null)}
          objection={editing}
          campaign={campaign}
          card={editingCard}
        />
      )}
    </>
  );
}
