/**
 * The Twilio adapter's in-call controls (twilio.controls.ts) against the stand-in, which checks
 * each request as Twilio does: account path and Basic auth, the form fields each endpoint takes,
 * HoldUrl an absolute URL, TwiML that parses (keypad tones included), 404 for a participant that
 * is not in the conference.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ControlledCall, DialRequest } from '../telephony.port.js';
import { TwilioStandin } from './testing/twilio-standin.js';
import { normalizeCallStatus, normalizeConferenceStatus, readCallbackContext } from './twilio.events.js';
import { createTwilioProvider, TwilioError, type TwilioProvider } from './twilio.provider.js';
import { DEFAULT_HOLD_MUSIC_URL } from './twilio.twiml.js';

const PUBLIC = 'https://telehub.example.test';
const AGENT = '0c9d1a2b-0000-4000-8000-00000000a001';
const COLLEAGUE = '0c9d1a2b-0000-4000-8000-00000000b002';
const COLLEAGUE_PHONE = '+919876500009';
let twilio: TwilioStandin;
let provider: TwilioProvider;

beforeAll(async () => {
  twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC }).start();
});
afterAll(async () => {
  await twilio?.stop();
});
beforeEach(() => {
  twilio.faults = [];
  twilio.requests.length = 0;
  provider = createTwilioProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    callerId: twilio.callerId,
    apiBaseUrl: twilio.url,
    publicBaseUrl: PUBLIC,
    retries: 1,
    baseBackoffMs: 5,
    timeoutMs: 2000,
  });
});

let n = 0;
const dialRequest = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: `0b6f5a1e-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  mode: 'agent_first',
  agentPhone: '+919876500001',
  leadPhone: '+919812300002',
  record: true,
  ringTimeoutSeconds: 25,
  timeLimitSeconds: 1800,
  ...over,
});

/** An agent_first call with both legs answered and in the conference. */
async function talking(): Promise<{ call: ControlledCall; agent: string; lead: string }> {
  const req = dialRequest();
  const { providerCallId } = await provider.dial(req);
  twilio.answer(providerCallId);
  const { leadCallSid } = await provider.connectLead({ ...req, agentCallSid: providerCallId });
  twilio.answer(leadCallSid);
  twilio.requests.length = 0;
  return { call: { callId: req.callId, providerCallId, mode: 'agent_first', agentUserId: AGENT }, agent: providerCallId, lead: leadCallSid };
}

const participant = (callSid: string) => twilio.participantOf(callSid);
const conferenceOf = (callId: string) => [...twilio.conferences.values()].find((c) => c.friendlyName === callId && c.status !== 'completed');
const participantUpdates = () => twilio.find('POST', /^\/Conferences\/CF[0-9a-f]{32}\/Participants\/CA[0-9a-f]{32}\.json$/);
const auth = () => `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`;

