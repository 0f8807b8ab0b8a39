import type { Campaign, CreateCampaignBody } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import { defineErrors } from '../../platform/errors.js';
import { isValidTimeZone } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import type { LeadDataHolder, LeadIdFilter, LeadRef } from '../leads/index.js';
import * as repo from './campaigns.repo.js';

export const CampaignErrors = defineErrors({
  CAMPAIGN_NOT_FOUND: ['not_found', 'Campaign not found'],
  CAMPAIGN_LEAD_UNKNOWN: ['unprocessable', 'One or more leads do not exist'],
  CAMPAIGN_DATES_INVALID: ['bad_request', 'endDate must not be before startDate'],
  CAMPAIGN_TIMEZONE_INVALID: ['bad_request', 'timezone: not a known IANA time zone'],
});

export type CampaignsService = ReturnType<typeof createCampaignsService>;

export function createCampaignsService(deps: { db: Db; clock: Clock; audit: Pick<AuditService, 'record'> }) {
  const { db, audit } = deps;
  const toDto = (c: repo.CampaignRow, members: number): Campaign => ({
    id: c.id,
    name: c.name,
    description: c.description,
    active: c.active,
    startDate: c.startDate,
    endDate: c.endDate,
    timezone: c.timezone,
    callingHours: c.callingHours,
    requiresConsent: c.requiresConsent,
    maxAttemptsPerDay: c.maxAttemptsPerDay,
    members,
    createdAt: c.createdAt.toISOString(),
  });

  return {
    async list(): Promise<Campaign[]> {
      return (await repo.listCampaigns(db)).map((r) => toDto(r.campaign, r.members));
    },

    async create(actor: Actor, body: CreateCampaignBody): Promise<Campaign> {
      if (body.startDate && body.endDate && body.endDate < body.startDate) throw CampaignErrors.CAMPAIGN_DATES_INVALID();
      if (body.timezone && !isValidTimeZone(body.timezone)) throw CampaignErrors.CAMPAIGN_TIMEZONE_INVALID();
      return db.transaction(async (tx) => {
        const row = await repo.insertCampaign(tx, {
          name: body.name,
          description: body.description ?? null,
          startDate: body.startDate ?? null,
          endDate: body.endDate ?? null,
          timezone: body.timezone ?? 'Asia/Kolkata',
          callingHours: body.callingHours ?? null,
          requiresConsent: body.requiresConsent ?? false,
          maxAttemptsPerDay: body.maxAttemptsPerDay ?? null,
        });
        await audit.record(actor, { action: 'campaign.create', entityType: 'campaign', entityId: row.id, details: { name: row.name } }, tx);
        return toDto(row, 0);
      });
    },

    async addLeads(actor: Actor, campaignId: string, leadIds: string[]): Promise<{ added: number }> {
      if (!(await repo.findCampaign(db, campaignId))) throw CampaignErrors.CAMPAIGN_NOT_FOUND();
      try {
        return await db.transaction(async (tx) => {
          const added = await repo.addMembers(tx, campaignId, [...new Set(leadIds)]);
          await audit.record(
            actor,
            { action: 'campaign.add_leads', entityType: 'campaign', entityId: campaignId, details: { requested: leadIds.length, added } },
            tx,
          );
          return { added };
        });
      } catch (err) {
        if (isForeignKeyViolation(err)) throw CampaignErrors.CAMPAIGN_LEAD_UNKNOWN();
        throw err;
      }
    },

    exists: async (id: string) => Boolean(await repo.findCampaign(db, id)),
    /** The dialing rules a campaign sets (null fields: the organisation's defaults). */
    async dialRules(id: string): Promise<{ callingHours: string | null; requiresConsent: boolean; maxAttemptsPerDay: number | null } | undefined> {
      const c = await repo.findCampaign(db, id);
      return c ? { callingHours: c.callingHours, requiresConsent: c.requiresConsent, maxAttemptsPerDay: c.maxAttemptsPerDay } : undefined;
    },

    /** The campaigns each of these leads is in. */
    async campaignsOfLeads(leadIds: string[]): Promise<Map<string, Set<string>>> {
      const out = new Map<string, Set<string>>();
      for (let i = 0; i < leadIds.length; i += 5000) {
        for (const r of await repo.campaignIdsOfLeads(db, leadIds.slice(i, i + 5000))) {
          const set = out.get(r.leadId) ?? new Set<string>();
          set.add(r.campaignId);
          out.set(r.leadId, set);
        }
      }
      return out;
    },

    /** Campaign places follow a lead when it is merged (and come back on undo); an erased person leaves every queue. */
    dataHolder: {
      name: 'campaigns',
      tables: ['campaign_members'],
      move: (tx: Db, fromId: string, toId: string) => repo.moveMembers(tx, fromId, toId),
      restore: (tx: Db, undo: unknown, fromId: string, toId: string) =>
        repo.restoreMembers(tx, undo as { moved: string[]; removed: Record<string, unknown>[] }, fromId, toId),
      export: async (lead: LeadRef) =>
        (await repo.membershipsOf(db, lead.id)).map((m) => ({
          campaign: m.name,
          status: m.status,
          attempts: m.attempts,
          lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
          since: m.createdAt.toISOString(),
        })),
      erase: async (tx: Db, lead: LeadRef) => repo.removeMemberships(tx, lead.id),
    } satisfies LeadDataHolder,

    /** For the leads module: the condition "lead belongs to this campaign". */
    leadFilter:
      (campaignId: string): LeadIdFilter =>
      (leadId) =>
        repo.membershipCondition(campaignId, leadId),
  };
}
