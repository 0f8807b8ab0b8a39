import type { Campaign, CampaignStatus } from '@telehub/shared';
import { Archive, Pause, Play, Square } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import type { CampaignAction } from '../api/campaignsApi';
import { useCampaignAction } from '../hooks/useCampaignMutations';

/** The moves each status offers; the server has the last word (409 with its reason). */
export const ACTIONS_BY_STATUS: Record<CampaignStatus, CampaignAction[]> = {
  draft: ['start', 'archive'],
  running: ['pause', 'stop'],
  paused: ['start', 'stop'],
  stopped: ['start', 'archive'],
  archived: [],
};

const ICONS = { start: Play, pause: Pause, stop: Square, archive: Archive } as const;

/** Start, pause, stop and archive, each asked for again before it happens. */
export function CampaignActions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const act = useCampaignAction();
  const [asking, setAsking] = useState<CampaignAction | null>(null);
  const actions = ACTIONS_BY_STATUS[campaign.status];
  // A paused campaign starts again: the button says so.
  const label = (a: CampaignAction) => (a === 'start' && campaign.status === 'paused' ? t('campaigns.actions.resume') : t(`campaigns.actions.${a}`));

  function confirm() {
    if (!asking) return;
    act.mutate({ id: campaign.id, action: asking }, { onSuccess: () => setAsking(null) });
  }

  if (actions.length === 0) return null;
  return (
    <>
      {actions.map((a) => {
        const Icon = ICONS[a];
        return (
          <Button
            key={a}
            variant={a === 'start' ? 'primary' : a === 'stop' ? 'danger' : 'secondary'}
            onClick={() => {
              act.reset();
              setAsking(a);
            }}
            disabled={act.isPending}
            data-action={a}
          >
            <Icon aria-hidden className="size-4" />
            {label(a)}
          </Button>
        );
      })}
      {asking && (
        <Dialog
          open
          onOpenChange={(open) => !open && !act.isPending && setAsking(null)}
          title={t(`campaigns.actions.confirm.${asking}Title`, { name: campaign.name })}
          description={t(`campaigns.actions.confirm.${asking}Body`)}
        >
          {act.isError && <Alert>{t('campaigns.actions.failed', { message: message(act.error) })}</Alert>}
          <DialogActions>
            <Button onClick={() => setAsking(null)} disabled={act.isPending}>
              {t('common.cancel')}
            </Button>
            <Button variant={asking === 'stop' || asking === 'archive' ? 'danger' : 'primary'} onClick={confirm} disabled={act.isPending} data-confirm={asking}>
              {act.isPending && <Spinner />}
              {label(asking)}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