describe('mute and hold', () => {
  it('mutes and unmutes the agent’s participant, and holds the lead with hold music', async () => {
    const { call, agent, lead } = await talking();
    expect(provider.controls).toEqual({ mute: true, hold: true, transfer: true, dtmf: true });

    await provider.setMuted?.(call, true);
    expect(participant(agent)?.muted).toBe(true);
    expect(participant(lead)?.muted).toBe(false);
    const [muted] = participantUpdates();
    expect(muted?.path).toContain(`/Participants/${agent}.json`);
    expect(muted?.headers.authorization).toBe(auth());
    expect(Object.fromEntries(muted?.form ?? [])).toEqual({ Muted: 'true' });
    await provider.setMuted?.(call, false);
    expect(participant(agent)?.muted).toBe(false);

    await provider.setHeld?.(call, true);
    expect(participant(lead)).toMatchObject({ hold: true, holdUrl: DEFAULT_HOLD_MUSIC_URL });
    expect(Object.fromEntries(participantUpdates().at(-1)?.form ?? [])).toEqual({ Hold: 'true', HoldUrl: DEFAULT_HOLD_MUSIC_URL, HoldMethod: 'GET' });
    await provider.setHeld?.(call, false);
    expect(participant(lead)?.hold).toBe(false);
    expect(participantUpdates().every((r) => r.status === 200)).toBe(true);
  });

  it('refuses, as a 409 saying why, a call whose conference is over; the stand-in answers 404 for a participant not in the conference', async () => {
    const { call, lead } = await talking();
    const conference = conferenceOf(call.callId);
    twilio.progress(lead, 'completed');
    const err = await provider.setHeld?.(call, true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TwilioError);
    expect(err).toMatchObject({ status: 409, retryable: false });
    expect((err as Error).message).toMatch(/no live conference/);

    // As Twilio answers: a participant that left, a call never in the conference, no credentials, a bad hold URL.
    const url = (callSid: string) => `${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Conferences/${conference?.sid}/Participants/${callSid}.json`;
    const post = (callSid: string, form: Record<string, string>, withAuth = true) =>
      fetch(url(callSid), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(withAuth ? { authorization: auth() } : {}) },
        body: new URLSearchParams(form).toString(),
      });
    expect((await post(lead, { Hold: 'true' })).status).toBe(404);
    const stranger = await post(`CA${'0'.repeat(32)}`, { Muted: 'true' });
    expect(stranger.status).toBe(404);
    expect(await stranger.json()).toMatchObject({ code: 20404 });
    expect((await post(lead, { Muted: 'true' }, false)).status).toBe(401);

    const live = await talking();
    const sid = conferenceOf(live.call.callId)?.sid;
    const holdUrl = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Conferences/${sid}/Participants/${live.lead}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth() },
      body: new URLSearchParams({ Hold: 'true', HoldUrl: 'music.mp3' }).toString(),
    });
    expect(holdUrl.status).toBe(400);
    const unknown = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Conferences/${sid}/Participants/${live.lead}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth() },
      body: new URLSearchParams({ Hold: 'true', Digits: '1' }).toString(),
    });
    expect(unknown.status).toBe(400);
    expect(participant(live.lead)?.hold).toBe(false);
  });

  it('mutes the agent a lead_first call was bridged to', async () => {
    const req = dialRequest({ mode: 'lead_first', agentPhone: null });
    const { providerCallId: lead } = await provider.dial(req);
    twilio.answer(lead);
    await provider.bridge?.({ callId: req.callId, providerCallId: lead }, { phone: '+919876500001' });
    const agent = twilio.participants.find((p) => p.label === 'agent' && p.conferenceSid === conferenceOf(req.callId)?.sid)?.callSid ?? '';
    twilio.answer(agent);
    const call: ControlledCall = { callId: req.callId, providerCallId: lead, mode: 'lead_first', agentUserId: AGENT };
    await provider.setMuted?.(call, true);
    await provider.setHeld?.(call, true);
    expect(participant(agent)?.muted).toBe(true);
    expect(participant(lead)?.hold).toBe(true);
  });
});

describe('keypad tones', () => {
  it('plays the tones on the lead’s line and puts the lead back into the conference, which never ends meanwhile', async () => {
    const { call, agent, lead } = await talking();
    await provider.sendDigits?.(call, '1w2#');
    // First the lead stops ending the call on leaving, then its call is given the tones' TwiML.
    const [keep, redirect] = twilio.requests.filter((r) => r.method === 'POST');
    expect(keep?.path).toContain(`/Participants/${lead}.json`);
    expect(Object.fromEntries(keep?.form ?? [])).toEqual({ EndConferenceOnExit: 'false' });
    expect(redirect?.path).toBe(`/Calls/${lead}.json`);
    expect(redirect?.status).toBe(200);
    const twiml = redirect?.form?.get('Twiml') ?? '';
    expect(twiml).toMatch(/^<Response><Play digits="1w2#"\/><Dial><Conference participantLabel="lead"[^>]*endConferenceOnExit="true"/);
    expect(conferenceOf(call.callId)?.status).toBe('in-progress');
    expect(participant(agent)?.status).toBe('connected');

    twilio.playTones(lead);
    expect(twilio.tones.at(-1)).toEqual({ callSid: lead, digits: '1w2#' });
    expect(participant(lead)).toMatchObject({ label: 'lead', status: 'connected', endConferenceOnExit: true });
    expect(participant(lead)?.conferenceSid).toBe(conferenceOf(call.callId)?.sid);
    // Still one call: the lead leaving now ends it in the lead's name.
    twilio.progress(lead, 'completed');
    expect(conferenceOf(call.callId)).toBeUndefined();
    const ended = twilio.takeCallbacks().find((c) => c.params.StatusCallbackEvent === 'conference-end');
    expect(ended?.params.ParticipantLabelEndingConference).toBe('lead');
  });

  it('refuses tones Twilio would not play', async () => {
    const { call, lead } = await talking();
    const sid = conferenceOf(call.callId)?.sid ?? '';
    const bad = await fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Calls/${lead}.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth() },
      body: new URLSearchParams({ Twiml: '<Response><Play digits="12a"/></Response>' }).toString(),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 12100 });
    expect(participant(lead)?.conferenceSid).toBe(sid);
  });
});

