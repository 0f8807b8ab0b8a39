/**
 * The call engine: click-to-call behind the compliance gates, hang-up, wrap-up with a
 * disposition (lead status, timeline, callback, CRM write-back), and the jobs around a call
 * (recording fetch, reconciliation of calls whose last event never came).
 */

import type { Readable } from 'node:stream';
import {
  type Call,
  type CallPage,
  type CallWithLead,
  type DispositionBody,
  isTerminalStatus,
  type StartCallBody,
  type TelephonyInfo,
  type Transcript,
} from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { actorRef, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { type ByteRange, parseRange } from '../../platform/http/range.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { SuperviseMode, TelephonyProvider } from '../../providers/telephony/index.js';
import type { AuditService } from '../audit/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import type { CallbacksService } from './calls.callbacks.js';
import type { createConsents } from './calls.consents.js';
import type { DispositionsService } from './calls.dispositions.js';
import { CallErrors } from './calls.errors.js';
import { checkGates, startOfLocalDay } from './calls.gates.js';
import type { Ingest } from './calls.ingest.js';
import { callsPolicy } from './calls.policy.js';
import type { PresenceService } from './calls.presence.js';
import * as repo from './calls.repo.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'calls.fetch_recording': { callId: string };
  }
}

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** The agent saved the call's disposition (the CRM write-back follows it). */
    'call.disposed': { callId: string; leadId: string };
    /** A finished call has a recording at the provider, to fetch and keep encrypted. */
    'call.recording_ready': { callId: string };
  }
}

export type DialRules = {
  callingHours: string;
  maxAttemptsPerDay: number;
  consentRequired: boolean;
  ringTimeoutSeconds: number;
  timeLimitSeconds: number;
  record: boolean;
  /** A live call this old is checked with the provider (Exotel Call Details). */
  reconcileAfterSeconds: number;
};

export type SweepOptions = { reconcileAfterMs: number; abandonAfterMs: number };

/** Where recordings are kept, encrypted (the recordings module). */
export type RecordingStore = {
  save(callId: string, body: Buffer, contentType: string): Promise<unknown>;
  stat(callId: string): Promise<{ size: number; contentType: string } | undefined>;
  /** Plaintext bytes start..end inclusive (the whole recording without a range). */
  open(callId: string, range?: ByteRange): Promise<Readable>;
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
  presence: PresenceService;
  callbacks: CallbacksService;
  consents: ReturnType<typeof createConsents>;
  dispositions: DispositionsService;
  leads: Pick<LeadsService, 'get' | 'calls'>;
  users: Pick<UsersService, 'findActive' | 'namesByIds'>;
  campaigns: Pick<CampaignsService, 'dialRules'>;
  rules: DialRules;
  recordings: RecordingStore;
  /** call.disposed, recorded with the disposition and dispatched after commit. */
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
};

