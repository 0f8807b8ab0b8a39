/**
 * The agent's in-call controls on Twilio, all through the call's conference (named by our call
 * id; every Twilio call of ours is one, agent_first and lead_first alike):
 * - mute: the agent's participant, Muted=true|false (Conference Participants update);
 * - hold: the lead's participant, Hold=true with HoldUrl (hold music), or Hold=false;
 * - keypad tones: a conference relays no tones, so the lead's call is given TwiML that plays them
 *   (<Play digits>) and puts the lead back into the conference; the lead's endConferenceOnExit is
 *   turned off first, so its short absence does not end the call (the TwiML turns it on again);
 * - transfer: the colleague's phone is added as a participant labelled agent-<user id>. Cold: the
 *   colleague ends the conference on leaving from the start and the agent's leg is hung up at
 *   once (its endConferenceOnExit turned off first, so its leaving does not end the call). Warm:
 *   the lead goes on hold and the colleague joins without ending the conference on leaving;
 *   completing turns that on, the agent's off, takes the lead off hold and hangs the agent up;
 *   cancelling hangs the colleague up and takes the lead off hold.
 * The colleague's leg reports to voice-status as leg=transfer: stored for the record, never the
 * call's status. A call with no live conference, or without the participant a control needs,
 * is refused with a 409 TwilioError that says which.
 *
 * After a transfer of an agent_first call, the call's providerCallId still names the first
 * agent's leg, which is over: that leg's end says nothing of the call's (twilio.events.ts), and
 * reconcile() reads it only for a call overdue past its time limit, when the lead's leg (which
 * carries that limit) is over too.
 */
import type { ControlCapabilities, ControlledCall, TelephonyProvider, TransferTo } from '../telephony.port.js';
import { CALL_NOT_IN_PROGRESS, isLive, type Participant, sidPath, type TwilioLegs } from './twilio.legs.js';
import { TwilioError, type TwilioRest } from './twilio.rest.js';
import { callbackUrl, dtmfTwiml, isAgentLabel, TWILIO_CALLBACK_EVENTS, transferLabel } from './twilio.twiml.js';

export type TwilioControlsOptions = {
  rest: Pick<TwilioRest, 'postJson'>;
  legs: Pick<TwilioLegs, 'liveConference' | 'participants' | 'endLeg'>;
  callerId: string;
  publicBaseUrl: string;
  /** What the lead hears on hold: an MP3/WAV URL, or TwiML with <Play>/<Say>. */
  holdMusicUrl: string;
  /** How long a transfer rings the colleague's phone, seconds. Default 20. */
  transferRingSeconds?: number;
};

export const TWILIO_CONTROLS: ControlCapabilities = { mute: true, hold: true, transfer: true, dtmf: true };

type Controls = Required<Pick<TelephonyProvider, 'setMuted' | 'setHeld' | 'sendDigits' | 'transfer' | 'completeTransfer' | 'cancelTransfer'>>;

