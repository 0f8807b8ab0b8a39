import type { CallStatus } from '@telehub/shared';
import { PhoneCall } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';
import { CallStatusBadge } from '../../calls';
import type { LiveCall } from '../api/floorApi';
import { callClock } from './AgentBoard';

export const callStatus = (c: LiveCall) => c.status.toLowerCase() as CallStatus;

/** The calls going on now; choosing one opens its transcript. */
export function LiveCalls({ calls, selectedCallId, onOpenCall }: { calls: LiveCall[]; selectedCallId: string | null; onOpenCall: (id: string) => void }) {
  const { t } = useTranslation();
  const now = useNow();
  if (calls.length === 0) {
    return (
      <p className="flex items-center gap-2 px-4 py-6 text-sm text-gray-600">
        <PhoneCall aria-hidden className="size-4 text-gray-400" />
        {t('commandCenter.calls.empty')}
      </p>
    );
  }
  return (
    <ul className="divide-y divide-gray-100">
      {calls.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            data-call={c.id}
            onClick={() => onOpenCall(c.id)}
            aria-pressed={selectedCallId === c.id}
            aria-label={t('commandCenter.calls.open', { lead: c.lead.name })}
            className={cn(
              'flex w-full items-center gap-3 px-4 py-2.5 text-left text-sm hover:bg-gray-50',
              selectedCallId === c.id && 'bg-indigo-50 hover:bg-indigo-50',
            )}
          >
            <span className="min-w-0 flex-1 truncate text-gray-900">{t('commandCenter.calls.with', { agent: c.telecaller.name, lead: c.lead.name })}</span>
            <CallStatusBadge status={callStatus(c)} />
            <span className="w-14 text-right text-gray-700 tabular-nums">{formatClock(callClock(c, now))}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
