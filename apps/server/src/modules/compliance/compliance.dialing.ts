/**
 * The dialing rules, asked before any number is dialled (click-to-call, the dialer, a callback):
 * the DND registry, calling hours in the lead's time zone, recorded consent where the campaign or
 * the organisation wants it, and attempts per local day. A refusal answers 409 DIAL_BLOCKED with
 * a `reason`, is audited, and is counted for the compliance report.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { startOfLocalDay } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { ConsentsService } from './compliance.consents.js';
import { ComplianceErrors } from './compliance.errors.js';
import { checkGates } from './compliance.gates.js';

declare module '../../platform/events/domain.js' {
  interface DomainEvents {
    /** A dial the rules refused: which rule, for whom, in which campaign, of a lead from which source. */
    'dial.refused': {
      id: string;
      at: string;
      reason: string;
      agentId: string | null;
      teamId: string | null;
      campaignId: string | null;
      source: string | null;
    };
  }
}

export type DialRulesConfig = { callingHours: string; maxAttemptsPerDay: number; consentRequired: boolean };

export type DialCheck = {
  lead: { id: string; dnd: boolean; timezone: string; source?: string | null };
  campaignId?: string | null;
  /** The telecaller the call is for, if any (the compliance report counts refusals by them). */
  agent?: { id: string; teamId: string | null } | null;
  /** The agent confirms the lead consented just now (recorded in the ledger when consent is needed). */
  consentGiven?: boolean;
  /** Dials of this lead since `since` (the calls module counts them). */
  attemptsSince(since: Date): Promise<number>;
  now: Date;
};

export function createDialGate(deps: {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  consents: Pick<ConsentsService, 'agentConfirmed' | 'granted'>;
  campaigns: Pick<CampaignsService, 'dialRules'>;
  rules: DialRulesConfig;
  /** `dial.refused`, recorded with the audit entry and dispatched after it (the reports count refusals by it). */
  events: Pick<DomainEventOutbox, 'emit' | 'flush'>;
}) {
  return {
    /** Passes, or throws DIAL_BLOCKED with the reason (audited against the lead). */
    async check(actor: Actor, c: DialCheck): Promise<void> {
      const campaign = c.campaignId ? await deps.campaigns.dialRules(c.campaignId) : undefined;
      const consentRequired = deps.rules.consentRequired || (campaign?.requiresConsent ?? false);
      if (consentRequired && c.consentGiven) {
        await deps.consents.agentConfirmed(deps.db, actor, c.lead.id, 'calls');
      }
      const gate = checkGates({
        now: c.now,
        lead: c.lead,
        callingHours: campaign?.callingHours ?? deps.rules.callingHours,
        consentRequired,
        consentGranted: consentRequired ? await deps.consents.granted(c.lead.id, 'calls') : true,
        attemptsToday: await c.attemptsSince(startOfLocalDay(c.now, c.lead.timezone)),
        maxAttemptsPerDay: campaign?.maxAttemptsPerDay ?? deps.rules.maxAttemptsPerDay,
      });
      if (gate.ok) return;
      const campaignId = c.campaignId ?? null;
      await deps.db.transaction(async (tx) => {
        await deps.audit.record(
          actor,
          {
            action: 'call.blocked',
            entityType: 'lead',
            entityId: c.lead.id,
            details: { reason: gate.reason, ...(campaignId ? { campaignId } : {}), ...(c.agent ? { agentId: c.agent.id } : {}) },
          },
          tx,
        );
        await deps.events.emit(tx, 'dial.refused', {
          id: randomUUID(),
          at: c.now.toISOString(),
          reason: gate.reason,
          agentId: c.agent?.id ?? null,
          // The telecaller's team, else the campaign's first (as the call reports count a call).
          teamId: c.agent?.teamId ?? campaign?.teamIds[0] ?? null,
          campaignId,
          source: c.lead.source ?? null,
        });
      });
      await deps.events.flush();
      throw ComplianceErrors.DIAL_BLOCKED(gate.message, { reason: gate.reason });
    },
  };
}

export type DialGate = ReturnType<typeof createDialGate>;
