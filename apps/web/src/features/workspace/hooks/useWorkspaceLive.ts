import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLiveSubscription } from '../../../hooks/useLiveSubscription';
import { onReconnect } from '../../../lib/graphql';
import { leadKeys } from '../../../lib/leadKeys';
import { useCurrentUser } from '../../auth';
import { type CallChange, callKeys, useCallChanges } from '../../calls';
import { type LivePresence, PRESENCE_CHANGED, toPresence } from '../api/workspaceApi';
import { putPresence } from '../api/workspaceCache';
import { workspaceKeys } from '../api/workspaceKeys';
import { callImpact } from './callImpact';

function refreshAfter(qc: QueryClient, change: CallChange, before: CallChange | undefined) {
  const { placed, connected, ended, wrappedUp, recorded } = callImpact(before, change);
  // A wrap-up saved here reloads all this itself before the form closes (useDispose).
  const savedHere =
    qc.isMutating({ mutationKey: workspaceKeys.dispose(), predicate: (m) => (m.state.variables as { callId?: string } | undefined)?.callId === change.id }) > 0;
  const keys = new Map<string, readonly unknown[]>();
  const add = (...list: (readonly unknown[])[]) => {
    for (const k of list) keys.set(JSON.stringify(k), k);
  };
  // Today's calls and connects move as the call is dialled and answered, not only once it is over.
  if (placed || connected) add(workspaceKeys.today());
  if (ended || (wrappedUp && !savedHere)) add(workspaceKeys.today(), callKeys.lists());
  if (wrappedUp && !savedHere) add(workspaceKeys.nexts(), workspaceKeys.callbacks(), leadKeys.details(), leadKeys.timelines(), leadKeys.lists());
  if (recorded) add(callKeys.lists());
  for (const queryKey of keys.values()) void qc.invalidateQueries({ queryKey });
}

/**
 * Keeps the workspace current over the shared socket, without asking on a timer: the agent's
 * calls and presence as they change, and what a call moves (today's numbers, the queue, the
 * callbacks, the lead's history) read again when it ends, is wrapped up or gets its recording.
 * When the socket comes back after a drop, everything on screen is read once again.
 */
export function useWorkspaceLive() {
  const qc = useQueryClient();
  const { user } = useCurrentUser();
  useCallChanges(user.id, (change, before) => refreshAfter(qc, change, before));
  useLiveSubscription<{ presenceChanged: LivePresence }>(PRESENCE_CHANGED, { userId: user.id }, (d) => {
    const p = toPresence(d.presenceChanged);
    if (p) putPresence(qc, p);
  });
  useEffect(
    () =>
      onReconnect(() => {
        for (const queryKey of [workspaceKeys.all, callKeys.details(), callKeys.lists(), leadKeys.all]) void qc.invalidateQueries({ queryKey });
      }),
    [qc],
  );
}
