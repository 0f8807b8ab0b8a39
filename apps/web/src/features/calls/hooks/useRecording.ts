import { useCallback, useEffect, useState } from 'react';
import { callsApi } from '../api/callsApi';

export type RecordingState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; url: string } | { kind: 'failed'; error: unknown };

/**
 * A call's recording, fetched with the bearer token only when asked for (every listen is audited),
 * then played from memory; the object URL is let go when the screen closes.
 */
export function useRecording(callId: string) {
  const [state, setState] = useState<RecordingState>({ kind: 'idle' });
  const url = state.kind === 'ready' ? state.url : null;

  useEffect(() => () => void (url && URL.revokeObjectURL(url)), [url]);

  const load = useCallback(async () => {
    setState({ kind: 'loading' });
    try {
      const blob = await callsApi.recording(callId);
      setState({ kind: 'ready', url: URL.createObjectURL(blob) });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }, [callId]);

  return { state, load };
}