describe('transfer', () => {
  const to = { userId: COLLEAGUE, phone: COLLEAGUE_PHONE };
  const colleagueOf = (callId: string) =>
    twilio.participants.find((p) => p.label === `agent-${COLLEAGUE}` && p.conferenceSid === conferenceOf(callId)?.sid && p.status !== 'complete');

  it('cold: rings the colleague into the conference and lets the agent go at once; the colleague hanging up later ends the call as the agent', async () => {
    const { call, agent, lead } = await talking();
    await provider.transfer?.(call, to, 'cold');
    const added = twilio.find('POST', /^\/Conferences\/CF[0-9a-f]{32}\/Participants\.json$/)[0];
    expect(added?.status).toBe(201);
    const form = added?.form ?? new URLSearchParams();
    expect(form.get('To')).toBe(COLLEAGUE_PHONE);
    expect(form.get('Label')).toBe(`agent-${COLLEAGUE}`);
    expect(form.get('EndConferenceOnExit')).toBe('true');
    const callback = new URL(form.get('StatusCallback') ?? '');
    expect(Object.fromEntries(callback.searchParams)).toEqual({ callId: call.callId, leg: 'transfer', leadCall: lead });
    // The agent left without ending the call: their leg is over, the lead still on.
    expect(twilio.calls.get(agent)?.status).toBe('completed');
    expect(participant(lead)?.status).toBe('connected');
    expect(conferenceOf(call.callId)?.status).toBe('in-progress');

    const colleague = colleagueOf(call.callId)?.callSid ?? '';
    twilio.answer(colleague);
    const now: ControlledCall = { ...call, agentUserId: COLLEAGUE };
    await provider.setMuted?.(now, true);
    expect(participant(colleague)?.muted).toBe(true);
    twilio.takeCallbacks();
    await provider.hangup({ callId: call.callId, providerCallId: call.providerCallId });
    const end = twilio.takeCallbacks().find((c) => c.params.StatusCallbackEvent === 'conference-end');
    expect(end?.params.ParticipantLabelEndingConference).toBe(`agent-${COLLEAGUE}`);
    const event = normalizeConferenceStatus(end?.params ?? {}, readCallbackContext(new URL(end?.url ?? PUBLIC).searchParams), new Date());
    expect(event?.hangupBy).toBe('agent');
  });

  it('warm: holds the lead while the colleague joins, hands over once they answered, and the lead comes off hold', async () => {
    const { call, agent, lead } = await talking();
    await provider.transfer?.(call, to, 'warm');
    expect(participant(lead)?.hold).toBe(true);
    const colleague = colleagueOf(call.callId);
    expect(colleague?.endConferenceOnExit).toBe(false);
    await expect(provider.completeTransfer?.(call, to)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/not answered yet/) });
    await expect(provider.transfer?.(call, to, 'warm')).rejects.toMatchObject({ status: 409 });

    twilio.answer(colleague?.callSid ?? '');
    await provider.completeTransfer?.(call, to);
    expect(participant(colleague?.callSid ?? '')).toMatchObject({ status: 'connected', endConferenceOnExit: true });
    expect(participant(lead)).toMatchObject({ status: 'connected', hold: false });
    expect(twilio.calls.get(agent)?.status).toBe('completed');
    expect(conferenceOf(call.callId)?.status).toBe('in-progress');
  });

  it('warm, cancelled: the colleague is let go, the agent and the lead talk on', async () => {
    const { call, agent, lead } = await talking();
    await provider.transfer?.(call, to, 'warm');
    const colleague = colleagueOf(call.callId)?.callSid ?? '';
    twilio.answer(colleague);
    await provider.cancelTransfer?.(call, to);
    expect(twilio.calls.get(colleague)?.status).toBe('completed');
    expect(participant(lead)).toMatchObject({ status: 'connected', hold: false });
    expect(participant(agent)?.status).toBe('connected');
    expect(conferenceOf(call.callId)?.status).toBe('in-progress');
  });

  it('refuses a colleague without a phone before ringing anyone', async () => {
    const { call } = await talking();
    await expect(provider.transfer?.(call, { userId: COLLEAGUE, phone: null }, 'cold')).rejects.toMatchObject({ status: 409 });
    expect(twilio.find('POST', /Participants\.json$/)).toHaveLength(0);
  });

  it('reads the colleague’s callbacks as a leg that never sets the call’s status', () => {
    const ctx = readCallbackContext(new URLSearchParams({ callId: '0b6f5a1e-0000-4000-8000-000000000001', leg: 'transfer', leadCall: `CA${'1'.repeat(32)}` }));
    for (const status of ['ringing', 'in-progress', 'busy', 'no-answer', 'completed']) {
      const event = normalizeCallStatus({ CallSid: `CA${'2'.repeat(32)}`, CallStatus: status, SequenceNumber: '1' }, ctx, new Date());
      expect(event.status).toBeUndefined();
      expect(event.callId).toBe(ctx.callId);
    }
  });
});