export function createCallsService(deps: CallsDeps) {
  const { db, clock, provider } = deps;

  async function withLead(rows: repo.CallRow[]): Promise<CallWithLead[]> {
    const [briefs, names] = await Promise.all([
      deps.leads.calls.briefs(rows.map((r) => r.leadId)),
      deps.users.namesByIds(rows.flatMap((r) => (r.agentId ? [r.agentId] : []))),
    ]);
    return rows.map((r) => {
      const lead = briefs.get(r.leadId);
      return { ...repo.toCallDto(r), leadName: lead?.name ?? '', leadPhone: lead?.phone ?? '', agentName: r.agentId ? (names.get(r.agentId) ?? null) : null };
    });
  }

  /** The call if the actor may see it; a call they may not see answers like a missing one. */
  async function visibleCall(actor: Actor, id: string): Promise<repo.CallRow> {
    const row = await repo.findCall(db, id);
    if (!row) throw CallErrors.CALL_NOT_FOUND();
    if (callsPolicy.staff(actor) || row.agentId === actor.id) return row;
    const brief = (await deps.leads.calls.briefs([row.leadId])).get(row.leadId);
    if (!callsPolicy.canSee(actor, row, brief?.ownerId ?? null)) throw CallErrors.CALL_NOT_FOUND();
    return row;
  }

  async function actableCall(actor: Actor, id: string): Promise<repo.CallRow> {
    const row = await visibleCall(actor, id);
    if (!callsPolicy.canAct(actor, row)) throw CallErrors.CALL_NOT_FOUND();
    return row;
  }

  const listens = new Map<string, number>();
  // A call still live ten minutes past the longest it could last lost its final event.
  const defaultSweep: SweepOptions = {
    reconcileAfterMs: deps.rules.reconcileAfterSeconds * 1000,
    abandonAfterMs: (deps.rules.ringTimeoutSeconds + deps.rules.timeLimitSeconds) * 1000 + 10 * 60_000,
  };
  const blocked = (reason: string, message: string) => CallErrors.DIAL_BLOCKED(message, { reason });

  return {
    visibleCall,

    /** Click-to-call by the signed-in user: gates first, then the provider rings the agent, then the lead. */
    async start(actor: Actor, body: StartCallBody): Promise<Call> {
      const lead = await deps.leads.get(actor, body.leadId);
      const agent = await deps.users.findActive(actor.id);
      if (!agent) throw CallErrors.DIAL_BLOCKED('Your account is not active', { reason: 'agent_busy' });
      if (provider.name !== 'simulator' && !agent.phone) {
        throw blocked('agent_phone_missing', 'Add your phone number to your profile: the provider rings your phone first.');
      }
      const open = await repo.openCallOf(db, actor.id);
      if (open) {
        throw blocked(
          'agent_busy',
          isTerminalStatus(open.status as Call['status']) ? 'Save the disposition of your last call first.' : 'You are already on a call.',
        );
      }
      const campaign = body.campaignId ? await deps.campaigns.dialRules(body.campaignId) : undefined;
      const now = clock.now();
      const consentRequired = deps.rules.consentRequired || (campaign?.requiresConsent ?? false);
      if (consentRequired && body.consentGiven) {
        await deps.consents.record(db, { leadId: lead.id, purpose: 'calls', granted: true, channel: 'agent_confirmed', recordedBy: actorRef(actor) });
      }
      const gate = checkGates({
        now,
        lead: { dnd: lead.dnd, timezone: lead.timezone },
        callingHours: campaign?.callingHours ?? deps.rules.callingHours,
        consentRequired,
        consentGranted: consentRequired ? await deps.consents.granted(lead.id, 'calls') : true,
        attemptsToday: await repo.attemptsSince(db, lead.id, startOfLocalDay(now, lead.timezone)),
        maxAttemptsPerDay: campaign?.maxAttemptsPerDay ?? deps.rules.maxAttemptsPerDay,
      });
      if (!gate.ok) {
        await deps.audit.record(actor, { action: 'call.blocked', entityType: 'lead', entityId: lead.id, details: { reason: gate.reason } });
        throw blocked(gate.reason, gate.message);
      }

      const row = await db.transaction(async (tx) => {
        const call = await repo.insertCall(tx, {
          leadId: lead.id,
          agentId: actor.id,
          campaignId: body.campaignId ?? null,
          direction: 'outbound',
          provider: provider.name,
          status: 'queued',
          startedAt: now,
          recordingNotice: deps.rules.record,
          createdAt: now,
          updatedAt: now,
        });
        await deps.leads.calls.markDialed(lead.id, now, tx);
        await deps.presence.set(actor.id, 'ringing', { callId: call.id }, tx);
        await deps.audit.record(actor, { action: 'call.start', entityType: 'call', entityId: call.id, details: { leadId: lead.id } }, tx);
        return call;
      });

      try {
        const { providerCallId } = await provider.dial({
          callId: row.id,
          mode: 'agent_first',
          agentPhone: agent.phone,
          leadPhone: lead.phone,
          record: deps.rules.record,
          ringTimeoutSeconds: deps.rules.ringTimeoutSeconds,
          timeLimitSeconds: deps.rules.timeLimitSeconds,
          leadLanguage: lead.language,
        });
        // Events may already have moved the call on; only a queued call becomes dialing here.
        const updated = await db.transaction(async (tx) => {
          const current = await repo.lockCall(tx, row.id);
          if (!current) return undefined;
          return repo.updateCall(tx, row.id, { providerCallId, ...(current.status === 'queued' ? { status: 'dialing' } : {}), updatedAt: clock.now() });
        });
        const call = repo.toCallDto(updated ?? row);
        await deps.bus.publish('call.updated', { call });
        return call;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        await db.transaction(async (tx) => {
          await repo.updateCall(tx, row.id, {
            status: 'failed',
            endedAt: clock.now(),
            durationSeconds: 0,
            wrapUpPending: false,
            metadata: { error: message },
            updatedAt: clock.now(),
          });
          await deps.presence.set(actor.id, 'available', {}, tx);
        });
        deps.logger.warn({ err, callId: row.id }, 'provider refused the dial');
        throw CallErrors.PROVIDER_FAILED(`The telephony provider refused the call: ${message}`);
      }
    },

    async get(actor: Actor, id: string): Promise<CallWithLead> {
      const [call] = await withLead([await visibleCall(actor, id)]);
      if (!call) throw CallErrors.CALL_NOT_FOUND();
      return call;
    },

    async list(actor: Actor, q: import('@telehub/shared').CallListQuery): Promise<CallPage> {
      const { page, pageSize, ...f } = q;
      let filter: repo.CallListFilter = f;
      if (!callsPolicy.staff(actor)) {
        // A telecaller sees their own calls, and every call of a lead they own.
        if (f.leadId) {
          const brief = (await deps.leads.calls.briefs([f.leadId])).get(f.leadId);
          if (brief?.ownerId !== actor.id) filter = { ...f, agentId: actor.id };
        } else filter = { ...f, agentId: actor.id };
        if (f.agentId && f.agentId !== actor.id && !f.leadId) filter = { ...f, agentIds: [] };
      }
      const { rows, total } = await repo.listCalls(db, filter, pageSize, (page - 1) * pageSize);
      return { items: await withLead(rows), total, page, pageSize };
    },

    async hangup(actor: Actor, id: string): Promise<Call> {
      const row = await actableCall(actor, id);
      if (isTerminalStatus(row.status as Call['status'])) throw CallErrors.CALL_NOT_LIVE();
      if (!row.providerCallId) throw CallErrors.CALL_NOT_LIVE('The call has not reached the provider yet; try again in a moment');
      if (provider.canHangUp === false) throw CallErrors.HANGUP_UNSUPPORTED(`Calls through ${provider.name} are ended on the phone: hang up your handset`);
      try {
        await provider.hangup({ callId: row.id, providerCallId: row.providerCallId });
      } catch (err) {
        throw CallErrors.PROVIDER_FAILED(`The provider could not hang up: ${err instanceof Error ? err.message : String(err)}`);
      }
      await deps.audit.record(actor, { action: 'call.hangup', entityType: 'call', entityId: id });
      return repo.toCallDto((await repo.findCall(db, id)) ?? row);
    },

    /** Wrap-up: the disposition, notes and callback; the lead and the agent move on. */
    async dispose(actor: Actor, id: string, body: DispositionBody): Promise<Call> {
      const row = await actableCall(actor, id);
      if (!isTerminalStatus(row.status as Call['status'])) throw CallErrors.CALL_STILL_LIVE();
      if (row.disposition) throw CallErrors.CALL_ALREADY_DISPOSED();
      const disposition = await deps.dispositions.find(body.disposition);
      if (!disposition) throw CallErrors.DISPOSITION_UNKNOWN(`disposition: "${body.disposition}" is not one of the configured dispositions`);
      const now = clock.now();
      const callbackAt = body.callbackAt ? new Date(body.callbackAt) : null;
      if (disposition.requiresCallback && !callbackAt) throw CallErrors.CALLBACK_TIME_REQUIRED();
      if (callbackAt && callbackAt <= now) throw CallErrors.CALLBACK_TIME_PAST();
      const notes = body.notes?.trim() ? body.notes.trim() : null;
      const updated = await db.transaction(async (tx) => {
        const current = await repo.lockCall(tx, id);
        if (current?.disposition) throw CallErrors.CALL_ALREADY_DISPOSED();
        const saved = await repo.updateCall(tx, id, {
          disposition: disposition.code,
          notes,
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
            notes,
            durationSeconds: saved.durationSeconds,
            leadStatus: disposition.leadStatus,
            callbackAt,
          },
          tx,
        );
        await deps.callbacks.replaceForLead(tx, { leadId: row.leadId, agentId: row.agentId ?? actor.id, callId: id, dueAt: callbackAt, notes });
        if (row.agentId) {
          const presence = await deps.presence.get(row.agentId, tx);
          if (presence.state === 'wrap_up' && presence.callId === id) await deps.presence.set(row.agentId, 'available', {}, tx);
        }
        await deps.audit.record(actor, { action: 'call.disposition', entityType: 'call', entityId: id, details: { disposition: disposition.code } }, tx);
        await deps.events.emit(tx, 'call.disposed', { callId: id, leadId: row.leadId });
        return saved;
      });
      const call = repo.toCallDto(updated);
      await deps.bus.publish('call.updated', { call });
      await deps.events.flush();
      return call;
    },

    async transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript> {
      await visibleCall(actor, id);
      const rows = await repo.listSegments(db, id, afterSeq);
      return {
        items: rows.map((r) => ({
          id: String(r.id),
          callId: r.callId,
          seq: r.seq,
          speaker: r.speaker === 'agent' ? 'agent' : 'lead',
          language: r.language === 'hi' ? 'hi' : r.language === 'hinglish' ? 'hinglish' : 'en',
          text: r.text,
          startMs: r.startMs,
          endMs: r.endMs,
        })),
      };
    },

    async supervise(actor: Actor, id: string, mode: SuperviseMode): Promise<{ mode: SuperviseMode }> {
      const row = await visibleCall(actor, id);
      if (!provider.supervise || !provider.supervision.includes(mode)) {
        throw CallErrors.SUPERVISION_UNSUPPORTED(`The ${provider.name} provider does not support ${mode}`);
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
     * A recording for playback, with range support: to the agent who made the call and to staff,
     * never another telecaller. Every listen is audited (a range request counts once per call
     * and listener a minute, since players fetch in many small ranges).
     */
    async recording(actor: Actor, id: string, rangeHeader: string | undefined) {
      const row = await visibleCall(actor, id);
      if (!callsPolicy.canHear(actor, row)) throw CallErrors.RECORDING_FORBIDDEN();
      const meta = row.recordingAvailable ? await deps.recordings.stat(id) : undefined;
      if (!meta) throw CallErrors.RECORDING_NOT_FOUND();
      const r = parseRange(rangeHeader, meta.size);
      if (r.kind === 'unsatisfiable') return { kind: 'unsatisfiable' as const, size: meta.size };
      const key = `${actor.id}:${id}`;
      const last = listens.get(key);
      const now = clock.now().getTime();
      if (!last || now - last > 60_000) {
        listens.set(key, now);
        if (listens.size > 10_000) listens.clear();
        await deps.audit.record(actor, { action: 'recording.listen', entityType: 'call', entityId: id, details: { range: rangeHeader ?? null } });
      }
      const range = r.kind === 'partial' ? r.range : undefined;
      return { kind: r.kind, size: meta.size, contentType: meta.contentType, range, stream: await deps.recordings.open(id, range) };
    },

    /** Job: fetch the recording from the provider and keep it encrypted. Retried by the queue. */
    async fetchRecording(callId: string): Promise<void> {
      const row = await repo.findCall(db, callId);
      if (!row || row.recordingAvailable || !row.recordingUrl || !row.providerCallId) return;
      const audio = await provider.fetchRecording({ callId, providerCallId: row.providerCallId, recordingUrl: row.recordingUrl });
      await deps.recordings.save(callId, audio.body, audio.contentType);
      const updated = await repo.updateCall(db, callId, { recordingAvailable: true, updatedAt: clock.now() });
      if (updated) await deps.bus.publish('call.updated', { call: repo.toCallDto(updated) });
    },

    /**
     * Calls still live long after they started: ask the provider (Exotel Call Details), and give
     * up on ones nobody can tell about (the simulator after a restart) as failed.
     */
    async sweepStale(opts: SweepOptions = defaultSweep): Promise<{ reconciled: number; failed: number }> {
      const now = clock.now();
      let reconciled = 0;
      let failed = 0;
      if (provider.reconcile) {
        for (const row of await repo.liveCallsStartedBefore(db, new Date(now.getTime() - opts.reconcileAfterMs), provider.name)) {
          if (!row.providerCallId) continue;
          try {
            for (const event of await provider.reconcile({ callId: row.id, providerCallId: row.providerCallId })) {
              if ((await deps.ingest(event)).applied) reconciled++;
            }
          } catch (err) {
            deps.logger.warn({ err, callId: row.id }, 'reconciliation failed; will retry');
          }
        }
      }
      for (const row of await repo.liveCallsStartedBefore(db, new Date(now.getTime() - opts.abandonAfterMs))) {
        const r = await deps.ingest({
          provider: row.provider as Call['provider'],
          providerEventId: `stale:${row.id}`,
          providerCallId: row.providerCallId,
          callId: row.id,
          kind: 'status',
          status: 'failed',
          occurredAt: now,
          hangupBy: 'system',
          raw: { reason: 'no final event from the provider', sweptAt: now.toISOString() },
        });
        if (r.applied) failed++;
      }
      if (reconciled + failed > 0) deps.logger.info({ reconciled, failed }, 'stale calls swept');
      return { reconciled, failed };
    },

    /** The lead's consent ledger, newest first. */
    async consents(actor: Actor, leadId: string) {
      await deps.leads.get(actor, leadId);
      return { items: await deps.consents.list(leadId) };
    },

    /** Records consent given or withdrawn (withdrawal as easy as giving: the same call with granted=false). */
    async recordConsent(actor: Actor, leadId: string, body: { purpose: 'calls' | 'recording'; granted: boolean; channel: string; evidence?: string | null }) {
      await deps.leads.get(actor, leadId);
      const row = await db.transaction(async (tx) => {
        const r = await deps.consents.record(tx, { leadId, ...body, recordedBy: actorRef(actor) });
        await deps.audit.record(
          actor,
          {
            action: body.granted ? 'consent.grant' : 'consent.withdraw',
            entityType: 'lead',
            entityId: leadId,
            details: { purpose: body.purpose, channel: body.channel },
          },
          tx,
        );
        return r;
      });
      if (!row) throw CallErrors.CALL_NOT_FOUND('Consent not recorded');
      return {
        id: row.id,
        purpose: row.purpose,
        granted: row.granted,
        channel: row.channel,
        evidence: row.evidence,
        recordedBy: row.recordedBy,
        createdAt: row.createdAt.toISOString(),
      };
    },

    /** The saved outcome of dispositioned calls (for the CRM write-back); calls without one are left out. */
    async outcomesOf(callIds: string[]) {
      const rows = await repo.findCalls(db, callIds);
      return rows.flatMap((r) =>
        r.disposition ? [{ callId: r.id, leadId: r.leadId, durationSeconds: r.durationSeconds, outcome: r.disposition, notes: r.notes }] : [],
      );
    },

    /** Enqueues the recording fetch of calls whose recording is ready (at most one job per call). */
    async queueRecordingFetch(callIds: string[]) {
      for (const callId of callIds) await deps.jobs.enqueue('calls.fetch_recording', { callId }, { jobId: `calls.fetch_recording:${callId}` });
    },

    info: (): TelephonyInfo => ({
      provider: provider.name,
      canHangUp: provider.canHangUp !== false,
      supervision: [...provider.supervision],
      recordsCalls: deps.rules.record,
    }),

    systemActor: SYSTEM_ACTOR,
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
