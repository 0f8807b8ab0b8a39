/**
 * Twilio's callbacks: POST /webhooks/twilio/voice-status and /webhooks/twilio/recording-status,
 * and the inbound routes (voice-incoming, queue-wait: twilio.inbound.ts).
 * Each request is verified (X-Twilio-Signature over PUBLIC_BASE_URL + the path and query as
 * received) before anything is read from it, normalized, and handed to the engine's ingestion.
 * The few things Twilio needs us to do in return (dial the lead once the agent answers, drop a
 * leg left alone) happen here, once per event: only when ingestion stored it for the first time.
 *
 * agent_first: the agent answering dials the lead; a lead who never answers frees the agent; a
 * lead who answers after the agent left is dropped. lead_first: the engine bridges the agent
 * itself; an agent who answers after the lead left is dropped (the conference they were added to
 * has ended, and Twilio would seat them alone in a new one). An agent who does not answer a
 * bridge is not acted on here: the lead keeps waiting and the call stays the engine's to bridge
 * again or hang up (twilio.events.ts says why it does not end the call).
 *
 * A colleague rung by a transfer (leg=transfer) is followed the same way: one who picks up after
 * the lead has gone is let go.
 *
 * The answering-machine verdict of a lead_first call comes to voice-status too, on its own URL
 * (amd=1, no CallStatus): it is ingested as it is, with nothing to do in return. So is an inbound
 * caller's status (leg=inbound, from the number's status callback), with no call id of ours.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { findInvalidText } from '../../../platform/http/input-guard.js';
import type { InboundHooks, ProviderEvent } from '../telephony.port.js';
import {
  type CallbackContext,
  isTwilioTerminal,
  normalizeAmdResult,
  normalizeCallStatus,
  normalizeConferenceStatus,
  normalizeRecordingStatus,
  readCallbackContext,
  type TwilioCallStatus,
  TwilioPayloadError,
} from './twilio.events.js';
import { normalizeInboundStatus, registerTwilioInboundRoutes, type TwilioVerifier } from './twilio.inbound.js';
import type { TwilioProvider } from './twilio.provider.js';
import { param, parseTwilioForm, validateTwilioSignature } from './twilio.signature.js';
import { DEFAULT_HOLD_MUSIC_URL, type LeadPlan, readLeadPlan } from './twilio.twiml.js';

export type TwilioIngest = (event: ProviderEvent) => Promise<{ stored: boolean; applied: boolean; callId: string | null }>;

export type TwilioWebhookOptions = {
  /** TWILIO_AUTH_TOKEN: the key Twilio signs callbacks with. */
  authToken: string;
  /** PUBLIC_BASE_URL: the origin (and any path prefix) Twilio calls us at. */
  publicBaseUrl: string;
  /** The engine's single ingestion path. */
  ingest: TwilioIngest;
  /** The Twilio provider (or the part of it that acts on legs). */
  provider: Pick<TwilioProvider, 'connectLead' | 'endLeg' | 'legStatus'>;
  /** The clock for events that carry no time of their own. */
  now?: () => Date;
  /** TeleHub's inbound routing (voice-incoming, queue-wait); without it, callers hear an apology. */
  inbound?: InboundHooks;
  /** What queued callers hear between their place in the queue; default Twilio's public hold music. */
  holdMusicUrl?: string;
};

const FORM = 'application/x-www-form-urlencoded';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
type FormBody = { form: string };
const isFormBody = (v: unknown): v is FormBody => typeof v === 'object' && v !== null && typeof (v as { form?: unknown }).form === 'string';

function problem(reply: FastifyReply, status: 400 | 403 | 415, code: string, message: string) {
  const error = { 400: 'Bad Request', 403: 'Forbidden', 415: 'Unsupported Media Type' }[status];
  return reply.status(status).send({ statusCode: status, code, error, message });
}

