import type { Campaign } from '@telehub/shared';
import { ArrowRightLeft, Check, Megaphone } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from 'react-i18next';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { useMoveAgent } from '../../campaigns';
import type { AgentRow } from '../api/floorApi';

const NONE = 'none';
const item =
  'relative flex cursor-default select-none items-center gap-2 rounded py-1.5 pr-2 pl-7 text-sm text-gray-900 outline-none data-[highlighted]:bg-indigo-50 data-[disabled]:text-gray-400';

/**
 * The agent's campaign, under their name; staff move the agent to another running campaign, or
 * out of any, from the small menu beside it. The board shows the move when the server pushes it.
 */
export function AgentCampaign({ agent, campaigns, canMove }: { agent: AgentRow; campaigns: Campaign[]; canMove: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const move = useMoveAgent();
  const current = agent.campaign;
  const busy = move.isPending && move.variables?.userId === agent.user.id;
  const running = campaigns.filter((c) => c.status === 'running');
  // The agent's own campaign stays listed even when it is no longer running.
  const choices = current && !running.some((c) => c.id === current.id) ? [current, ...running] : running;

  return (
    <div className="mt-0.5">
      <div className="flex min-w-0 items-start gap-1 text-xs">
        <Megaphone aria-hidden className={cn('mt-px size-3.5 shrink-0', current ? 'text-indigo-600' : 'text-gray-400')} />
        {/* Cut to the column, whole on hover and for screen readers: the board has no width to spare beside the live figures. */}
        <span className={cn('min-w-0 truncate', current ? 'text-indigo-800' : 'text-gray-600')} title={current?.name}>
          {current ? current.name : t('commandCenter.board.noCampaign')}
        </span>
        {canMove && (
          <DropdownMenu.Root>
            <DropdownMenu.Trigger
              className="ml-0.5 shrink-0 rounded p-0.5 text-gray-500 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-50"
              aria-label={t('commandCenter.board.moveAgent', { name: agent.user.name })}
              title={t('commandCenter.board.move')}
              disabled={busy}
            >
              {busy ? <Spinner className="size-3.5" /> : <ArrowRightLeft aria-hidden className="size-3.5" />}
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content
                align="start"
                sideOffset={4}
                className="z-50 max-h-80 min-w-56 overflow-y-auto rounded-md bg-white p-1 shadow-lg ring-1 ring-gray-200"
              >
                <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-gray-600">
                  {t('commandCenter.board.moveAgent', { name: agent.user.name })}
                </DropdownMenu.Label>
                <DropdownMenu.RadioGroup
                  value={current?.id ?? NONE}
                  onValueChange={(v) => {
                    const campaignId = v === NONE ? null : v;
                    if (campaignId !== (current?.id ?? null)) move.mutate({ userId: agent.user.id, campaignId });
                  }}
                >
                  {choices.map((c) => (
                    <DropdownMenu.RadioItem key={c.id} value={c.id} className={item}>
                      <DropdownMenu.ItemIndicator className="absolute left-1.5 inline-flex">
                        <Check aria-hidden className="size-4 text-indigo-600" />
                      </DropdownMenu.ItemIndicator>
                      <span className="truncate">{c.name}</span>
                    </DropdownMenu.RadioItem>
                  ))}
                  <DropdownMenu.Separator className="my-1 h-px bg-gray-200" />
                  <DropdownMenu.RadioItem value={NONE} className={item}>
                    <DropdownMenu.ItemIndicator className="absolute left-1.5 inline-flex">
                      <Check aria-hidden className="size-4 text-indigo-600" />
                    </DropdownMenu.ItemIndicator>
                    {t('commandCenter.board.noCampaign')}
                  </DropdownMenu.RadioItem>
                </DropdownMenu.RadioGroup>
                {running.length === 0 && <p className="px-2 py-1.5 text-xs text-gray-600">{t('commandCenter.board.noRunning')}</p>}
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu.Root>
        )}
      </div>
      {move.isError && move.variables?.userId === agent.user.id && (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-700">
          {t('commandCenter.board.moveFailed', { message: message(move.error) })}
        </p>
      )}
    </div>
  );
}
