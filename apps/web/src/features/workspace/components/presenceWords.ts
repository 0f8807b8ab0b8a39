import type { PresenceState } from '@telehub/shared';

export const BREAK_REASONS = ['tea', 'lunch', 'training', 'meeting', 'other'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];
/** The menu's presets; any other reason is typed in (older breaks may still say 'other'). */
export const BREAK_PRESETS = ['tea', 'lunch', 'training', 'meeting'] as const satisfies readonly BreakReason[];
export const isBreakReason = (v: string | null): v is BreakReason => v !== null && (BREAK_REASONS as readonly string[]).includes(v);

/** States the calls set; the agent cannot change them by hand. */
export const CALL_STATES: ReadonlySet<PresenceState> = new Set(['ringing', 'on_call', 'wrap_up']);

export const PRESENCE_DOTS: Record<PresenceState, string> = {
  offline: 'bg-gray-400',
  available: 'bg-emerald-500',
  ringing: 'bg-amber-500',
  on_call: 'bg-indigo-500',
  wrap_up: 'bg-sky-500',
  break: 'bg-orange-500',
};
