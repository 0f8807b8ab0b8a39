import { useCallback, useEffect, useState } from 'react';

export type Density = 'comfortable' | 'compact';
export type DisplayPrefs = { density: Density; wall: boolean };

const KEY = 'telehub.commandCenter.display';
const DEFAULTS: DisplayPrefs = { density: 'comfortable', wall: false };

/** The stored choice, or the defaults for anything missing, unreadable or from an older shape. */
export function readPrefs(raw: string | null): DisplayPrefs {
  try {
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (!v || typeof v !== 'object') return DEFAULTS;
    const o = v as Record<string, unknown>;
    return { density: o.density === 'compact' ? 'compact' : 'comfortable', wall: o.wall === true };
  } catch {
    return DEFAULTS;
  }
}

function load(): DisplayPrefs {
  try {
    return readPrefs(localStorage.getItem(KEY));
  } catch {
    // Storage can be blocked (private mode, policies): the defaults, not remembered.
    return DEFAULTS;
  }
}

/** Compact rows and the wall screen, remembered on this device. */
export function useDisplayPrefs() {
  const [prefs, setPrefs] = useState<DisplayPrefs>(load);
  useEffect(() => {
    try {
      localStorage.setItem(KEY, JSON.stringify(prefs));
    } catch {
      // Not remembered when storage is blocked; the choice still applies now.
    }
  }, [prefs]);
  const update = useCallback((change: Partial<DisplayPrefs>) => setPrefs((p) => ({ ...p, ...change })), []);
  return { prefs, update };
}
