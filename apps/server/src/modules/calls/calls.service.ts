/**
 * The call engine's actions: placing a call (click-to-call rings the agent first; the dialer rings
 * the lead first and bridges it to a free agent once answered), bridging, hanging up, wrap-up with
 * a disposition, and the jobs around a call (recording fetch, reconciliation of calls whose last
 * event never came). Reading calls is in calls.read.ts; provider events enter through calls.ingest.
 */
import {
  type Call,
  type DialMode as CampaignDialMode,
  type DispositionBody,
  isTerminalStatus,
  type Presence,
  type StartCallBody,
  type TelephonyInfo,
} from '@telehub/shared';
import { type Actor, type Clock, isSystem, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { DialMode, SuperviseMode, TelephonyProvider } from '../../providers/telephony/index.js';
import type { AgentsService } from '../agents/index.js';
import type { AuditService } from '../audit/index.js';
import type { DialGate } from '../compliance/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import type { DispositionsService } from './calls.dispositions.js';
import { createDraftNotes } from './calls.drafts.js';
import { CallErrors } from './calls.errors.js';
import { createCallsHolder } from './calls.holder.js';
import type { Ingest } from './calls.ingest.js';
import { createCallNodes } from './calls.nodes.js';
import type { CallsReader } from './calls.read.js';
import { createRecordingFetch, type RecordingStore } from './calls.recordings.js';
import * as repo from './calls.repo.js';
import { createSweep, LATE_EVENT_GRACE_MS, type SweepOptions } from './calls.sweep.js';
import { checkWrapUp } from './calls.wrapup.js';

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** The agent saved the call's disposition (the CRM write-back follows it). */
    'call.disposed': { callId: string; leadId: string };
    /** A finished call has a recording at the provider, to fetch and keep encrypted. */
    'call.recording_ready': { callId: string };
    /** A call reached its end, as the provider reported it (the analysis reads it). */
    'call.ended': { callId: string; answered: boolean };
    /** The recording has been fetched and is kept encrypted (the analysis reads it). */
    'call.recorded': { callId: string };
  }
}

export type DialRules = {
  ringTimeoutSeconds: number;
  timeLimitSeconds: number;
  record: boolean;
  /** A live call this old is checked with the provider even before its next event is overdue (EXOTEL_RECONCILE_AFTER); null for none. */
  reconcileAfterSeconds: number | null;
};

/** Free for a call: available, on none, and working `campaignId` (any campaign, or none, when it is null). */
const freeIn = (p: Presence, campaignId: string | null) => p.state === 'available' && !p.callId && (campaignId === null || p.campaignId === campaignId);

/** How long endCall waits for the provider to confirm the hang-up before giving up. */
export const HANGUP_CONFIRM_MS = 10_000;

/** One way to place a call: the dialer, click-to-call and inbound call-backs all come through here. */
export type PlaceCall = {
  leadId: string;
  campaignId?: string | null;
  /**
   * The agent on the call from the start. agent_first: the agent whose phone rings first
   * (required). lead_first: an agent set aside for this call, or null to bridge whoever is free
   * once the lead answers.
   */
  agentId: string | null;
  mode: DialMode;
  /** The agent confirms the lead consented just now (recorded when consent is required). */
  consentGiven?: boolean;
  /** lead_first: ask the provider to detect answering machines. */
  detectMachine?: boolean;
  /**
   * agent_first: the dialer set the agent aside from the campaign's free agents. The call is
   * refused (DIAL_BLOCKED agent_busy) unless they are still free and still in the campaign when it
   * is placed: an agent who has just left, or gone on a break, gets no call.
   */
  reservedInCampaign?: boolean;
  /** Another of the lead's numbers to ring instead of its main one (a redial: calls.redial.ts checks it is theirs). */
  phone?: string;
};

