import type { Callback } from '@telehub/shared';
import { BellRing, Phone, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { formatTime } from '../../../lib/format';
import { useCallbacks } from '../hooks/useWorkspaceData';
import { isDue } from './callbackTime';

/**
 * Pops up when one of the agent's callbacks falls due (other than the lead on screen), with a
 * way to call at once. Dismissed ones stay quiet for this visit.
 */
export function CallbackDueBanner({
  currentLeadId,
  canCall,
  onCallNow,
}: {
  currentLeadId: string | null;
  canCall: boolean;
  onCallNow: (cb: Callback) => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const callbacks = useCallbacks();
  const now = useNow(5_000);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const due = (callbacks.data?.items ?? []).find((c) => isDue(c, now) && c.leadId !== currentLeadId && !dismissed.has(c.id));
  if (!due) return null;

  return (
    <div
      role="alert"
      className="mb-4 flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 shadow-sm ring-1 ring-amber-300"
    >
      <BellRing aria-hidden className="size-5 shrink-0 text-amber-600" />
      <p className="min-w-0 flex-1 font-medium">{t('workspace.due.title', { name: due.leadName, time: formatTime(due.dueAt, lng) })}</p>
      <div className="flex items-center gap-2">
        <Button size="sm" variant="primary" onClick={() => onCallNow(due)} disabled={!canCall} title={canCall ? undefined : t('workspace.due.busy')}>
          <Phone aria-hidden className="size-4" />
          {t('workspace.due.callNow')}
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setDismissed((s) => new Set(s).add(due.id))}
          aria-label={t('workspace.due.dismiss', { name: due.leadName })}
        >
          <X aria-hidden className="size-4" />
        </Button>
      </div>
    </div>
  );
}
