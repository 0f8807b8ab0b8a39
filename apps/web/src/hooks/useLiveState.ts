import { useSyncExternalStore } from 'react';
import { type LiveState, liveState, onLiveState } from '../lib/graphql';

/** Whether the shared live socket is up: the Live / Reconnecting badge of a live page. */
export function useLiveState(): LiveState {
  return useSyncExternalStore(onLiveState, liveState, liveState);
}
