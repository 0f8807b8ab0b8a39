/**
 * The agent's controls on their live call: mute their microphone, hold the lead (hold music),
 * send keypad tones to the lead's line (an IVR's extension), transfer the call to a colleague,
 * cold or warm, and call another of the lead's numbers instead (calls.redial.ts). Only the agent
 * on the call uses them (staff listen, whisper or barge instead), only once the lead has answered,
 * and only where the provider can; a provider that cannot is named in the refusal and the UI says
 * so. The call's control state is kept in its metadata (`controls`), so a reload reads it back;
 * every action is a row in call_events, and a handover is audited as call.transfer.
 *
 * A transfer's colleague is an active teammate free on the floor (available, on no call), or the
 * team's manager. They are held for the call (presence ringing, on no call) from the moment the
 * transfer starts, so the dialer sends them nothing else; at the handover they are on the call
 * (on_call) and the agent who left is free again. A warm transfer still under way when the call
 * ends lets the colleague go (releaseConsults, on call.ended).
 */
import { randomUUID } from 'node:crypto';
import {
  type Call,
  type CallControlBody,
  type CallControls,
  type ControlAvailability,
  type ControlBlock,
  isTerminalStatus,
  type TransferMode,
  type TransferTarget,
} from '@telehub/shared';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import { type ControlCapabilities, type ControlledCall, ProviderError, type TelephonyProvider } from '../../providers/telephony/index.js';
import type { AgentsService } from '../agents/index.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { CallErrors } from './calls.errors.js';
import { leadNumbers } from './calls.numbers.js';
import { callsPolicy } from './calls.policy.js';
import type { CallsReader } from './calls.read.js';
import * as repo from './calls.repo.js';

/** What a call keeps of its controls, in calls.metadata.controls. */
export type ControlState = {
  muted: boolean;
  held: boolean;
  /** Keypad tones sent, the last 64. */
  digits: string;
  /** A warm transfer under way. */
  transfer: { toUserId: string; toName: string; mode: TransferMode; startedAt: string } | null;
};

const NONE: ControlState = { muted: false, held: false, digits: '', transfer: null };

export function controlStateOf(metadata: Record<string, unknown>): ControlState {
  const c = metadata.controls as Partial<ControlState> | undefined;
  return { ...NONE, ...(c && typeof c === 'object' ? c : {}) };
}

type Control = keyof ControlCapabilities;
const CONTROL_OF: Record<CallControlBody['action'], Control> = {
  mute: 'mute',
  unmute: 'mute',
  hold: 'hold',
  unhold: 'hold',
  dtmf: 'dtmf',
  transfer: 'transfer',
  transfer_complete: 'transfer',
  transfer_cancel: 'transfer',
};

export type CallControlsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  audit: Pick<AuditService, 'record'>;
  provider: TelephonyProvider;
  agents: Pick<AgentsService, 'presence'>;
  users: Pick<UsersService, 'list' | 'teamHours' | 'findActive'>;
  leads: Pick<LeadsService, 'forAction'>;
  reader: Pick<CallsReader, 'visible'>;
  /** This server node: a simulator call is controlled only by the node that runs it. */
  nodeId: string;
};

