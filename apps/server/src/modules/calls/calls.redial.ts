/**
 * Calling another of the lead's numbers from a call (calls.numbers.ts says which they are): the
 * call is hung up (while it is still live) and saved with its outcome, then the chosen number is
 * dialled as a new click-to-call by the same agent, through the same rules as any dial (DND,
 * calling hours, consent, attempts).
 */
import type { Call, RedialBody } from '@telehub/shared';
import type { Actor } from '../../platform/context.js';
import { normalizePhone } from '../../platform/phone.js';
import type { TelephonyProvider } from '../../providers/telephony/index.js';
import type { LeadsService } from '../leads/index.js';
import type { CallControlsService } from './calls.controls.js';
import { CallErrors } from './calls.errors.js';
import { leadNumbers } from './calls.numbers.js';
import type { CallsService } from './calls.service.js';

export type RedialDeps = {
  provider: Pick<TelephonyProvider, 'name' | 'canHangUp'>;
  controls: Pick<CallControlsService, 'ownCall'>;
  calls: Pick<CallsService, 'endCall' | 'placeCall'>;
  leads: Pick<LeadsService, 'forAction'>;
  /** Whether the DND registry keeps us from calling this number (the lead's own flag covers its main one). */
  dndBlocks: (phone: string) => Promise<boolean>;
};

export function createRedial(deps: RedialDeps) {
  /**
   * Ends the call (hung up first while it is live) with `disposition`, no_answer by default when
   * the lead never answered, then dials `phone`, which must be one of the lead's numbers. Nothing
   * is hung up when the number or the outcome is refused.
   */
  return async function redial(actor: Actor, id: string, body: RedialBody): Promise<Call> {
    const row = await deps.controls.ownCall(actor, id);
    const state = row.metadata.controls as { transfer?: unknown } | undefined;
    if (state?.transfer) throw CallErrors.CONTROL_UNAVAILABLE('A transfer is under way: complete or cancel it first', { reason: 'consulting' });
    const live = !['completed', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned'].includes(row.status);
    if (!live && !row.wrapUpPending) throw CallErrors.CALL_NOT_LIVE('This call is already wrapped up: dial the lead from the desk');
    if (live && deps.provider.canHangUp === false) {
      throw CallErrors.HANGUP_UNSUPPORTED(`Calls through ${deps.provider.name} are ended on the phone: hang up your handset first, then call the other number`);
    }
    const lead = await deps.leads.forAction(actor, row.leadId);
    const asked = normalizePhone(body.phone);
    const phone = asked.ok ? asked.e164 : null;
    if (!phone || !leadNumbers(lead).some((n) => n.phone === phone)) {
      throw CallErrors.REDIAL_NUMBER_UNKNOWN(`phone: ${body.phone} is not one of ${lead.name}’s numbers`);
    }
    if (phone !== lead.phone && (await deps.dndBlocks(phone))) {
      throw CallErrors.DIAL_BLOCKED(`${phone} is on the DND registry`, { reason: 'dnd' });
    }
    const disposition = body.disposition ?? (row.answeredAt ? null : 'no_answer');
    if (!disposition) throw CallErrors.REDIAL_OUTCOME_REQUIRED();
    await deps.calls.endCall(actor, id, { disposition, ...(body.notes ? { notes: body.notes } : {}) });
    return deps.calls.placeCall(actor, { leadId: row.leadId, agentId: actor.id, mode: 'agent_first', phone });
  };
}
