import { useQueryClient } from '@tanstack/react-query';
import { useLiveSubscription } from '../../../hooks/useLiveSubscription';
import { applyCallChange } from '../api/callCache';
import { CALL_CHANGED, type CallChange, type LiveCallData, toCallChange } from '../api/callsLive';

/**
 * A telecaller's calls as they change (status, disposition, recording), on the shared socket.
 * Each change lands in the call's cache; `onChange` hears it with what was known of the call
 * before (undefined: a call not heard of), to refresh what depends on it.
 */
export function useCallChanges(telecallerId: string, onChange: (change: CallChange, before: CallChange | undefined) => void) {
  const qc = useQueryClient();
  return useLiveSubscription<{ callStatusChanged: LiveCallData }>(CALL_CHANGED, { telecallerId }, (d) => {
    const change = toCallChange(d.callStatusChanged);
    if (change) onChange(change, applyCallChange(qc, change));
  });
}
