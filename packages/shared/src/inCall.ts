/**
 * The telecaller's controls on a live call (mute, hold, keypad tones, transfer) and the redial of
 * another of the lead's numbers: what the client asks, and the call's control state it reads back.
 */
import { z } from 'zod';
import { PRESENCE_STATES, TELEPHONY_PROVIDERS } from './calls.js';
import { ROLES } from './enums.js';
import { multiLine } from './text.js';

/** Keypad tones: digits, * and #, and w for a half-second pause (to wait for an IVR); at most 32. */
export const DTMF_DIGITS = /^[0-9*#w]{1,32}$/;

export const TRANSFER_MODES = ['warm', 'cold'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export const CALL_CONTROL_ACTIONS = ['mute', 'unmute', 'hold', 'unhold', 'dtmf', 'transfer', 'transfer_complete', 'transfer_cancel'] as const;
export type CallControlAction = (typeof CALL_CONTROL_ACTIONS)[number];

/**
 * One control action. transfer: `cold` hands the call over at once; `warm` first connects the
 * colleague to the agent (the lead on hold), then `transfer_complete` hands it over (the agent
 * leaves) or `transfer_cancel` lets the colleague go.
 */
export const CallControlBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('mute') }),
  z.object({ action: z.literal('unmute') }),
  z.object({ action: z.literal('hold') }),
  z.object({ action: z.literal('unhold') }),
  z.object({ action: z.literal('dtmf'), digits: z.string().regex(DTMF_DIGITS, 'digits: 1 to 32 of 0-9, *, # and w (a pause)') }),
  z.object({ action: z.literal('transfer'), toUserId: z.uuid(), mode: z.enum(TRANSFER_MODES) }),
  z.object({ action: z.literal('transfer_complete') }),
  z.object({ action: z.literal('transfer_cancel') }),
]);
export type CallControlBody = z.infer<typeof CallControlBody>;

/**
 * Why a control cannot be used now: `provider` the telephony provider cannot do it (`note` says
 * so); `not_connected` the lead has not answered yet; `ended` the call is over; `not_yours`
 * another agent has the call; `consulting` a warm transfer is under way; `held` the lead is on
 * hold (keypad tones reach the lead's line); `no_numbers` the lead has no other number.
 */
export const CONTROL_BLOCKS = ['provider', 'not_connected', 'ended', 'not_yours', 'consulting', 'held', 'no_numbers'] as const;
export type ControlBlock = (typeof CONTROL_BLOCKS)[number];

const ControlAvailability = z.object({
  ok: z.boolean(),
  reason: z.enum(CONTROL_BLOCKS).nullable(),
  note: z.string().nullable().describe('the reason in a sentence (the provider’s own words where it cannot)'),
});
export type ControlAvailability = z.infer<typeof ControlAvailability>;

export const CallControls = z.object({
  callId: z.uuid(),
  provider: z.enum(TELEPHONY_PROVIDERS),
  /** The agent on the call now (another one after a transfer). */
  agentId: z.uuid().nullable(),
  agentName: z.string().nullable(),
  status: z.string(),
  muted: z.boolean().describe("the agent's microphone is off: the lead does not hear them"),
  held: z.boolean().describe('the lead hears hold music'),
  digitsSent: z.string().describe('keypad tones sent on this call, oldest first (the last 64)'),
  transfer: z
    .object({ toUserId: z.uuid(), toName: z.string(), mode: z.enum(TRANSFER_MODES), startedAt: z.string() })
    .nullable()
    .describe('a warm transfer under way: the colleague is on the line with the agent, the lead on hold'),
  can: z.object({
    mute: ControlAvailability,
    hold: ControlAvailability,
    dtmf: ControlAvailability,
    transfer: ControlAvailability,
    redial: ControlAvailability,
  }),
  numbers: z
    .array(z.object({ phone: z.string(), primary: z.boolean(), dialled: z.boolean().describe('the number this call rang') }))
    .describe("the lead's numbers a redial may call, the main one first"),
});
export type CallControls = z.infer<typeof CallControls>;

export const TRANSFER_TARGET_BLOCKS = ['busy', 'offline', 'break', 'no_phone'] as const;

export const TransferTarget = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES),
  relation: z.enum(['teammate', 'manager']),
  presence: z.enum(PRESENCE_STATES),
  available: z.boolean(),
  reason: z.enum(TRANSFER_TARGET_BLOCKS).nullable().describe('why they cannot take the call now'),
});
export type TransferTarget = z.infer<typeof TransferTarget>;

export const TransferTargetList = z.object({ items: z.array(TransferTarget) });
export type TransferTargetList = z.infer<typeof TransferTargetList>;

/**
 * Calls another of the lead's numbers: the live call is hung up and saved with `disposition`
 * (default no_answer when the lead never answered; required once they did), then the number is dialled.
 */
export const RedialBody = z.object({
  phone: z.string().trim().min(5).max(32),
  disposition: z.string().min(1).max(40).optional(),
  notes: multiLine(z.string().trim().max(4000)).optional(),
});
export type RedialBody = z.infer<typeof RedialBody>;
