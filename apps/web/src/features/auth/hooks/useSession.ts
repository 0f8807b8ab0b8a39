import type { Abilities, SessionUser } from '@telehub/shared';
import { useSyncExternalStore } from 'react';
import { type SessionState, session } from '../session';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** The signed-in user and abilities; only for components rendered inside RequireAuth. */
export function useCurrentUser(): { user: SessionUser; abilities: Abilities } {
  const state = useSession();
  if (state.status !== 'signedIn') throw new Error('useCurrentUser outside a signed-in route');
  return { user: state.user, abilities: state.abilities };
}
