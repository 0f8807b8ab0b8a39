/**
 * Inbound calls on Twilio, the routes Twilio asks what a caller hears (registered by
 * twilioWebhookRoutes, verified the same way):
 *   POST /webhooks/twilio/voice-incoming   the number's "A call comes in" webhook: InboundHooks.arrive()
 *                                          records the call and decides; its answer becomes TwiML
 *                                          (twilio.twiml.ts: greeting, then queue, ring or hang-up)
 *   POST /webhooks/twilio/queue-wait       <Enqueue>'s waitUrl, asked when the caller joins the queue
 *                                          and after each round of hold music: InboundHooks.waiting()
 * The caller hears whatever these answer, so past the signature check they always answer TwiML
 * (an apology at worst): a 4xx or 5xx would play Twilio's own application-error message.
 * The caller's status reaches voice-status?leg=inbound (normalizeInboundStatus, below); the engine
 * takes the caller out of the queue through the provider (bridge, abandon, hangup).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InboundHooks, IncomingCall, ProviderEvent } from '../telephony.port.js';
import {
  type CallbackContext,
  callStatus,
  isTwilioTerminal,
  LEAD_STATUS,
  occurredAt,
  rawOf,
  required,
  sequenceNumber,
  sid,
  TwilioPayloadError,
  wholeSeconds,
} from './twilio.events.js';
import { param, type TwilioParams } from './twilio.signature.js';
import { holdTwiml, incomingTwiml, queueWaitTwiml, UNAVAILABLE_TWIML, XML_DECLARATION } from './twilio.twiml.js';

/**
 * The webhooks' check of a request (twilio.webhooks.ts): its signed parameters and query, or null
 * once a refusal has been sent. `invalid` answers a signed request with invalid characters
 * instead of the 400 (a caller hears what a TwiML route answers).
 */
export type TwilioVerifier = (
  request: FastifyRequest,
  reply: FastifyReply,
  on?: { invalid?: (reply: FastifyReply) => unknown },
) => { params: TwilioParams; query: URLSearchParams } | null;

export type TwilioInboundRouteOptions = {
  verify: TwilioVerifier;
  /** TeleHub's inbound routing; without it every caller hears the apology. */
  inbound: InboundHooks | undefined;
  publicBaseUrl: string;
  holdMusicUrl: string;
  now: () => Date;
};

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/**
 * An inbound caller's call status (leg=inbound): the number's status callback, which names no call
 * of ours, so the event carries the caller's CallSid (the providerCallId arrive() recorded) and
 * callId null; ingestion finds the call by the SID. The caller's call is the call's lead leg, and
 * its statuses map as a lead's. Every way the adapter takes a caller out of the queue on its own
 * (bridge, abandon) moves its status callback to the call's lead URLs first, so a caller's call
 * that ends here ended otherwise: the caller hanging up (while greeted or queued), hence hangupBy
 * lead. Twilio does not say who ends a call outside a conference, so the few ends that are not
 * the caller's (the closed message's <Hangup/>, hangup() of a queued caller, a <Leave/>) read the
 * same here; the engine's own verdict on such a call (abandoned, by the system) outranks it.
 */
export function normalizeInboundStatus(params: TwilioParams, ctx: CallbackContext, now: Date): ProviderEvent {
  if (ctx.leg !== 'inbound') throw new TwilioPayloadError('not an inbound call status');
  const callSid = sid(params, 'CallSid', 'CA');
  const status = callStatus(params);
  const seq = sequenceNumber(params);
  const at = occurredAt(params, now);
  const event: ProviderEvent = {
    provider: 'twilio',
    providerEventId: `${callSid}:${status}:${seq}`,
    providerCallId: callSid,
    callId: ctx.callId,
    kind: 'status',
    status: LEAD_STATUS[status],
    occurredAt: at,
    raw: rawOf(params),
  };
  if (event.status === 'in_progress') event.answeredAt = at;
  if (isTwilioTerminal(status)) event.endedAt = at;
  // From Twilio's answer (the greeting) on: the time queued included, as a lead_first lead's wait.
  if (status === 'completed') event.durationSeconds = wholeSeconds(params, 'CallDuration') ?? 0;
  // Only the caller cancels an inbound call (hanging up before it was answered).
  if (status === 'completed' || status === 'canceled') event.hangupBy = 'lead';
  const recordingUrl = param(params, 'RecordingUrl');
  if (recordingUrl && isTwilioTerminal(status)) event.recordingUrl = recordingUrl;
  return event;
}

