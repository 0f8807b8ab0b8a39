import type { CallWithLead } from '@telehub/shared';
import { isTerminalStatus } from '@telehub/shared';
import { useState } from 'react';
import { AssistPanel } from '../../assist';
import { useShortcuts } from '../hooks/useShortcuts';

/** Live assist beside the transcript; R asks for a reply to say next. */
export function CallAssist({ call }: { call: CallWithLead }) {
  const live = !isTerminalStatus(call.status);
  const [signal, setSignal] = useState(0);
  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified || !live || (e.key !== 'r' && e.key !== 'R')) return false;
    setSignal((n) => n + 1);
    return true;
  });
  return <AssistPanel callId={call.id} live={live} canSuggest suggestSignal={signal} />;
}
