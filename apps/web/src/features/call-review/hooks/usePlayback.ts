import { type SyntheticEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useRecording } from '../../calls';

/** The playhead moves at most this often while playing (enough to look smooth, few renders). */
const FRAME_MS = 80;
export const PLAYBACK_RATES: readonly number[] = [1, 1.25, 1.5, 2];

/**
 * Replaying a call: where the playhead is, and an <audio> element on the recording. The position
 * exists before the recording does (from `?t=`, a click on the transcript), so a call can be read
 * at a moment without being listened to; the recording is fetched on the first play (every listen
 * is audited) and starts where the playhead is. Without a recording (`available` false) the
 * playhead is only a place in the call.
 */
export function usePlayback(callId: string, startMs: number, available: boolean) {
  const recording = useRecording(callId);
  const audio = useRef<HTMLAudioElement | null>(null);
  const [positionMs, setPositionMs] = useState(startMs);
  const position = useRef(startMs);
  const [playing, setPlaying] = useState(false);
  const [mediaMs, setMediaMs] = useState<number | null>(null);
  const [rate, setRate] = useState(1);
  /** Start playing once the recording has loaded (a play asked for before it was there). */
  const playOnLoad = useRef(false);

  const moveTo = useCallback((ms: number) => {
    position.current = ms;
    setPositionMs(ms);
  }, []);

  // While playing, follow the element's clock on animation frames (timeupdate comes only ~4 times a second).
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = 0;
    const tick = (now: number) => {
      const el = audio.current;
      if (el && now - last >= FRAME_MS) {
        last = now;
        moveTo(Math.round(el.currentTime * 1000));
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, moveTo]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = rate;
  }, [rate]);

  const ready = recording.state.kind === 'ready';
  const loading = recording.state.kind === 'loading';
  const failed = recording.state.kind === 'failed';
  const load = recording.load;

  /** Moves the playhead; with `play`, plays from there (fetching the recording if need be). */
  const seek = useCallback(
    (ms: number, opts: { play?: boolean } = {}) => {
      const to = Math.max(0, mediaMs === null ? ms : Math.min(ms, mediaMs));
      moveTo(to);
      const el = audio.current;
      if (el && ready) {
        el.currentTime = to / 1000;
        if (opts.play && el.paused) void el.play().catch(() => undefined);
      } else if (opts.play && available && !failed) {
        // Once refused, a recording is fetched again only from the play button, not on every click.
        playOnLoad.current = true;
        if (!loading) void load();
      }
    },
    [mediaMs, moveTo, ready, loading, failed, available, load],
  );

  const toggle = useCallback(() => {
    const el = audio.current;
    if (el && ready) {
      if (el.paused) void el.play().catch(() => undefined);
      else el.pause();
      return;
    }
    if (!available) return;
    playOnLoad.current = true;
    if (!loading) void load();
  }, [ready, loading, available, load]);

  const nextRate = useCallback(() => setRate((r) => PLAYBACK_RATES[(PLAYBACK_RATES.indexOf(r) + 1) % PLAYBACK_RATES.length] ?? 1), []);

  /** What the <audio> element needs: the recording, and the events that move the playhead. */
  const audioProps = {
    ref: audio,
    src: recording.state.kind === 'ready' ? recording.state.url : undefined,
    preload: 'auto' as const,
    onLoadedMetadata: (e: SyntheticEvent<HTMLAudioElement>) => {
      const el = e.currentTarget;
      if (Number.isFinite(el.duration)) setMediaMs(Math.round(el.duration * 1000));
      el.playbackRate = rate;
      el.currentTime = position.current / 1000;
      if (playOnLoad.current) {
        playOnLoad.current = false;
        void el.play().catch(() => undefined);
      }
    },
    onPlay: () => setPlaying(true),
    onPause: (e: SyntheticEvent<HTMLAudioElement>) => {
      setPlaying(false);
      moveTo(Math.round(e.currentTarget.currentTime * 1000));
    },
    onSeeked: (e: SyntheticEvent<HTMLAudioElement>) => moveTo(Math.round(e.currentTarget.currentTime * 1000)),
  };

  return { recording: recording.state, positionMs, playing, mediaMs, rate, nextRate, seek, toggle, audioProps };
}

export type Playback = ReturnType<typeof usePlayback>;
