import type { QueryClient } from '@tanstack/react-query';
import type { Presence } from '@telehub/shared';
import { workspaceKeys } from './workspaceKeys';

/** A newer presence replaces the one held; an older one (a late answer to a click) does not. */
export function putPresence(qc: QueryClient, p: Presence) {
  qc.setQueryData<Presence>(workspaceKeys.presence(), (held) => (held && Date.parse(held.since) > Date.parse(p.since) ? held : p));
}
