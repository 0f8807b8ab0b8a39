import {
  type Campaign,
  type CampaignSegment,
  type CampaignStatus,
  type CreateCampaignBody,
  DEFAULT_RETRY_RULES,
  type DialMode,
  type RetryRules,
  type UpdateCampaignBody,
} from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import { type Actor, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import { isValidTimeZone } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import { type LeadDataHolder, type LeadIdFilter, type LeadRef, segmentQuery } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { CampaignErrors } from './campaigns.errors.js';
import { createCampaignQueue } from './campaigns.queue-service.js';
import * as repo from './campaigns.repo.js';

export { CampaignErrors } from './campaigns.errors.js';

/** Which transitions a campaign allows, from each status. */
const TRANSITIONS: Record<'start' | 'pause' | 'stop' | 'archive', readonly CampaignStatus[]> = {
  start: ['draft', 'paused', 'stopped'],
  pause: ['running'],
  stop: ['running', 'paused'],
  archive: ['draft', 'paused', 'stopped'],
};
const RESULT: Record<keyof typeof TRANSITIONS, CampaignStatus> = { start: 'running', pause: 'paused', stop: 'stopped', archive: 'archived' };

export type CampaignsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  users: Pick<UsersService, 'findActive' | 'listTeams'>;
  /** The campaign dial modes the telephony provider can run. */
  dialModes: readonly DialMode[];
};

export type CampaignsService = ReturnType<typeof createCampaignsService>;

/**
 * What other modules need of campaigns before the campaigns service can be built (it needs the
 * telephony provider): the lead filter for the leads module, and who may join a campaign.
 */
export function createCampaignAccess(deps: { db: Db }) {
  return {
    /** For the leads module: the condition "lead belongs to this campaign". */
    leadFilter:
      (campaignId: string): LeadIdFilter =>
      (leadId) =>
        repo.membershipCondition(campaignId, leadId),
    /** Refuses unless the campaign runs (or is paused) and the agent is one of its people. */
    async assertJoinable(agent: { id: string; teamId: string | null }, campaignId: string): Promise<void> {
      const c = await repo.findCampaign(deps.db, campaignId);
      if (!c) throw CampaignErrors.CAMPAIGN_NOT_FOUND();
      if (c.status !== 'running' && c.status !== 'paused')
        throw CampaignErrors.CAMPAIGN_NOT_RUNNING(`The campaign is ${c.status}; agents join running campaigns`);
      if (!(c.agentIds.includes(agent.id) || (agent.teamId !== null && c.teamIds.includes(agent.teamId)))) throw CampaignErrors.CAMPAIGN_NOT_ASSIGNED();
    },
  };
}