export function createTwilioControls(opts: TwilioControlsOptions): Controls {
  const { rest, legs } = opts;
  const refuse = (call: ControlledCall, why: string) => new TwilioError(`Twilio cannot do this on call ${call.callId}: ${why}`, 409, false);

  /** The call's live conference and the participants still on it or ringing. */
  async function conferenceOf(call: ControlledCall) {
    const conference = await legs.liveConference(call.callId);
    if (!conference) throw refuse(call, 'it has no live conference on Twilio (the call is over, or the lead is not connected yet)');
    return { sid: conference.sid, present: (await legs.participants(conference.sid)).filter(isLive) };
  }

  /** The agent now on the call: their transfer label, else the first agent's. */
  const agentOf = (present: Participant[], call: ControlledCall) =>
    present.find((p) => p.label === transferLabel(call.agentUserId)) ?? present.find((p) => p.label === 'agent');

  function leadOf(call: ControlledCall, present: Participant[]): Participant {
    const lead = present.find((p) => p.label === 'lead');
    if (!lead) throw refuse(call, 'the lead is not in the call’s conference');
    return lead;
  }

  /** A participant update; the same settings twice leave it as once. */
  const update = (what: string, conferenceSid: string, callSid: string, settings: Record<string, string>) =>
    rest.postJson(what, `/Conferences/${sidPath(conferenceSid)}/Participants/${sidPath(callSid)}.json`, new URLSearchParams(settings), true);

  const holdSettings = (held: boolean): Record<string, string> => (held ? { Hold: 'true', HoldUrl: opts.holdMusicUrl, HoldMethod: 'GET' } : { Hold: 'false' });

  /** Rings the colleague into the conference; their callbacks come back as leg=transfer. */
  async function addColleague(call: ControlledCall, conferenceSid: string, leadCallSid: string, to: TransferTo, endsConference: boolean) {
    if (!to.phone) throw refuse(call, 'the colleague has no phone number for Twilio to ring');
    const form = new URLSearchParams({
      From: opts.callerId,
      To: to.phone,
      Label: transferLabel(to.userId),
      Timeout: String(opts.transferRingSeconds ?? 20),
      Beep: 'false',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: endsConference ? 'true' : 'false',
      StatusCallback: callbackUrl(opts.publicBaseUrl, 'voice-status', { callId: call.callId, leg: 'transfer', leadCall: leadCallSid }),
      StatusCallbackMethod: 'POST',
    });
    for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
    // Never repeated: a second request would ring the colleague twice.
    await rest.postJson('adding the colleague to the call', `/Conferences/${sidPath(conferenceSid)}/Participants.json`, form, false);
  }

  /** The agents leave the call to `stays`: none of them ends the conference on the way out. */
  async function agentsLeave(conferenceSid: string, present: Participant[], stays: string) {
    const leaving = present.filter((p) => isAgentLabel(p.label) && p.label !== stays);
    for (const p of leaving) await update('letting the agent leave without ending the call', conferenceSid, p.call_sid, { EndConferenceOnExit: 'false' });
    for (const p of leaving) await legs.endLeg(p.call_sid);
  }

  return {
    async setMuted(call, muted) {
      const { sid, present } = await conferenceOf(call);
      const agent = agentOf(present, call);
      if (!agent) throw refuse(call, 'the agent is not in the call’s conference');
      await update(muted ? 'muting the agent' : 'unmuting the agent', sid, agent.call_sid, { Muted: String(muted) });
    },

    async setHeld(call, held) {
      const { sid, present } = await conferenceOf(call);
      await update(held ? 'holding the lead' : 'taking the lead off hold', sid, leadOf(call, present).call_sid, holdSettings(held));
    },

    async sendDigits(call, digits) {
      const { sid, present } = await conferenceOf(call);
      const lead = leadOf(call, present);
      if (lead.status !== 'connected') throw refuse(call, 'the lead has not answered yet');
      await update('keeping the lead from ending the call while the tones play', sid, lead.call_sid, { EndConferenceOnExit: 'false' });
      try {
        // Not repeated: a second request would play the tones twice.
        await rest.postJson(
          'playing keypad tones to the lead',
          `/Calls/${sidPath(lead.call_sid)}.json`,
          new URLSearchParams({ Twiml: dtmfTwiml(digits, call.callId, opts.publicBaseUrl) }),
          false,
        );
      } catch (err) {
        if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) throw refuse(call, 'the lead has hung up');
        throw err;
      }
    },

    async transfer(call, to, mode) {
      const { sid, present } = await conferenceOf(call);
      const lead = leadOf(call, present);
      if (present.some((p) => p.label === transferLabel(to.userId))) throw refuse(call, 'the colleague is already on it');
      if (mode === 'warm') {
        // The lead waits with music while the agent and the colleague talk.
        await update('holding the lead', sid, lead.call_sid, holdSettings(true));
        try {
          await addColleague(call, sid, lead.call_sid, to, false);
        } catch (err) {
          await update('taking the lead off hold', sid, lead.call_sid, holdSettings(false)).catch(() => undefined);
          throw err;
        }
        return;
      }
      await addColleague(call, sid, lead.call_sid, to, true);
      await agentsLeave(sid, present, transferLabel(to.userId));
    },

    async completeTransfer(call, to) {
      const { sid, present } = await conferenceOf(call);
      const colleague = present.find((p) => p.label === transferLabel(to.userId));
      if (!colleague) throw refuse(call, 'the colleague is not on the call (they did not answer, or hung up)');
      if (colleague.status !== 'connected') throw refuse(call, 'the colleague has not answered yet');
      const lead = leadOf(call, present);
      await update('letting the colleague end the call on leaving', sid, colleague.call_sid, { EndConferenceOnExit: 'true' });
      await update('taking the lead off hold', sid, lead.call_sid, holdSettings(false));
      await agentsLeave(sid, present, colleague.label ?? '');
    },

    async cancelTransfer(call, to) {
      const { sid, present } = await conferenceOf(call);
      const colleague = present.find((p) => p.label === transferLabel(to.userId));
      // Their endConferenceOnExit is off: hanging them up leaves the agent and the lead talking.
      if (colleague) await legs.endLeg(colleague.call_sid);
      const lead = present.find((p) => p.label === 'lead');
      if (lead) await update('taking the lead off hold', sid, lead.call_sid, holdSettings(false));
    },
  };
}
