/**
 * The Twilio calls and conferences behind one TeleHub call, read and ended by SID for the adapter
 * (twilio.provider.ts, twilio.controls.ts): a leg's status, the call's live conference (named by
 * our call id) and who is in it, hanging a leg up, ending a conference through the API.
 */
import { TWILIO_CALL_STATUSES, type TwilioCallStatus } from './twilio.events.js';
import { isRecord, TwilioError, type TwilioRest } from './twilio.rest.js';

/** Twilio's "Call is not in-progress": the call already ended. */
export const CALL_NOT_IN_PROGRESS = 21220;
/** Twilio's "Conference does not exist or is completed". */
export const CONFERENCE_GONE = 16022;
export const isLive = (p: Participant) => p.status !== 'complete' && p.status !== 'failed';

export type Participant = { call_sid: string; label: string | null; status: string };
export type Conference = { sid: string; status: string; friendly_name: string };

export const sidPath = (sid: string) => encodeURIComponent(sid);

export function readSid(body: unknown, field: 'sid' | 'call_sid', what: string): string {
  const v = isRecord(body) ? body[field] : undefined;
  if (typeof v !== 'string' || !/^CA[0-9a-fA-F]{32}$/.test(v)) throw new TwilioError(`Twilio answered ${what} without a call SID`, null, false);
  return v;
}

export type TwilioLegs = ReturnType<typeof createTwilioLegs>;

export function createTwilioLegs({ getJson, postJson }: Pick<TwilioRest, 'getJson' | 'postJson'>) {
  async function liveConference(callId: string): Promise<Conference | null> {
    const body = await getJson('listing conferences', `/Conferences.json?${new URLSearchParams({ FriendlyName: callId })}`);
    const list = isRecord(body) && Array.isArray(body.conferences) ? body.conferences : [];
    const live = list.find((c): c is Conference => isRecord(c) && typeof c.sid === 'string' && c.friendly_name === callId && c.status !== 'completed');
    return live ?? null;
  }

  async function participants(conferenceSid: string): Promise<Participant[]> {
    const body = await getJson('listing participants', `/Conferences/${sidPath(conferenceSid)}/Participants.json`);
    const list = isRecord(body) && Array.isArray(body.participants) ? body.participants : [];
    return list.filter((p): p is Participant => isRecord(p) && typeof p.call_sid === 'string');
  }

  async function legStatus(callSid: string): Promise<TwilioCallStatus> {
    const body = await getJson('reading a call', `/Calls/${sidPath(callSid)}.json`);
    const status = isRecord(body) ? body.status : undefined;
    if (typeof status !== 'string' || !(TWILIO_CALL_STATUSES as readonly string[]).includes(status)) {
      throw new TwilioError('Twilio answered a call without a known status', null, false);
    }
    return status as TwilioCallStatus;
  }

  /** Ends a conference through the API, so its end names the system; one already over counts as done. */
  async function endConference(conferenceSid: string): Promise<void> {
    try {
      await postJson('ending the conference', `/Conferences/${sidPath(conferenceSid)}.json`, new URLSearchParams({ Status: 'completed' }), true);
    } catch (err) {
      if (err instanceof TwilioError && (err.code === CONFERENCE_GONE || err.status === 404)) return;
      throw err;
    }
  }

  async function endLeg(callSid: string): Promise<void> {
    try {
      await postJson('hanging up a call', `/Calls/${sidPath(callSid)}.json`, new URLSearchParams({ Status: 'completed' }), true);
    } catch (err) {
      // A call that is already over is what hanging up asks for.
      if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) return;
      throw err;
    }
  }

  return { liveConference, participants, legStatus, endConference, endLeg };
}