export function createCallControls(deps: CallControlsDeps) {
  const { db, clock, provider } = deps;
  const needsPhone = provider.name !== 'simulator';
  const unsupportedNote = provider.controlsNote ?? `The ${provider.name} provider cannot do this on a call.`;
  /** One action at a time on a call (in this process): a second click waits for the first. */
  const queues = new Map<string, Promise<unknown>>();

  function serial<T>(callId: string, run: () => Promise<T>): Promise<T> {
    const before = queues.get(callId) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(run);
    const tail = mine.catch(() => undefined);
    queues.set(callId, tail);
    void tail.then(() => queues.get(callId) === tail && queues.delete(callId));
    return mine;
  }

  /** The call, if the actor sees it; one they see but whose agent they are not answers 403. */
  async function ownCall(actor: Actor, id: string): Promise<repo.CallRow> {
    const row = await deps.reader.visible(actor, id);
    if (!callsPolicy.canControl(actor, row)) throw CallErrors.CONTROL_FORBIDDEN();
    return row;
  }

  const usable = (reason: ControlBlock | null, note: string | null = null): ControlAvailability => ({ ok: reason === null, reason, note });

  /** Why `control` cannot be used on this call now, or null; the first reason that holds, in the order a person would fix them. */
  function blockOf(row: repo.CallRow, actor: Actor, control: Control, state: ControlState): ControlAvailability {
    if (isTerminalStatus(row.status as Call['status'])) return usable('ended', 'The call has ended.');
    if (row.agentId !== actor.id) return usable('not_yours', 'Another agent has this call now.');
    if (!provider.controls?.[control]) return usable('provider', unsupportedNote);
    if (row.status !== 'in_progress') return usable('not_connected', 'The lead has not answered yet.');
    if (state.transfer && control !== 'mute' && control !== 'transfer') return usable('consulting', 'A transfer is under way: complete or cancel it first.');
    if (control === 'dtmf' && state.held) return usable('held', 'Take the lead off hold first: the tones go to the lead’s line.');
    return usable(null);
  }

  async function present(actor: Actor, row: repo.CallRow): Promise<CallControls> {
    const state = controlStateOf(row.metadata);
    const [lead, agent] = await Promise.all([
      deps.leads.forAction(actor, row.leadId).catch(() => null),
      row.agentId ? deps.users.findActive(row.agentId) : null,
    ]);
    const dialled = typeof row.metadata.phone === 'string' ? row.metadata.phone : (lead?.phone ?? null);
    const numbers = lead ? leadNumbers(lead).map((n) => ({ ...n, dialled: n.phone === dialled })) : [];
    const live = !isTerminalStatus(row.status as Call['status']);
    const redial: ControlAvailability =
      row.agentId !== actor.id
        ? usable('not_yours', 'Another agent has this call now.')
        : !live && !row.wrapUpPending
          ? usable('ended', 'The call has ended.')
          : state.transfer
            ? usable('consulting', 'A transfer is under way: complete or cancel it first.')
            : live && provider.canHangUp === false
              ? usable('provider', `Calls through ${provider.name} are ended on the phone: hang up your handset first, then call the other number.`)
              : numbers.some((n) => !n.dialled)
                ? usable(null)
                : usable('no_numbers', 'The lead has no other number.');
    return {
      callId: row.id,
      provider: provider.name,
      agentId: row.agentId,
      agentName: agent?.name ?? null,
      status: row.status,
      muted: state.muted,
      held: state.held,
      digitsSent: state.digits,
      transfer: state.transfer,
      can: {
        mute: blockOf(row, actor, 'mute', state),
        hold: blockOf(row, actor, 'hold', state),
        dtmf: blockOf(row, actor, 'dtmf', state),
        transfer: blockOf(row, actor, 'transfer', state),
        redial,
      },
      numbers,
    };
  }

  /** The colleagues the actor may hand a call to: active teammates, and the team's manager. */
  async function colleagues(
    actor: Actor,
  ): Promise<{ id: string; name: string; role: TransferTarget['role']; phone: string | null; relation: TransferTarget['relation'] }[]> {
    if (!actor.teamId) return [];
    const [members, teams] = await Promise.all([deps.users.list(actor), deps.users.teamHours(actor)]);
    const managerId = teams.find((t) => t.id === actor.teamId)?.managerId ?? null;
    const out = members
      .filter((u) => u.id !== actor.id && u.active && u.teamId === actor.teamId)
      .map((u) => ({ id: u.id, name: u.name, role: u.role, phone: u.phone, relation: u.id === managerId ? ('manager' as const) : ('teammate' as const) }));
    if (managerId && managerId !== actor.id && !out.some((u) => u.id === managerId)) {
      const m = await deps.users.findActive(managerId);
      if (m) out.push({ id: m.id, name: m.name, role: m.role, phone: m.phone, relation: 'manager' });
    }
    return out;
  }

  async function targets(actor: Actor): Promise<TransferTarget[]> {
    const people = await colleagues(actor);
    const presence = new Map((await deps.agents.presence.list(people.map((p) => p.id))).map((p) => [p.userId, p]));
    return people.map((p) => {
      const now = presence.get(p.id);
      const state = now?.state ?? 'offline';
      const reason: TransferTarget['reason'] =
        state === 'offline'
          ? 'offline'
          : state === 'break'
            ? 'break'
            : state !== 'available' || now?.callId
              ? 'busy'
              : needsPhone && !p.phone
                ? 'no_phone'
                : null;
      return { userId: p.id, name: p.name, role: p.role, relation: p.relation, presence: state, available: reason === null, reason };
    });
  }

  /** Records an action among the call's events, in the transaction that changes its state. */
  async function recordEvent(tx: Db, callId: string, actor: Actor, payload: Record<string, unknown>) {
    await repo.storeEvent(tx, {
      callId,
      provider: provider.name,
      providerEventId: `engine:control:${randomUUID()}`,
      type: `control:${String(payload.action)}`,
      payload: { ...payload, by: actorRef(actor), at: clock.now().toISOString() },
      receivedAt: clock.now(),
    });
  }

  /** Saves the call's control state (and, on a handover, its new agent) with the action's event. */
  async function save(actor: Actor, callId: string, next: ControlState, event: Record<string, unknown>, handOver?: { to: string; mode: TransferMode }) {
    const updated = await db.transaction(async (tx) => {
      const current = await repo.lockCall(tx, callId);
      if (!current) throw CallErrors.CALL_NOT_FOUND();
      const transfers = Array.isArray(current.metadata.transfers) ? current.metadata.transfers : [];
      const metadata = {
        ...current.metadata,
        controls: next,
        ...(handOver ? { transfers: [...transfers, { from: current.agentId, to: handOver.to, mode: handOver.mode, at: clock.now().toISOString() }] } : {}),
      };
      const row = await repo.updateCall(tx, callId, { metadata, ...(handOver ? { agentId: handOver.to } : {}), updatedAt: clock.now() });
      await recordEvent(tx, callId, actor, event);
      if (handOver) {
        await deps.agents.presence.set(handOver.to, 'on_call', { callId }, tx);
        if (current.agentId) await deps.agents.presence.set(current.agentId, 'available', {}, tx);
        await deps.audit.record(
          actor,
          {
            action: 'call.transfer',
            entityType: 'call',
            entityId: callId,
            details: { mode: handOver.mode, fromUserId: current.agentId, toUserId: handOver.to },
          },
          tx,
        );
      }
      return row ?? current;
    });
    if (handOver) await deps.bus.publish('call.updated', { call: repo.toCallDto(updated) });
    return updated;
  }

  /** Holds a free colleague for the call (ringing, on no call yet), or refuses with why they cannot take it. */
  async function reserve(actor: Actor, toUserId: string) {
    const target = (await colleagues(actor)).find((p) => p.id === toUserId);
    if (!target) throw CallErrors.TRANSFER_TARGET_INVALID('Transfer to a teammate or your team’s manager', { reason: 'not_colleague' });
    if (needsPhone && !target.phone)
      throw CallErrors.TRANSFER_TARGET_INVALID(`${target.name} has no phone number for the provider to ring`, { reason: 'no_phone' });
    const held = await deps.agents.presence.change(toUserId, (now) => (now.state === 'available' && !now.callId ? { state: 'ringing', callId: null } : null));
    if (!held.changed) {
      const why = held.presence.state === 'offline' ? 'offline' : held.presence.state === 'break' ? 'break' : 'busy';
      throw CallErrors.TRANSFER_TARGET_INVALID(`${target.name} is not free to take a call (${held.presence.state.replace('_', ' ')})`, { reason: why });
    }
    return target;
  }

  /** Lets a colleague held for a transfer go again, if nothing else has moved them meanwhile. */
  async function release(userId: string, tx?: Db) {
    await deps.agents.presence.change(userId, (now) => (now.state === 'ringing' && !now.callId ? { state: 'available' } : null), tx);
  }

  async function onProvider<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      // The provider's "not on this call" (409): the control is not available for this call, said in its words.
      if (err instanceof ProviderError && err.status === 409) throw CallErrors.CONTROL_UNAVAILABLE(err.message, { reason: 'provider' });
      deps.logger.warn({ err }, `the provider could not ${what}`);
      throw CallErrors.PROVIDER_FAILED(`The provider could not ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async function act(actor: Actor, id: string, body: CallControlBody): Promise<CallControls> {
    const first = await ownCall(actor, id);
    const control = CONTROL_OF[body.action];
    if (!provider.controls?.[control]) throw CallErrors.CONTROL_UNSUPPORTED(unsupportedNote, { provider: provider.name, control });
    if (provider.callsInProcess && first.heldBy && first.heldBy !== deps.nodeId) throw CallErrors.CALL_HELD_ELSEWHERE();
    return serial(id, async () => {
      // Read again in turn: the action before this one may have changed the state, or the call may have ended.
      const row = await ownCall(actor, id);
      const state = controlStateOf(row.metadata);
      const blocked = blockOf(row, actor, control, state);
      if (blocked.reason === 'ended') throw CallErrors.CALL_NOT_LIVE();
      if (!blocked.ok) throw CallErrors.CONTROL_UNAVAILABLE(blocked.note ?? undefined, { reason: blocked.reason });
      if (!row.providerCallId) throw CallErrors.CONTROL_UNAVAILABLE('The call has not reached the provider yet', { reason: 'not_connected' });
      const call: ControlledCall = {
        callId: row.id,
        providerCallId: row.providerCallId,
        mode: (row.metadata as { mode?: string }).mode === 'lead_first' ? 'lead_first' : 'agent_first',
        agentUserId: actor.id,
      };
      const saved = await carryOut(actor, row, call, state, body);
      return present(actor, saved);
    });
  }

  async function carryOut(actor: Actor, row: repo.CallRow, call: ControlledCall, state: ControlState, body: CallControlBody): Promise<repo.CallRow> {
    const p = provider;
    switch (body.action) {
      case 'mute':
      case 'unmute': {
        const muted = body.action === 'mute';
        await onProvider(body.action, () => p.setMuted?.(call, muted) ?? Promise.resolve());
        return save(actor, row.id, { ...state, muted }, { action: body.action });
      }
      case 'hold':
      case 'unhold': {
        const held = body.action === 'hold';
        await onProvider(held ? 'put the lead on hold' : 'take the lead off hold', () => p.setHeld?.(call, held) ?? Promise.resolve());
        return save(actor, row.id, { ...state, held }, { action: body.action });
      }
      case 'dtmf': {
        await onProvider('send the keypad tones', () => p.sendDigits?.(call, body.digits) ?? Promise.resolve());
        return save(actor, row.id, { ...state, digits: (state.digits + body.digits).slice(-64) }, { action: 'dtmf', digits: body.digits });
      }
      case 'transfer': {
        if (state.transfer) throw CallErrors.CONTROL_UNAVAILABLE('A transfer is already under way: complete or cancel it first', { reason: 'consulting' });
        if (body.toUserId === actor.id) throw CallErrors.TRANSFER_TARGET_INVALID('You are already on this call', { reason: 'self' });
        const target = await reserve(actor, body.toUserId);
        const to = { userId: target.id, phone: target.phone };
        try {
          await onProvider('transfer the call', () => p.transfer?.(call, to, body.mode) ?? Promise.resolve());
        } catch (err) {
          await release(target.id);
          throw err;
        }
        const event = { action: 'transfer', mode: body.mode, toUserId: target.id };
        if (body.mode === 'cold') return save(actor, row.id, { ...state, muted: false, transfer: null }, event, { to: target.id, mode: 'cold' });
        const consult = { toUserId: target.id, toName: target.name, mode: body.mode, startedAt: clock.now().toISOString() };
        return save(actor, row.id, { ...state, held: true, transfer: consult }, event);
      }
      case 'transfer_complete':
      case 'transfer_cancel': {
        const consult = state.transfer;
        if (!consult) throw CallErrors.CONTROL_UNAVAILABLE('No transfer is under way on this call', { reason: 'no_transfer' });
        const to = { userId: consult.toUserId, phone: (await deps.users.findActive(consult.toUserId))?.phone ?? null };
        const event = { action: body.action, mode: consult.mode, toUserId: consult.toUserId };
        if (body.action === 'transfer_cancel') {
          await onProvider('let the colleague go', () => p.cancelTransfer?.(call, to) ?? Promise.resolve());
          const saved = await save(actor, row.id, { ...state, held: false, transfer: null }, event);
          await release(consult.toUserId);
          return saved;
        }
        await onProvider('hand the call over', () => p.completeTransfer?.(call, to) ?? Promise.resolve());
        return save(actor, row.id, { ...state, muted: false, held: false, transfer: null }, event, { to: consult.toUserId, mode: 'warm' });
      }
    }
  }

  return {
    /** The call's control state and what can be used now: for the agent, and staff who see the call. */
    async state(actor: Actor, id: string): Promise<CallControls> {
      return present(actor, await deps.reader.visible(actor, id));
    },

    act,

    /** The colleagues this call may go to, with their presence (the agent on the call only). */
    async transferTargets(actor: Actor, id: string): Promise<{ items: TransferTarget[] }> {
      await ownCall(actor, id);
      return { items: await targets(actor) };
    },

    ownCall,

    /** Calls that ended during a warm transfer: the colleague held for each is free again. */
    async releaseConsults(callIds: string[]): Promise<void> {
      for (const row of await repo.findCalls(db, callIds)) {
        const consult = controlStateOf(row.metadata).transfer;
        if (consult) await release(consult.toUserId);
      }
    },
  };
}

export type CallControlsService = ReturnType<typeof createCallControls>;
