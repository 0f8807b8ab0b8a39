/** The dialer assembled: the pacer, the campaign figures, and preview mode for agents. */
import type { Call, Lead, PreviewLead } from '@telehub/shared';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import { createLeases } from '../../platform/jobs/leases.js';
import type { Logger } from '../../platform/logging.js';
import type { PresenceService } from '../agents/index.js';
import type { CallsService, CampaignCalls } from '../calls/index.js';
import { CampaignErrors, type CampaignsService } from '../campaigns/index.js';
import type { LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { createDialer, type DialerOptions } from './dialer.engine.js';
import { createMeasures } from './dialer.measure.js';
import { refusalOf } from './dialer.outcomes.js';
import { createCampaignStats } from './dialer.stats.js';
import { realTimers, type Timers } from './dialer.timers.js';

export type DialerServiceDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  nodeId: string;
  campaigns: Pick<CampaignsService, 'running' | 'row' | 'queue' | 'refreshSegment'>;
  calls: Pick<CallsService, 'placeCall' | 'bridge' | 'abandon' | 'systemOutcome' | 'timeOutWrapUp' | 'hangup' | 'dispose'>;
  campaignCalls: CampaignCalls;
  presence: Pick<PresenceService, 'inCampaign' | 'campaignSeconds' | 'get' | 'wrappingUpInCampaigns' | 'change'>;
  users: Pick<UsersService, 'namesByIds'>;
  leads: Pick<LeadsService, 'get'>;
  options: DialerOptions;
  timers?: Timers;
};

export function createDialerService(deps: DialerServiceDeps) {
  const measures = createMeasures({ clock: deps.clock, calls: deps.campaignCalls });
  const engine = createDialer({
    ...deps,
    timers: deps.timers ?? realTimers,
    leases: createLeases({ db: deps.db, clock: deps.clock, holder: `dialer:${deps.nodeId}` }),
    measures,
  });
  const stats = createCampaignStats({ ...deps, pacingOf: engine.pacingOf });

  /** The campaign an agent works now, if it is this one and it runs in preview. */
  async function previewCampaign(actor: Actor, campaignId: string) {
    const c = await deps.campaigns.row(campaignId);
    if (!c) throw CampaignErrors.CAMPAIGN_NOT_FOUND();
    const me = await deps.presence.get(actor.id);
    if (me.campaignId !== campaignId) throw CampaignErrors.CAMPAIGN_NOT_ASSIGNED('Join the campaign first');
    if (c.dialMode !== 'preview') throw CampaignErrors.PREVIEW_ONLY();
    if (c.status !== 'running') throw CampaignErrors.CAMPAIGN_NOT_RUNNING();
    return c;
  }

  return {
    engine,
    stats,
    /** Preview: the next lead for this agent (held for them five minutes), with how many wait after it. */
    async next(actor: Actor, campaignId: string): Promise<PreviewLead & { lead: Lead | null }> {
      await previewCampaign(actor, campaignId);
      const held = await deps.campaigns.queue.holdFor(campaignId, actor.id);
      const counts = await deps.campaigns.queue.counts(campaignId);
      // The system reads the lead: a campaign lead need not be owned by the agent previewing it.
      const lead = held ? await deps.leads.get(SYSTEM_ACTOR, held.leadId) : null;
      return { campaignId, leadId: lead?.id ?? null, lead, remaining: counts.pending };
    },
    /** Calls just dispositioned: a callback promised on a campaign call puts its lead back in that queue for then. */
    async callbacksAfter(callIds: string[]): Promise<void> {
      for (const call of await deps.campaignCalls.byIds(callIds)) {
        if (call.campaignId && call.callbackAt) await deps.campaigns.queue.callbackFor(call.id, new Date(call.callbackAt));
      }
    },
    /** Brings running campaigns' queues in line with their segments (leads change all day). */
    async refreshSegments(): Promise<void> {
      for (const c of await deps.campaigns.running()) if (c.segmentOn && c.status === 'running') await deps.campaigns.refreshSegment(c.id);
    },
    /** Preview: the agent passes on the lead held for them. */
    async skip(actor: Actor, campaignId: string, leadId: string): Promise<void> {
      await previewCampaign(actor, campaignId);
      if (!(await deps.campaigns.queue.skip(campaignId, leadId, actor.id))) throw CampaignErrors.CAMPAIGN_LEAD_UNKNOWN('That lead is not held for you');
    },
    /** Preview: the agent dials the lead held for them (their phone first, then the lead's; the gates run first). */
    async dial(actor: Actor, campaignId: string, leadId: string, consentGiven?: boolean): Promise<Call> {
      await previewCampaign(actor, campaignId);
      if (!(await deps.campaigns.queue.holds(campaignId, leadId, actor.id))) throw CampaignErrors.CAMPAIGN_LEAD_UNKNOWN('That lead is not held for you');
      try {
        const call = await deps.calls.placeCall(SYSTEM_ACTOR, { leadId, campaignId, agentId: actor.id, mode: 'agent_first', consentGiven });
        await deps.campaigns.queue.attach(campaignId, leadId, call.id);
        return call;
      } catch (err) {
        const refusal = refusalOf(err, deps.clock.now());
        // A refusal about the lead moves it on; one about the agent (busy, no phone) leaves it held for them.
        if (refusal && refusal.kind !== 'released') await deps.campaigns.queue.settleLead(campaignId, leadId, refusal);
        throw err;
      }
    },
  };
}

export type DialerService = ReturnType<typeof createDialerService>;