export type CallsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  jobs: JobQueue;
  audit: Pick<AuditService, 'record'>;
  provider: TelephonyProvider;
  ingest: Ingest;
  agents: Pick<AgentsService, 'presence' | 'callbacks'>;
  dialGate: Pick<DialGate, 'check'>;
  dispositions: DispositionsService;
  leads: Pick<LeadsService, 'forAction' | 'calls'>;
  users: Pick<UsersService, 'findActive'>;
  reader: Pick<CallsReader, 'get' | 'actable' | 'visible'>;
  rules: DialRules;
  recordings: RecordingStore;
  /** call.disposed and call.recording_ready, recorded with the change and dispatched after commit. */
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
  /** This server node, among those sharing the database: it holds the calls its simulator runs. */
  nodeId: string;
};

export function createCallsService(deps: CallsDeps) {
  const { db, clock, provider } = deps;
  const blocked = (reason: string, message: string) => CallErrors.DIAL_BLOCKED(message, { reason });
  const { ringTimeoutSeconds: ring, timeLimitSeconds: limit, reconcileAfterSeconds } = deps.rules;
  const defaultSweep: SweepOptions = {
    // Unanswered: the agent's phone rings, then the lead's (one ring on lead_first), each up to the ring time.
    unansweredAfterMs: 2 * ring * 1000 + LATE_EVENT_GRACE_MS,
    answeredAfterMs: limit * 1000 + LATE_EVENT_GRACE_MS,
    reconcileAfterMs: reconcileAfterSeconds === null ? null : reconcileAfterSeconds * 1000,
    // A call still live ten minutes past the longest it could last lost its final event for good.
    abandonAfterMs: (ring + limit) * 1000 + 10 * 60_000,
  };
  const nodes = createCallNodes(deps);
  const recordings = createRecordingFetch({ ...deps, queue: deps.jobs });

  /** The agent who may take a call now: active, reachable on this provider, and not held by another call. */
  async function readyAgent(agentId: string, needsPhone: boolean) {
    const agent = await deps.users.findActive(agentId);
    if (!agent) throw blocked('agent_busy', 'The agent’s account is not active');
    if (needsPhone && !agent.phone) {
      throw blocked('agent_phone_missing', 'Add your phone number to your profile: the provider rings your phone first.');
    }
    const open = await repo.openCallOf(db, agentId);
    if (open) {
      throw blocked(
        'agent_busy',
        isTerminalStatus(open.status as Call['status']) ? 'Save the disposition of your last call first.' : 'You are already on a call.',
      );
    }
    // Signed off or on a break, nobody is there to take the call: say so rather than ring.
    const presence = await deps.agents.presence.get(agentId);
    if (presence.state === 'offline') throw blocked('agent_offline', 'You are offline: set yourself Available to call.');
    if (presence.state === 'break') throw blocked('agent_on_break', 'You are on a break: set yourself Available to call.');
    return agent;
  }

  /** Marks a call the provider refused as failed, and frees its agent. */
  async function refused(row: repo.CallRow, err: unknown): Promise<never> {
    const message = err instanceof Error ? err.message : String(err);
    await db.transaction(async (tx) => {
      await repo.updateCall(tx, row.id, {
        status: 'failed',
        endedAt: clock.now(),
        durationSeconds: 0,
        wrapUpPending: false,
        metadata: { ...row.metadata, error: message },
        updatedAt: clock.now(),
      });
      if (row.agentId) await deps.agents.presence.set(row.agentId, 'available', {}, tx);
    });
    deps.logger.warn({ err, callId: row.id }, 'provider refused the dial');
    throw CallErrors.PROVIDER_FAILED(`The telephony provider refused the call: ${message}`);
  }

  /**
   * Places a call: the compliance gates first, then the provider. agent_first rings the agent's
   * phone and then the lead; lead_first rings the lead alone, for `bridge` once the lead answers.
   * `actor` is who asks (an agent clicking, or the system for the dialer); it must see the lead.
   */
  async function placeCall(actor: Actor, p: PlaceCall): Promise<Call> {
    if (!provider.dialModes.includes(p.mode)) {
      throw CallErrors.DIAL_MODE_UNSUPPORTED(`The ${provider.name} provider cannot place ${p.mode.replace('_', '-')} calls`);
    }
    if (p.mode === 'agent_first' && !p.agentId) throw CallErrors.DIAL_MODE_UNSUPPORTED('An agent-first call needs the agent');
    const lead = await deps.leads.forAction(actor, p.leadId);
    const agent = p.agentId ? await readyAgent(p.agentId, p.mode === 'agent_first' && provider.name !== 'simulator') : null;
    const now = clock.now();
    await deps.dialGate.check(actor, {
      lead: { id: lead.id, dnd: lead.dnd, timezone: lead.timezone, source: lead.sources[0]?.source ?? null },
      campaignId: p.campaignId,
      agent: agent ? { id: agent.id, teamId: agent.teamId } : null,
      consentGiven: p.consentGiven,
      attemptsSince: (since) => repo.attemptsSince(db, lead.id, since),
      now,
    });

    const row = await db.transaction(async (tx) => {
      const call = await repo.insertCall(tx, {
        leadId: lead.id,
        agentId: agent?.id ?? null,
        campaignId: p.campaignId ?? null,
        direction: 'outbound',
        provider: provider.name,
        status: 'queued',
        startedAt: now,
        // The simulator's calls live in this process: this node holds them (calls.nodes).
        heldBy: provider.callsInProcess ? deps.nodeId : null,
        recordingNotice: deps.rules.record,
        metadata: { mode: p.mode, ...(p.phone && p.phone !== lead.phone ? { phone: p.phone } : {}) },
        createdAt: now,
        updatedAt: now,
      });
      await deps.leads.calls.markDialed(lead.id, now, tx);
      // A lead-first call holds its agent only once bridged; until then they stay free.
      if (agent && p.mode === 'agent_first') {
        const ringing = await deps.agents.presence.change(
          agent.id,
          (now) =>
            (p.reservedInCampaign ? freeIn(now, p.campaignId ?? null) : !(now.state === 'ringing' && now.callId))
              ? { state: 'ringing', callId: call.id }
              : null,
          tx,
        );
        // An inbound call ringing for the agent holds them until they answer or decline it.
        if (!ringing.changed)
          throw blocked(
            'agent_busy',
            p.reservedInCampaign ? 'The agent is no longer free in the campaign' : 'A call is ringing for you: accept or decline it first.',
          );
      }
      await deps.audit.record(actor, { action: 'call.start', entityType: 'call', entityId: call.id, details: { leadId: lead.id, mode: p.mode } }, tx);
      return call;
    });

    let providerCallId: string;
    try {
      ({ providerCallId } = await provider.dial({
        callId: row.id,
        mode: p.mode,
        agentPhone: p.mode === 'agent_first' ? (agent?.phone ?? null) : null,
        leadPhone: p.phone ?? lead.phone,
        record: deps.rules.record,
        ringTimeoutSeconds: deps.rules.ringTimeoutSeconds,
        timeLimitSeconds: deps.rules.timeLimitSeconds,
        leadLanguage: lead.language,
        ...(p.detectMachine && provider.machineDetection ? { detectMachine: true } : {}),
      }));
    } catch (err) {
      return refused(row, err);
    }
    // Events may already have moved the call on; only a queued call becomes dialing here.
    const updated = await db.transaction(async (tx) => {
      const current = await repo.lockCall(tx, row.id);
      if (!current) return undefined;
      return repo.updateCall(tx, row.id, { providerCallId, ...(current.status === 'queued' ? { status: 'dialing' } : {}), updatedAt: clock.now() });
    });
    const call = repo.toCallDto(updated ?? row);
    await deps.bus.publish('call.updated', { call });
    return call;
  }

  /**
   * Ends a live call at the provider. A call whose node is gone has nobody to hang up: it is ended
   * here and now, as the sweep would end it.
   */
  async function hangup(actor: Actor, id: string): Promise<Call> {
    const row = await deps.reader.actable(actor, id);
    if (isTerminalStatus(row.status as Call['status'])) throw CallErrors.CALL_NOT_LIVE();
    const holder = await nodes.holderOf(row);
    if (holder.kind === 'other_node') throw CallErrors.CALL_HELD_ELSEWHERE();
    if (holder.kind === 'gone') {
      await nodes.interrupt(row, `hung up after node ${row.heldBy} had stopped`, holder.seenAt);
      await deps.audit.record(actor, { action: 'call.hangup', entityType: 'call', entityId: id, details: { interrupted: true } });
      return repo.toCallDto((await repo.findCall(db, id)) ?? row);
    }
    if (!row.providerCallId) throw CallErrors.CALL_NOT_LIVE('The call has not reached the provider yet; try again in a moment');
    if (provider.canHangUp === false) throw CallErrors.HANGUP_UNSUPPORTED(`Calls through ${provider.name} are ended on the phone: hang up your handset`);
    try {
      await provider.hangup({ callId: row.id, providerCallId: row.providerCallId });
    } catch (err) {
      throw CallErrors.PROVIDER_FAILED(`The provider could not hang up: ${err instanceof Error ? err.message : String(err)}`);
    }
    await deps.audit.record(actor, { action: 'call.hangup', entityType: 'call', entityId: id });
    return repo.toCallDto((await repo.findCall(db, id)) ?? row);
  }

  /**
   * The disposition chosen, checked as dispose() checks it: one the call's campaign offers, with
   * what it requires (sub-disposition, note, answer, a future callback time), each missing field named.
   */
  async function checkedDisposition(body: DispositionBody, call: { campaignId: string | null; draftNote?: string | null }, actor: Actor) {
    const disposition = await deps.dispositions.forWrapUp(body.disposition, call.campaignId, isSystem(actor));
    return { disposition, ...checkWrapUp(disposition, body, { draft: call.draftNote ?? null, now: clock.now() }) };
  }

  /** Wrap-up: the disposition, notes and callback; the lead and the agent move on. */
  async function dispose(actor: Actor, id: string, body: DispositionBody): Promise<Call> {
    const row = await deps.reader.actable(actor, id);
    if (!isTerminalStatus(row.status as Call['status'])) throw CallErrors.CALL_STILL_LIVE();
    if (row.disposition) throw CallErrors.CALL_ALREADY_DISPOSED();
    const { disposition, callbackAt, notes, subDisposition, answer } = await checkedDisposition(body, row, actor);
    const now = clock.now();
    const updated = await db.transaction(async (tx) => {
      const current = await repo.lockCall(tx, id);
      if (current?.disposition) throw CallErrors.CALL_ALREADY_DISPOSED();
      const saved = await repo.updateCall(tx, id, {
        disposition: disposition.code,
        subDisposition: subDisposition?.code ?? null,
        wrapUpAnswer: answer,
        notes,
        // The draft is consumed: what the agent kept of it is the note.
        draftNote: null,
        draftNoteAt: null,
        callbackAt,
        wrapUpPending: false,
        dispositionAt: now,
        updatedAt: now,
      });
      if (!saved) throw CallErrors.CALL_NOT_FOUND();
      await deps.leads.calls.recordOutcome(
        actor,
        row.leadId,
        {
          callId: id,
          status: saved.status as Call['status'],
          disposition: disposition.code,
          dispositionLabel: disposition.label,
          dispositionLabelHi: disposition.labelHi,
          subDisposition,
          question: disposition.question && answer ? { label: disposition.question.label, labelHi: disposition.question.labelHi, answer } : null,
          notes,
          durationSeconds: saved.durationSeconds,
          leadStatus: disposition.leadStatus,
          callbackAt,
        },
        tx,
      );
      await deps.agents.callbacks.replaceForLead(tx, { leadId: row.leadId, agentId: row.agentId ?? actor.id, callId: id, dueAt: callbackAt, notes });
      if (row.agentId) {
        const presence = await deps.agents.presence.get(row.agentId, tx);
        if (presence.state === 'wrap_up' && presence.callId === id) await deps.agents.presence.set(row.agentId, 'available', {}, tx);
      }
      await deps.audit.record(
        actor,
        {
          action: 'call.disposition',
          entityType: 'call',
          entityId: id,
          details: { disposition: disposition.code, subDisposition: subDisposition?.code ?? null },
        },
        tx,
      );
      await deps.events.emit(tx, 'call.disposed', { callId: id, leadId: row.leadId });
      return saved;
    });
    const call = repo.toCallDto(updated);
    await deps.bus.publish('call.updated', { call });
    await deps.events.flush();
    return call;
  }

  /**
   * Records how an agentless dialer call ended (an answering machine, an abandon) as its
   * disposition, so nobody is asked to wrap it up. A call with an agent or a disposition is left.
   */
  async function systemOutcome(callId: string, code: 'answering_machine' | 'abandoned' | 'missed_call'): Promise<void> {
    const now = clock.now();
    await db.transaction(async (tx) => {
      const row = await repo.lockCall(tx, callId);
      if (!row || row.agentId || row.disposition) return;
      await repo.updateCall(tx, callId, { disposition: code, dispositionAt: now, wrapUpPending: false, updatedAt: now });
    });
  }

  /** Resolves once the call has ended as seen on the bus (or read after subscribing), or undefined after `ms`. */
  async function endedWithin(actor: Actor, id: string, ms: number): Promise<Call | undefined> {
    let unsubscribe: () => void = () => undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<Call | undefined>((resolve, reject) => {
        unsubscribe = deps.bus.subscribe('call.updated', ({ call }) => {
          if (call.id === id && isTerminalStatus(call.status)) resolve(call);
        });
        timer = setTimeout(() => resolve(undefined), ms);
        // Read after subscribing, so an end that landed just before is not missed.
        deps.reader.get(actor, id).then((c) => (isTerminalStatus(c.status) ? resolve(c) : undefined), reject);
      });
    } finally {
      unsubscribe();
      clearTimeout(timer);
    }
  }

  return {
    placeCall,
    hangup,
    dispose,

    /** Click-to-call by the signed-in user: the gates, then the provider rings the agent, then the lead. */
    start: (actor: Actor, body: StartCallBody) =>
      placeCall(actor, { leadId: body.leadId, campaignId: body.campaignId, agentId: actor.id, mode: 'agent_first', consentGiven: body.consentGiven }),

    /**
     * Connects the answered lead of a lead-first call to an agent: the agent is on the call from
     * now (on_call), then the provider joins their phone. A failed join leaves the call without
     * an agent, free to be bridged again.
     */
    async bridge(actor: Actor, callId: string, agentId: string): Promise<Call> {
      const inbound = (await repo.findCall(db, callId))?.direction === 'inbound';
      if (!provider.bridge || (!provider.dialModes.includes('lead_first') && !(inbound && provider.inbound === 'queue')))
        throw CallErrors.DIAL_MODE_UNSUPPORTED(`The ${provider.name} provider cannot bridge calls`);
      const agent = await readyAgent(agentId, provider.name !== 'simulator');
      const row = await db.transaction(async (tx) => {
        const current = await repo.lockCall(tx, callId);
        if (!current) throw CallErrors.CALL_NOT_FOUND();
        if ((current.metadata as { mode?: string }).mode !== 'lead_first')
          throw CallErrors.CALL_NOT_BRIDGEABLE('Only a lead-first call is bridged to an agent');
        if (current.status !== 'in_progress' || !current.providerCallId) throw CallErrors.CALL_NOT_BRIDGEABLE('The lead has not answered, or has hung up');
        if (current.agentId && current.agentId !== agentId) throw CallErrors.CALL_NOT_BRIDGEABLE('Another agent has this call');
        const updated = await repo.updateCall(tx, callId, {
          agentId,
          metadata: { ...current.metadata, bridgedAt: clock.now().toISOString() },
          updatedAt: clock.now(),
        });
        // Only a free agent, still in the call's campaign, is joined: not one who has just left it or gone on a break.
        // An inbound call goes to the agent it was offered to (their workspace rang with it) and who accepted it.
        const offered = (now: Presence) => inbound && now.state === 'ringing' && now.callId === callId;
        const joined = await deps.agents.presence.change(
          agentId,
          (now) => (current.agentId === agentId || freeIn(now, current.campaignId) || offered(now) ? { state: 'on_call', callId } : null),
          tx,
        );
        if (!joined.changed) throw blocked('agent_busy', 'The agent is no longer free in the campaign');
        await deps.audit.record(actor, { action: 'call.bridge', entityType: 'call', entityId: callId, details: { agentId } }, tx);
        return updated ?? current;
      });
      try {
        await provider.bridge({ callId, providerCallId: row.providerCallId ?? '', ...(inbound ? { inbound: true } : {}) }, { phone: agent.phone });
      } catch (err) {
        await db.transaction(async (tx) => {
          await repo.updateCall(tx, callId, { agentId: null, updatedAt: clock.now() });
          await deps.agents.presence.set(agentId, 'available', {}, tx);
        });
        throw CallErrors.PROVIDER_FAILED(`The provider could not connect the agent: ${err instanceof Error ? err.message : String(err)}`);
      }
      const call = repo.toCallDto((await repo.findCall(db, callId)) ?? row);
      await deps.bus.publish('call.updated', { call });
      return call;
    },

    /**
     * Ends the call and saves its outcome in one step: a live call is hung up first (nothing is
     * hung up when the outcome could not be saved), then, once the provider confirms the end,
     * the disposition is saved as dispose() saves it.
     */
    async endCall(actor: Actor, id: string, body: DispositionBody): Promise<Call> {
      const call = await deps.reader.get(actor, id);
      if (!isTerminalStatus(call.status)) {
        await checkedDisposition(body, { campaignId: call.campaignId, draftNote: (await repo.findCall(db, id))?.draftNote }, actor);
        try {
          await hangup(actor, id);
        } catch (err) {
          // Ended on its own meanwhile: nothing left to hang up.
          const ended = err instanceof AppError && err.code === 'CALL_NOT_LIVE' && isTerminalStatus((await deps.reader.get(actor, id)).status);
          if (!ended) throw err;
        }
        if (!(await endedWithin(actor, id, HANGUP_CONFIRM_MS))) {
          throw CallErrors.CALL_STILL_LIVE('The call was hung up, but the provider has not confirmed the end yet; save the outcome again in a moment.');
        }
      }
      return dispose(actor, id, body);
    },

    /** Listen to, whisper to or barge into a live call from the supervisor's phone, where the provider can. */
    async supervise(actor: Actor, id: string, mode: SuperviseMode): Promise<{ mode: SuperviseMode }> {
      const row = await deps.reader.actable(actor, id);
      if (!provider.supervise || !provider.supervision.includes(mode)) {
        throw CallErrors.SUPERVISION_UNSUPPORTED(provider.supervisionNote ?? `The ${provider.name} provider does not support ${mode}`);
      }
      if (row.status !== 'in_progress' || !row.providerCallId) throw CallErrors.CALL_NOT_LIVE('Only a call in progress can be supervised');
      const me = await deps.users.findActive(actor.id);
      if (!me?.phone) throw CallErrors.SUPERVISOR_PHONE_MISSING();
      try {
        await provider.supervise({ callId: id, providerCallId: row.providerCallId }, mode, me.phone);
      } catch (err) {
        throw CallErrors.PROVIDER_FAILED(`The provider could not connect you: ${err instanceof Error ? err.message : String(err)}`);
      }
      await deps.audit.record(actor, { action: `call.${mode}`, entityType: 'call', entityId: id });
      return { mode };
    },

    /**
     * The dialer's verdict on an answered lead-first call nobody was free to take: the call is
     * abandoned (first, so no agent can be bridged to it after), then the lead hears the
     * safe-harbour message where the provider can play one, and the line is hung up.
     */
    async abandon(callId: string, message: { text: string; language: string }): Promise<Call | undefined> {
      const row = await repo.findCall(db, callId);
      if (!row || row.agentId || !row.answeredAt || row.answeredBy === 'machine') return undefined;
      // The lead hung up while waiting for an agent: nobody took the call, and that is an abandon too.
      const hungUpWaiting = row.status === 'completed';
      if (row.status !== 'in_progress' && !hungUpWaiting) return undefined;
      await db.transaction(async (tx) => {
        await repo.updateCall(tx, callId, {
          metadata: { ...row.metadata, abandonMessage: !hungUpWaiting && Boolean(provider.abandon) },
          updatedAt: clock.now(),
        });
      });
      await deps.ingest({
        provider: provider.name,
        providerEventId: `engine:abandoned:${callId}`,
        providerCallId: row.providerCallId,
        callId,
        kind: 'status',
        status: 'abandoned',
        occurredAt: clock.now(),
        hangupBy: 'system',
        raw: { by: 'dialer', message: message.text },
      });
      if (row.providerCallId && !hungUpWaiting) {
        const target = { callId, providerCallId: row.providerCallId };
        try {
          if (provider.abandon) await provider.abandon(target, message);
          else await provider.hangup(target);
        } catch (err) {
          deps.logger.warn({ err, callId }, 'could not play the abandon message; hanging up');
          await provider.hangup(target).catch((e: unknown) => deps.logger.error({ err: e, callId }, 'could not hang up an abandoned call'));
        }
      }
      await systemOutcome(callId, 'abandoned');
      return repo.toCallDto((await repo.findCall(db, callId)) ?? row);
    },

    systemOutcome,

    /**
     * Records a call a caller placed to one of our numbers: answered by TeleHub's greeting (in
     * progress) with no agent yet, bridged like a lead-first call once an agent takes it. The
     * provider's retry of the same call finds the first record (`created: false`).
     */
    async recordInbound(
      tx: Db,
      v: { leadId: string; providerCallId: string; line: string; from: string; record: boolean; at: Date },
    ): Promise<{ callId: string; created: boolean }> {
      const existing = await repo.findCallIdByProviderId(tx, provider.name, v.providerCallId);
      if (existing) return { callId: existing, created: false };
      const row = await repo.insertCall(tx, {
        leadId: v.leadId,
        agentId: null,
        campaignId: null,
        direction: 'inbound',
        provider: provider.name,
        providerCallId: v.providerCallId,
        status: 'in_progress',
        startedAt: v.at,
        answeredAt: v.at,
        heldBy: provider.callsInProcess ? deps.nodeId : null,
        recordingNotice: v.record,
        metadata: { mode: 'lead_first', inbound: { line: v.line, from: v.from } },
        createdAt: v.at,
        updatedAt: v.at,
      });
      return { callId: row.id, created: true };
    },

    /** Leads dialled out to since `since`, the most recent first (the simulator's callers ring back from these). */
    async recentlyDialledLeads(since: Date, limit: number): Promise<string[]> {
      return repo.recentlyDialledLeadIds(db, since, limit);
    },

    /** Our call id for the configured provider's call id. */
    callIdOf: (providerCallId: string) => repo.findCallIdByProviderId(db, provider.name, providerCallId),

    /** The status of these calls, by id. */
    async statuses(ids: string[]): Promise<Map<string, Call['status']>> {
      const rows = await repo.findCalls(db, ids);
      return new Map(rows.map((r) => [r.id, r.status as Call['status']]));
    },

    /**
     * An inbound call the provider connected to an agent's phone itself (it rang the numbers
     * TeleHub listed): the agent is on it from now, whatever they were doing, since they answered.
     */
    async takenBy(tx: Db, callId: string, agentId: string): Promise<void> {
      const current = await repo.lockCall(tx, callId);
      if (!current || current.agentId) return;
      await repo.updateCall(tx, callId, { agentId, metadata: { ...current.metadata, bridgedAt: clock.now().toISOString() }, updatedAt: clock.now() });
      const live = !isTerminalStatus(current.status as Call['status']);
      await deps.agents.presence.set(agentId, live ? 'on_call' : 'wrap_up', { callId }, tx);
    },

    /** Tells everyone watching that a call changed (after the transaction that changed it). */
    async published(callId: string): Promise<void> {
      const row = await repo.findCall(db, callId);
      if (row) await deps.bus.publish('call.updated', { call: repo.toCallDto(row) });
    },

    /**
     * Gives up on a caller nobody took: the message (where the provider can play one), then the
     * hang-up. A call already over is left as it is.
     */
    async giveUp(callId: string, message: { text: string; language: string }): Promise<void> {
      const row = await repo.findCall(db, callId);
      if (!row?.providerCallId || isTerminalStatus(row.status as Call['status'])) return;
      const target = { callId, providerCallId: row.providerCallId };
      try {
        if (provider.abandon) await provider.abandon(target, message);
        else await provider.hangup(target);
      } catch (err) {
        deps.logger.warn({ err, callId }, 'could not play the message to a caller given up; hanging up');
        await provider.hangup(target).catch((e: unknown) => deps.logger.error({ err: e, callId }, 'could not hang up on a caller given up'));
      }
    },

    /** A campaign's wrap-up timer ran out: the call is closed as timed out and the agent is ready again. */
    timeOutWrapUp: (callId: string) => dispose(SYSTEM_ACTOR, callId, { disposition: 'wrap_up_timeout' }),

    fetchRecording: recordings.fetch,
    queueRecordingFetch: recordings.queue,
    removeRecordings: recordings.remove,
    /** The note the agent types during the call, kept until wrap-up. */
    draftNotes: createDraftNotes(deps),
    /** Calls as a holder of lead data (merges, access, erasure). */
    dataHolder: createCallsHolder(deps),

    sweepStale: createSweep({ ...deps, nodes, defaults: defaultSweep }),
    /** When this server node starts: it beats, and the calls of nodes already gone are ended. */
    startNode: nodes.start,
    /** On this node's clean shutdown, once the provider has stopped: its calls end with it. */
    stopNode: nodes.stop,

    /** The saved outcome of dispositioned calls (for the CRM write-back); calls without one are left out. */
    async outcomesOf(callIds: string[]) {
      const rows = await repo.findCalls(db, callIds);
      return rows.flatMap((r) =>
        r.disposition ? [{ callId: r.id, leadId: r.leadId, durationSeconds: r.durationSeconds, outcome: r.disposition, notes: r.notes }] : [],
      );
    },

    info: (): TelephonyInfo => ({
      provider: provider.name,
      canHangUp: provider.canHangUp !== false,
      supervision: [...provider.supervision],
      supervisionNote: provider.supervision.length === 3 ? null : (provider.supervisionNote ?? null),
      recordsCalls: deps.rules.record,
      inbound: Boolean(provider.inbound),
      dialModes: [...campaignDialModes(provider)],
    }),
  };
}

export type CallsService = ReturnType<typeof createCallsService>;

/** The campaign modes a provider can run: preview and progressive ring the agent first; power and predictive need the lead rung first. */
export function campaignDialModes(provider: Pick<TelephonyProvider, 'dialModes'>): readonly CampaignDialMode[] {
  return provider.dialModes.includes('lead_first') ? ['preview', 'progressive', 'power', 'predictive'] : ['preview', 'progressive'];
}

/** Whether an agent had a call with a lead in the last day: they may read that lead (a campaign's lead comes to whoever is free). */
export function createCallEngagement(deps: { db: Db; clock: Clock }) {
  return (agentId: string, leadId: string) => repo.agentHadLead(deps.db, agentId, leadId, new Date(deps.clock.now().getTime() - 86_400_000));
}