/**
 * An incoming call as the number's voice webhook gives it: CallSid, From (the caller, in whatever
 * form Twilio has it: E.164, or "anonymous" and the like for a withheld number), To (our number),
 * and the rest of the parameters kept raw. The webhook carries no time of its own.
 */
export function readIncomingCall(params: TwilioParams, now: Date): IncomingCall {
  return {
    provider: 'twilio',
    providerCallId: sid(params, 'CallSid', 'CA'),
    from: required(params, 'From'),
    to: required(params, 'To'),
    occurredAt: occurredAt(params, now),
    raw: rawOf(params),
  };
}

const sendTwiml = (reply: FastifyReply, twiml: string) => reply.status(200).type('text/xml').send(`${XML_DECLARATION}${twiml}`);

export function registerTwilioInboundRoutes(app: FastifyInstance, opts: TwilioInboundRouteOptions): void {
  app.post('/webhooks/twilio/voice-incoming', async (request, reply) => {
    const verified = opts.verify(request, reply, { invalid: (r) => sendTwiml(r, UNAVAILABLE_TWIML) });
    if (!verified) return reply;
    if (!opts.inbound) {
      request.log.error('a call came in on Twilio, but no inbound routing is configured; the caller hears the apology');
      return sendTwiml(reply, UNAVAILABLE_TWIML);
    }
    let call: IncomingCall;
    try {
      call = readIncomingCall(verified.params, opts.now());
    } catch (err) {
      if (!(err instanceof TwilioPayloadError)) throw err;
      request.log.warn({ problem: err.message }, 'Twilio incoming-call webhook without what it should carry; the caller hears the apology');
      return sendTwiml(reply, UNAVAILABLE_TWIML);
    }
    try {
      const answer = await opts.inbound.arrive(call);
      return sendTwiml(reply, incomingTwiml(answer, opts.publicBaseUrl));
    } catch (err) {
      request.log.error({ err, callSid: call.providerCallId }, 'inbound routing failed on an incoming Twilio call; the caller hears the apology');
      return sendTwiml(reply, UNAVAILABLE_TWIML);
    }
  });

  app.post('/webhooks/twilio/queue-wait', async (request, reply) => {
    const verified = opts.verify(request, reply, { invalid: (r) => sendTwiml(r, holdTwiml(opts.holdMusicUrl)) });
    if (!verified) return reply;
    const callSid = param(verified.params, 'CallSid') ?? '';
    const callId = verified.query.get('callId');
    if (!opts.inbound || !CALL_SID.test(callSid)) {
      request.log.error({ callId, callSid: callSid.slice(0, 40) }, 'a queued Twilio caller cannot be looked up; the caller hears the apology');
      return sendTwiml(reply, UNAVAILABLE_TWIML);
    }
    try {
      const wait = await opts.inbound.waiting(callSid);
      if (wait && callId && wait.callId !== callId)
        request.log.warn({ callId, waitingFor: wait.callId, callSid }, 'queued Twilio caller found under another call');
      return sendTwiml(reply, queueWaitTwiml(wait, opts.holdMusicUrl));
    } catch (err) {
      // Waiting on is the caller's best outcome while TeleHub cannot answer: Twilio asks again after the music.
      request.log.error({ err, callId, callSid }, 'could not look up a queued Twilio caller; playing hold music');
      return sendTwiml(reply, holdTwiml(opts.holdMusicUrl));
    }
  });
}
