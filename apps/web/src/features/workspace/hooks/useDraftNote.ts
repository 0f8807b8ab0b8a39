import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DraftNote } from '@telehub/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { callKeys, callsApi } from '../../calls';

/** Saved this long after the last key typed. */
export const SAVE_AFTER_MS = 700;

/** The note the agent typed on their call as the server keeps it (the wrap-up reads it too). */
export function useDraftNoteQuery(callId: string) {
  return useQuery({
    queryKey: callKeys.draftNote(callId),
    queryFn: ({ signal }) => callsApi.draftNote(callId, signal),
    // Read once per call: the box is the agent's own, and a read later would undo what they type.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type DraftSaveState = 'idle' | 'waiting' | 'saving' | 'saved' | 'failed';

/**
 * The note box during a call: what the agent types is put in the cache at once (the wrap-up opens
 * with it, even before it reaches the server) and saved a moment after they stop typing; what is
 * still unsaved when the box goes away (the call ends) is saved then.
 */
export function useDraftNote(callId: string) {
  const qc = useQueryClient();
  const key = callKeys.draftNote(callId);
  const query = useDraftNoteQuery(callId);
  const [typed, setTyped] = useState<string | null>(null);
  const [state, setState] = useState<DraftSaveState>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Text typed and not yet saved (null: all saved). */
  const unsaved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef(false);

  const save = useCallback(async () => {
    clearTimeout(timer.current);
    const text = unsaved.current;
    if (text === null || saving.current) return;
    saving.current = true;
    setState('saving');
    try {
      const saved = await callsApi.saveDraftNote(callId, text);
      setSavedAt(saved.savedAt);
      setError(null);
      if (unsaved.current === text) {
        unsaved.current = null;
        setState('saved');
      }
    } catch (err) {
      setError(err);
      setState('failed');
    } finally {
      saving.current = false;
    }
    // Typed on while it saved: save that too.
    if (unsaved.current !== null && unsaved.current !== text) timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
  }, [callId]);

  const change = useCallback(
    (text: string) => {
      setTyped(text);
      unsaved.current = text;
      qc.setQueryData<DraftNote>(key, (old) => ({ text, savedAt: old?.savedAt ?? null }));
      setState('waiting');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    },
    [qc, key, save],
  );

  // The box goes away with the call's end: what was typed last still reaches the server.
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      const text = unsaved.current;
      if (text !== null) void callsApi.saveDraftNote(callId, text).catch(() => undefined);
    },
    [callId],
  );

  return {
    query,
    text: typed ?? query.data?.text ?? '',
    change,
    state,
    savedAt: savedAt ?? query.data?.savedAt ?? null,
    error,
    retry: () => void save(),
  };
}
