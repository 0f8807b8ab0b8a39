import type { TranscriptSegment } from '@telehub/shared';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../lib/errors';
import { onReconnect, subscribe } from '../../../lib/graphql';
import { type LiveSegmentData, TRANSCRIPT, toSegment } from '../api/callsLive';

type State = { callId: string | null; segments: TranscriptSegment[]; error: ApiError | null };

/**
 * A call's transcript as it is spoken, on the shared socket: the lines said so far first, then
 * each new one. After a reconnect it asks only for the lines after the last one it has, so
 * nothing is shown twice or lost.
 */
export function useCallTranscript(callId: string | null) {
  const [state, setState] = useState<State>({ callId, segments: [], error: null });
  const current = useRef(state);
  current.current = state;
  const [generation, setGeneration] = useState(0);
  useEffect(() => onReconnect(() => setGeneration((g) => g + 1)), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each reconnect (or retry) subscribes again, after the last line held
  useEffect(() => {
    if (!callId) return;
    const mine = current.current.callId === callId ? current.current.segments : [];
    if (current.current.callId !== callId) setState({ callId, segments: [], error: null });
    return subscribe<{ transcript: LiveSegmentData }>(
      TRANSCRIPT,
      { callId, afterSeq: mine.at(-1)?.seq ?? -1 },
      {
        next: (d) => {
          const seg = toSegment(d.transcript);
          setState((s) =>
            s.callId !== callId || s.segments.some((x) => x.seq === seg.seq)
              ? s
              : { ...s, error: null, segments: [...s.segments, seg].sort((x, y) => x.seq - y.seq) },
          );
        },
        error: (error) => setState((s) => ({ ...s, error })),
      },
    );
  }, [callId, generation]);
  const retry = () => setGeneration((g) => g + 1);
  return state.callId === callId ? { ...state, retry } : { callId, segments: [], error: null, retry };
}
