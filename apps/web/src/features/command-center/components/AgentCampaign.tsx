import type { Campaign } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useMoveAgent } from '../../campaigns';
import type { AgentRow } from '../api/floorApi';

/**
 * The agent's campaign; staff may move the agent to another running campaign, or out of any.
 * The board shows the move when the server pushes the agent's new presence.
 */
export function AgentCampaign({ agent, campaigns, canMove }: { agent: AgentRow; campaigns: Campaign[]; canMove: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const move = useMoveAgent();
  const current = agent.campaign;
  if (!canMove) return current ? <span className="whitespace-nowrap">{current.name}</span> : <span className="text-gray-400">—</span>;

  const running = campaigns.filter((c) => c.status === 'running');
  const options = [
    { value: NONE, label: t('commandCenter.board.noCampaign') },
    // The agent's own campaign stays listed even when it is no longer running.
    ...(current && !running.some((c) => c.id === current.id) ? [{ value: current.id, label: current.name }] : []),
    ...running.map((c) => ({ value: c.id, label: c.name })),
  ];
  const busy = move.isPending && move.variables?.userId === agent.user.id;
  return (
    <div className="min-w-40">
      <div className="flex items-center gap-1.5">
        <Select
          size="sm"
          aria-label={t('commandCenter.board.moveAgent', { name: agent.user.name })}
          value={current?.id ?? NONE}
          onValueChange={(v) => {
            const campaignId = v === NONE ? null : v;
            if (campaignId !== (current?.id ?? null)) move.mutate({ userId: agent.user.id, campaignId });
          }}
          options={options}
          disabled={busy}
        />
        {busy && <Spinner className="shrink-0 text-gray-500" />}
      </div>
      {move.isError && move.variables?.userId === agent.user.id && (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-700">
          {t('commandCenter.board.moveFailed', { message: message(move.error) })}
        </p>
      )}
    </div>
  );
}