export const twilioWebhookRoutes: FastifyPluginAsync<TwilioWebhookOptions> = async (app, opts) => {
  const publicBase = opts.publicBaseUrl.replace(/\/+$/, '');
  const now = opts.now ?? (() => new Date());

  // Encapsulated: the raw body is kept for the signature, and nothing outside this plugin changes.
  if (app.hasContentTypeParser(FORM)) app.removeContentTypeParser(FORM);
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, { form: String(body) }));

  /** The signed request's parameters, or null once a refusal has been sent. */
  const verify: TwilioVerifier = (request, reply, on) => {
    if (!isFormBody(request.body)) {
      void problem(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', `Twilio callbacks are sent as ${FORM}`);
      return null;
    }
    const params = parseTwilioForm(request.body.form);
    const header = request.headers['x-twilio-signature'];
    const signature = typeof header === 'string' ? header : undefined;
    if (!validateTwilioSignature({ authToken: opts.authToken, signature, url: `${publicBase}${request.url}`, params })) {
      request.log.warn({ url: request.url }, 'Twilio callback with a missing or wrong signature refused');
      void problem(reply, 403, 'SIGNATURE_INVALID', 'The X-Twilio-Signature header does not match this request');
      return null;
    }
    // The form stays raw for the signature, so the app's input guard never saw it decoded.
    const found = findInvalidText(params, 'body');
    if (found) {
      request.log.warn({ path: found.path, problem: found.problem }, 'Twilio callback with invalid characters refused');
      if (on?.invalid) void on.invalid(reply);
      else void problem(reply, 400, 'INVALID_CHARACTERS', `Invalid characters in ${found.path}: ${found.problem}`);
      return null;
    }
    return { params, query: new URL(request.url, 'http://callback.invalid').searchParams };
  };

  registerTwilioInboundRoutes(app, {
    verify,
    inbound: opts.inbound,
    publicBaseUrl: publicBase,
    holdMusicUrl: opts.holdMusicUrl ?? DEFAULT_HOLD_MUSIC_URL,
    now,
  });

  const accepted = (reply: FastifyReply) => reply.status(200).type('text/xml').send(EMPTY_TWIML);

  /** Ends one leg, logging instead of failing the callback: Twilio does not resend it anyway. */
  async function endQuietly(request: FastifyRequest, callSid: string, why: string) {
    try {
      await opts.provider.endLeg(callSid);
    } catch (err) {
      request.log.error({ err, callSid }, `could not hang up a Twilio leg (${why})`);
    }
  }

  /** The agent answered: ring the lead; if Twilio will not, the call has failed and the agent is let go. */
  async function connectLead(request: FastifyRequest, callId: string, agentCallSid: string, plan: LeadPlan) {
    try {
      await opts.provider.connectLead({ ...plan, callId, agentCallSid });
    } catch (err) {
      request.log.error({ err, callId }, 'could not dial the lead on Twilio');
      const at = now();
      await opts.ingest({
        provider: 'twilio',
        providerEventId: `${agentCallSid}:lead-dial-failed`,
        providerCallId: agentCallSid,
        callId,
        kind: 'status',
        status: 'failed',
        occurredAt: at,
        endedAt: at,
        hangupBy: 'system',
        raw: { reason: 'lead-dial-failed', CallSid: agentCallSid, error: err instanceof Error ? err.message : String(err) },
      });
      await endQuietly(request, agentCallSid, 'the lead could not be dialed');
    }
  }

  /** lead_first: an agent who picks up after the lead has gone is let go. */
  async function followBridgedAgent(request: FastifyRequest, status: TwilioCallStatus, agentCallSid: string, leadCallSid: string) {
    if (status !== 'in-progress' && status !== 'answered') return;
    let lead: TwilioCallStatus;
    try {
      lead = await opts.provider.legStatus(leadCallSid);
    } catch (err) {
      request.log.error({ err, leadCallSid }, "could not read the lead's leg on Twilio");
      return;
    }
    if (isTwilioTerminal(lead)) await endQuietly(request, agentCallSid, 'the lead had already left');
  }

  /** agent_first lead-leg follow-ups: a lead picked up after the agent left is let go; an unanswered lead frees the agent. */
  async function followLead(request: FastifyRequest, status: TwilioCallStatus, leadCallSid: string, agentCallSid: string) {
    if (status === 'ringing' || status === 'in-progress' || status === 'answered') {
      let agent: TwilioCallStatus;
      try {
        agent = await opts.provider.legStatus(agentCallSid);
      } catch (err) {
        request.log.error({ err, agentCallSid }, "could not read the agent's leg on Twilio");
        return;
      }
      if (isTwilioTerminal(agent)) await endQuietly(request, leadCallSid, 'the agent had already left');
    } else if (isTwilioTerminal(status) && status !== 'completed') {
      // The lead never joined, so the conference will not end by itself: the agent would wait alone.
      await endQuietly(request, agentCallSid, 'the lead did not answer');
    }
  }

  app.post('/webhooks/twilio/voice-status', async (request, reply) => {
    const verified = verify(request, reply);
    if (!verified) return reply;
    const { params, query } = verified;
    let ctx: CallbackContext;
    let event: ProviderEvent | null;
    let plan: LeadPlan | null = null;
    try {
      ctx = readCallbackContext(query);
      if (ctx.amd) {
        event = normalizeAmdResult(params, ctx, now());
      } else if (ctx.leg === 'conference') {
        event = normalizeConferenceStatus(params, ctx, now());
      } else {
        event = ctx.leg === 'inbound' ? normalizeInboundStatus(params, ctx, now()) : normalizeCallStatus(params, ctx, now());
        if (ctx.leg === 'agent' && ctx.mode === 'agent_first') {
          plan = readLeadPlan(query);
          if (!plan) throw new TwilioPayloadError("the agent leg's callback URL does not carry the lead's dial plan");
        }
      }
    } catch (err) {
      if (err instanceof TwilioPayloadError) return problem(reply, 400, 'TWILIO_PAYLOAD_INVALID', err.message);
      throw err;
    }
    if (!event) return accepted(reply);

    const result = await opts.ingest(event);
    // A redelivered callback was acted on when it first came; an event the engine could not tie
    // to a call of ours must not ring anyone. An AMD verdict or an inbound caller's status asks nothing of us.
    if (result.stored && result.callId !== null && !ctx.amd && ctx.leg !== 'inbound') {
      const status = param(params, 'CallStatus') as TwilioCallStatus;
      const callSid = param(params, 'CallSid') ?? '';
      // A colleague a transfer rang, answering after the lead has gone, is let go as a bridged agent is.
      if (ctx.leg === 'transfer') {
        if (ctx.leadCallSid) await followBridgedAgent(request, status, callSid, ctx.leadCallSid);
      } else if (ctx.mode === 'lead_first') {
        if (ctx.leg === 'agent' && ctx.leadCallSid) await followBridgedAgent(request, status, callSid, ctx.leadCallSid);
      } else {
        if (ctx.leg === 'agent' && ctx.callId && plan && (status === 'in-progress' || status === 'answered'))
          await connectLead(request, ctx.callId, callSid, plan);
        if (ctx.leg === 'lead' && ctx.agentCallSid) await followLead(request, status, callSid, ctx.agentCallSid);
      }
    }
    return accepted(reply);
  });

  app.post('/webhooks/twilio/recording-status', async (request, reply) => {
    const verified = verify(request, reply);
    if (!verified) return reply;
    let event: ProviderEvent;
    try {
      event = normalizeRecordingStatus(verified.params, readCallbackContext(verified.query), now());
    } catch (err) {
      if (err instanceof TwilioPayloadError) return problem(reply, 400, 'TWILIO_PAYLOAD_INVALID', err.message);
      throw err;
    }
    await opts.ingest(event);
    return accepted(reply);
  });
};