export function createCampaignsService(deps: CampaignsDeps) {
  const { db, audit, clock } = deps;
  const retryOf = (c: repo.CampaignRow): RetryRules => c.retry ?? DEFAULT_RETRY_RULES;
  const segmentOf = (c: repo.CampaignRow): CampaignSegment | null => (c.segmentOn ? (c.targetSegment as CampaignSegment) : null);
  const toDto = (c: repo.CampaignRow, members: number): Campaign => ({
    id: c.id,
    name: c.name,
    description: c.description,
    active: c.status !== 'archived',
    status: c.status as CampaignStatus,
    startDate: c.startDate,
    endDate: c.endDate,
    timezone: c.timezone,
    callingHours: c.callingHours,
    requiresConsent: c.requiresConsent,
    maxAttemptsPerDay: c.maxAttemptsPerDay,
    dialMode: c.dialMode as DialMode,
    ratio: c.ratio,
    maxAbandonRate: c.maxAbandonRate,
    priority: c.priority,
    teamIds: c.teamIds,
    agentIds: c.agentIds,
    segment: segmentOf(c),
    retry: retryOf(c),
    script: c.script,
    dispositions: c.dispositions,
    wrapUpSeconds: c.wrapUpSeconds,
    cost: c.cost ?? null,
    members,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  });

  async function found(id: string): Promise<repo.CampaignRow> {
    const c = await repo.findCampaign(db, id);
    if (!c) throw CampaignErrors.CAMPAIGN_NOT_FOUND();
    return c;
  }

  /** The checks a body must pass beyond its shape: dates, zone, mode, people. */
  async function checkFields(body: Partial<CreateCampaignBody>, current?: repo.CampaignRow) {
    const start = body.startDate !== undefined ? body.startDate : current?.startDate;
    const end = body.endDate !== undefined ? body.endDate : current?.endDate;
    if (start && end && end < start) throw CampaignErrors.CAMPAIGN_DATES_INVALID();
    if (body.timezone && !isValidTimeZone(body.timezone)) throw CampaignErrors.CAMPAIGN_TIMEZONE_INVALID();
    if (body.dialMode && !deps.dialModes.includes(body.dialMode)) {
      throw CampaignErrors.DIAL_MODE_UNSUPPORTED(
        `The telephony provider in use cannot run ${body.dialMode} campaigns; it can run: ${deps.dialModes.join(', ')}`,
      );
    }
    for (const id of body.agentIds ?? []) {
      const u = await deps.users.findActive(id);
      if (!u || u.role !== 'telecaller') throw CampaignErrors.CAMPAIGN_PEOPLE_UNKNOWN(`agentIds: ${id} is not an active telecaller`);
    }
    if (body.teamIds?.length) {
      const teams = new Set((await deps.users.listTeams(SYSTEM_ACTOR)).map((t) => t.id));
      const missing = body.teamIds.find((t) => !teams.has(t));
      if (missing) throw CampaignErrors.CAMPAIGN_PEOPLE_UNKNOWN(`teamIds: ${missing} is not a team`);
    }
  }

  /** The row values a body sets (undefined fields are left as they are). */
  function valuesOf(body: Partial<CreateCampaignBody>) {
    const v: Partial<typeof import('./campaigns.tables.js').campaigns.$inferInsert> = {};
    if (body.name !== undefined) v.name = body.name;
    if (body.description !== undefined) v.description = body.description ?? null;
    if (body.startDate !== undefined) v.startDate = body.startDate ?? null;
    if (body.endDate !== undefined) v.endDate = body.endDate ?? null;
    if (body.timezone !== undefined) v.timezone = body.timezone;
    if (body.callingHours !== undefined) v.callingHours = body.callingHours ?? null;
    if (body.requiresConsent !== undefined) v.requiresConsent = body.requiresConsent;
    if (body.maxAttemptsPerDay !== undefined) v.maxAttemptsPerDay = body.maxAttemptsPerDay ?? null;
    if (body.dialMode !== undefined) v.dialMode = body.dialMode;
    if (body.ratio !== undefined) v.ratio = body.ratio;
    if (body.maxAbandonRate !== undefined) v.maxAbandonRate = body.maxAbandonRate;
    if (body.priority !== undefined) v.priority = body.priority;
    if (body.teamIds !== undefined) v.teamIds = [...new Set(body.teamIds)];
    if (body.agentIds !== undefined) v.agentIds = [...new Set(body.agentIds)];
    if (body.segment !== undefined) {
      v.segmentOn = body.segment !== null;
      v.targetSegment = body.segment ?? {};
    }
    if (body.retry !== undefined) v.retry = body.retry;
    if (body.script !== undefined) v.script = body.script;
    if (body.dispositions !== undefined) v.dispositions = body.dispositions ?? null;
    if (body.wrapUpSeconds !== undefined) v.wrapUpSeconds = body.wrapUpSeconds;
    if (body.cost !== undefined) v.cost = body.cost;
    return v;
  }

  const queue = createCampaignQueue({ db, clock, find: (tx, id) => repo.findCampaign(tx, id), retryOf });

  /** Fills the queue from the segment now (on create, edit and start; the dialer repeats it while running). */
  async function refresh(c: repo.CampaignRow, tx: Db = db) {
    const segment = segmentOf(c);
    const r = await queue.refresh(tx, c.id, segment ? segmentQuery(segment, c.timezone) : null);
    await repo.updateCampaign(tx, c.id, { segmentRefreshedAt: clock.now() });
    return r;
  }

  return {
    queue,
    async list(): Promise<Campaign[]> {
      return (await repo.listCampaigns(db)).map((r) => toDto(r.campaign, r.members));
    },
    /** Every campaign's name, teams, cost and abandon cap, without counting members (reports read it often). */
    async briefs(): Promise<{ id: string; name: string; teamIds: string[]; cost: number | null; maxAbandonRate: number }[]> {
      return (await repo.listCampaignBriefs(db)).map((r) => ({ ...r, cost: r.cost ?? null }));
    },
    async get(id: string): Promise<Campaign> {
      const c = await found(id);
      return toDto(c, await repo.memberCount(db, id));
    },
    async create(actor: Actor, body: CreateCampaignBody): Promise<Campaign> {
      await checkFields(body);
      return db.transaction(async (tx) => {
        const row = await repo.insertCampaign(tx, { timezone: 'Asia/Kolkata', ...valuesOf(body), name: body.name });
        if (row.segmentOn) await refresh(row, tx);
        await audit.record(
          actor,
          { action: 'campaign.create', entityType: 'campaign', entityId: row.id, details: { name: row.name, dialMode: row.dialMode } },
          tx,
        );
        return toDto(row, await repo.memberCount(tx, row.id));
      });
    },
    /** Edits a campaign; a running one may change its mode, ratio and the rest while it runs (the pacer reads them each tick). */
    async update(actor: Actor, id: string, body: UpdateCampaignBody): Promise<Campaign> {
      const current = await found(id);
      if (current.status === 'archived') throw CampaignErrors.CAMPAIGN_ARCHIVED();
      await checkFields(body, current);
      return db.transaction(async (tx) => {
        const row = (await repo.updateCampaign(tx, id, { ...valuesOf(body), updatedAt: clock.now() })) ?? current;
        if (body.segment !== undefined) await refresh(row, tx);
        await audit.record(actor, { action: 'campaign.update', entityType: 'campaign', entityId: id, details: { fields: Object.keys(body) } }, tx);
        return toDto(row, await repo.memberCount(tx, id));
      });
    },
    /** start, pause, stop or archive; a campaign starts only with people to work it and a mode the provider can run. */
    async transition(actor: Actor, id: string, to: keyof typeof TRANSITIONS): Promise<Campaign> {
      const current = await found(id);
      if (!TRANSITIONS[to].includes(current.status as CampaignStatus)) {
        throw CampaignErrors.CAMPAIGN_TRANSITION_INVALID(
          `A ${current.status} campaign cannot be ${to === 'stop' ? 'stopp' : to}${to === 'archive' ? 'd' : 'ed'}`,
        );
      }
      if (to === 'start') {
        if (current.teamIds.length === 0 && current.agentIds.length === 0) throw CampaignErrors.CAMPAIGN_NO_AGENTS();
        if (!deps.dialModes.includes(current.dialMode as DialMode)) {
          throw CampaignErrors.DIAL_MODE_UNSUPPORTED(`The telephony provider in use cannot run ${current.dialMode} campaigns`);
        }
      }
      return db.transaction(async (tx) => {
        const row = (await repo.updateCampaign(tx, id, { status: RESULT[to], updatedAt: clock.now() })) ?? current;
        if (to === 'start') await refresh(row, tx);
        await audit.record(actor, { action: `campaign.${to}`, entityType: 'campaign', entityId: id }, tx);
        return toDto(row, await repo.memberCount(tx, id));
      });
    },
    /** Refreshes a campaign's queue from its segment (the dialer's schedule calls it for running campaigns). */
    refreshSegment: async (id: string) => refresh(await found(id)),
    /** Running and paused campaigns, highest priority first, for the dialer. */
    running: () => repo.runningCampaigns(db),
    row: (id: string) => repo.findCampaign(db, id),
    /** Whether this telecaller is one of the campaign's people (named, or in one of its teams). */
    isAssigned(c: Pick<repo.CampaignRow, 'agentIds' | 'teamIds'>, agent: { id: string; teamId: string | null }): boolean {
      return c.agentIds.includes(agent.id) || (agent.teamId !== null && c.teamIds.includes(agent.teamId));
    },
    async addLeads(actor: Actor, campaignId: string, leadIds: string[]): Promise<{ added: number }> {
      const c = await found(campaignId);
      if (c.status === 'archived') throw CampaignErrors.CAMPAIGN_ARCHIVED();
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
    async dialRules(
      id: string,
    ): Promise<{ callingHours: string | null; requiresConsent: boolean; maxAttemptsPerDay: number | null; teamIds: string[] } | undefined> {
      const c = await repo.findCampaign(db, id);
      return c ? { callingHours: c.callingHours, requiresConsent: c.requiresConsent, maxAttemptsPerDay: c.maxAttemptsPerDay, teamIds: c.teamIds } : undefined;
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
