/**
 * The simulator's in-call controls: mute, hold, keypad tones and transfers change a live call's
 * state, and each one carried out is reported (simulator.provider.ts emits it as a kind=control
 * event whose raw payload holds the state after it). Only a call whose conversation has begun
 * (answered, and bridged when dialled lead_first), and that is not being given up, is controlled.
 */
import { type ControlledCall, type ControlReport, ProviderError, type TelephonyProvider, type TransferTo } from '../telephony.port.js';

/** What a live call keeps of its controls: the agent's microphone, the lead on hold, the tones sent, who has the call and who is consulted. */
export type ControlState = {
  muted: boolean;
  held: boolean;
  /** Keypad tones sent so far, the last 64. */
  tones: string;
  /** The agent on the call: theirs from the first control, the colleague's after a transfer. */
  agentUserId: string | null;
  /** The colleague a warm transfer has connected to the agent, until it is completed or cancelled. */
  consult: TransferTo | null;
};

type Controllable = ControlState & { callId: string; talkStartedAt: number | null; abandoning: unknown };

export const NO_CONTROLS: ControlState = { muted: false, held: false, tones: '', agentUserId: null, consult: null };

const TONES = /^[0-9*#w]{1,32}$/;

export function createSimulatorControls<C extends Controllable>(
  find: (providerCallId: string) => C | undefined,
  report: (call: C, control: ControlReport) => void,
): Required<Pick<TelephonyProvider, 'controls' | 'setMuted' | 'setHeld' | 'sendDigits' | 'transfer' | 'completeTransfer' | 'cancelTransfer'>> {
  function controlled(call: ControlledCall): C {
    const c = find(call.providerCallId);
    if (!c || c.callId !== call.callId)
      throw new ProviderError(`The simulator has no live call ${call.providerCallId}: it never existed or has ended`, 409, false);
    if (c.talkStartedAt === null || c.abandoning)
      throw new ProviderError('Nobody is talking on this call yet: the lead has not been connected to an agent', 409, false);
    c.agentUserId ??= call.agentUserId;
    return c;
  }

  return {
    controls: { mute: true, hold: true, transfer: true, dtmf: true },

    async setMuted(call, muted) {
      const c = controlled(call);
      c.muted = muted;
      report(c, { action: muted ? 'mute' : 'unmute' });
    },

    async setHeld(call, held) {
      const c = controlled(call);
      c.held = held;
      report(c, { action: held ? 'hold' : 'unhold' });
    },

    async sendDigits(call, digits) {
      if (!TONES.test(digits)) throw new ProviderError(`"${digits.slice(0, 40)}" is not keypad tones (0-9, *, #, w)`, null, false);
      const c = controlled(call);
      c.tones = (c.tones + digits).slice(-64);
      report(c, { action: 'dtmf', digits });
    },

    async transfer(call, to, mode) {
      const c = controlled(call);
      if (c.consult) throw new ProviderError('A transfer is already under way on this call', 409, false);
      if (mode === 'cold') {
        // The colleague's microphone is their own: a muted agent leaving does not mute them.
        c.agentUserId = to.userId;
        c.muted = false;
      } else {
        c.consult = to;
        c.held = true;
      }
      report(c, { action: 'transfer', mode, toUserId: to.userId });
    },

    async completeTransfer(call, to) {
      const c = controlled(call);
      if (c.consult?.userId !== to.userId) throw new ProviderError('No warm transfer to this colleague is under way', 409, false);
      c.agentUserId = to.userId;
      c.consult = null;
      c.muted = false;
      c.held = false;
      report(c, { action: 'transfer_complete', toUserId: to.userId });
    },

    async cancelTransfer(call, to) {
      const c = controlled(call);
      if (c.consult?.userId !== to.userId) return;
      c.consult = null;
      c.held = false;
      report(c, { action: 'transfer_cancel', toUserId: to.userId });
    },
  };
}
