/**
 * Who is signed in, outside React so the API client can end the session from anywhere.
 * On load the refresh cookie restores the session; the abilities come from /auth/me.
 */
import type { Abilities, SessionUser } from '@telehub/shared';
import { isApiError } from '../../lib/errors';
import { closeLiveClient } from '../../lib/graphql';
import { queryClient } from '../../lib/queryClient';
import { onRefreshed, onSessionEnded, refreshAccessToken, setAccessToken } from '../../lib/token';
import { authApi } from './api/authApi';

export type SessionState =
  | { status: 'loading' }
  | { status: 'unavailable'; error: unknown }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; user: SessionUser; abilities: Abilities };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();

function setState(next: SessionState) {
  state = next;
  for (const listener of listeners) listener();
}

onSessionEnded(() => {
  if (state.status === 'signedIn') {
    queryClient.clear();
    setState({ status: 'signedOut', expired: true });
  }
});

// A refresh after the server ended a token for a change of role or team: what this user may do
// and see is no longer what the page shows.
onRefreshed(({ user }) => {
  if (state.status !== 'signedIn' || (state.user.role === user.role && state.user.teamId === user.teamId)) return;
  void queryClient.invalidateQueries();
  loadMe().catch(() => undefined);
});

async function loadMe() {
  const me = await authApi.me();
  setState({ status: 'signedIn', user: me.user, abilities: me.abilities });
}

export const session = {
  getState: () => state,

  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },

  /** Restores a session from the refresh cookie; called once when the app starts. */
  async restore() {
    setState({ status: 'loading' });
    try {
      const refreshed = await refreshAccessToken();
      if (!refreshed) {
        setState({ status: 'signedOut', expired: false });
        return;
      }
      await loadMe();
    } catch (err) {
      if (isApiError(err) && err.status === 401) {
        setState({ status: 'signedOut', expired: false });
        return;
      }
      setState({ status: 'unavailable', error: err });
    }
  },

  /** Throws the ApiError of a refused sign-in, for the form to explain. */
  async signIn(email: string, password: string) {
    const res = await authApi.login({ email, password });
    setAccessToken(res.accessToken);
    queryClient.clear();
    await loadMe();
  },

  async signOut() {
    try {
      await authApi.logout();
    } finally {
      setAccessToken(null);
      closeLiveClient();
      queryClient.clear();
      setState({ status: 'signedOut', expired: false });
    }
  },
};
