/**
 * Assignment: rules decide who gets new or unowned leads (by campaign, language, tag and team),
 * telecallers take them round-robin up to a cap of open leads, and leads nobody worked within
 * the SLA move to someone else. Every assignment is written to the lead's timeline.
 */
import type { AssignmentRule, AssignmentRuleBody, AssignmentRulePatch, AssignResult, BulkAssignBody } from '@telehub/shared';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isForeignKeyViolation } from '../../platform/db/errors.js';
import { defineErrors } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { AssignCandidate, AssignmentReason, LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import * as repo from './assignment.repo.js';

export const AssignmentErrors = defineErrors({
  RULE_NOT_FOUND: ['not_found', 'Assignment rule not found'],
  RULE_REFERENCE_UNKNOWN: ['unprocessable', 'teamId or campaignId: no such team or campaign'],
  ASSIGN_OWNER_INVALID: ['unprocessable', 'ownerId: the owner must be an active user'],
  RULE_TEAM_FORBIDDEN: ['forbidden', 'teamId: rules are for the teams you lead'],
  ASSIGN_LEADS_UNKNOWN: ['not_found', 'leadIds: one or more leads are not yours to assign'],
});

export type AssignmentDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'assignments' | 'visibleIds'>;
  users: Pick<UsersService, 'teamTelecallers' | 'findActive' | 'listTeams' | 'watched'>;
  campaigns: Pick<CampaignsService, 'campaignsOfLeads'>;
  /** Read at each use: an admin may change the SLA in Settings. */
  slaSeconds: () => number;
};

export type AssignmentService = ReturnType<typeof createAssignmentService>;

const BATCH = 5_000;

function toDto(r: repo.RuleRow): AssignmentRule {
  return {
    id: r.id,
    name: r.name,
    priority: r.priority,
    active: r.active,
    campaignId: r.campaignId,
    language: r.language,
    tags: r.tags,
    teamId: r.teamId,
    matchLanguage: r.matchLanguage,
    maxOpenLeads: r.maxOpenLeads,
    createdAt: r.createdAt.toISOString(),
  };
}

export function createAssignmentService(deps: AssignmentDeps) {
  const { db } = deps;

  /**
   * Picks an owner for each candidate by the first matching rule, round-robin within the rule's
   * telecallers, skipping anyone at their cap (and, for SLA moves, the current owner).
   */
  async function distribute(candidates: AssignCandidate[], reason: AssignmentReason, excludeCurrentOwner: boolean): Promise<number> {
    const rules = (await repo.listRules(db)).filter((r) => r.active);
    if (rules.length === 0 || candidates.length === 0) return 0;
    const needsCampaigns = rules.some((r) => r.campaignId);
    const campaignsOf = needsCampaigns ? await deps.campaigns.campaignsOfLeads(candidates.map((c) => c.id)) : new Map<string, Set<string>>();
    const pools = new Map<string, { id: string; languages: string[] }[]>();
    for (const r of rules) if (!pools.has(r.teamId)) pools.set(r.teamId, await deps.users.teamTelecallers(r.teamId));
    const counts = await deps.leads.assignments.openCounts([...new Set([...pools.values()].flat().map((u) => u.id))]);
    const cursor = new Map(rules.map((r) => [r.id, r.lastUserId]));

    const items: { leadId: string; ownerId: string; expectedOwner: string | null }[] = [];
    for (const lead of candidates) {
      const rule = rules.find(
        (r) =>
          (!r.campaignId || campaignsOf.get(lead.id)?.has(r.campaignId)) &&
          (!r.language || r.language === lead.language) &&
          (r.tags.length === 0 || r.tags.some((t) => lead.tags.includes(t))),
      );
      if (!rule) continue;
      const pool = (pools.get(rule.teamId) ?? []).filter(
        (u) => (!rule.matchLanguage || (lead.language !== null && u.languages.includes(lead.language))) && !(excludeCurrentOwner && u.id === lead.ownerId),
      );
      if (pool.length === 0) continue;
      const last = cursor.get(rule.id);
      // Round-robin: start after the last person this rule gave a lead to (pool is in id order).
      const start = Math.max(0, last ? pool.findIndex((u) => u.id > last) : 0);
      for (let k = 0; k < pool.length; k++) {
        const u = pool[(start + k) % pool.length];
        if (!u || (counts.get(u.id) ?? 0) >= rule.maxOpenLeads) continue;
        counts.set(u.id, (counts.get(u.id) ?? 0) + 1);
        cursor.set(rule.id, u.id);
        items.push({ leadId: lead.id, ownerId: u.id, expectedOwner: lead.ownerId });
        break;
      }
    }
    for (const r of rules) {
      const next = cursor.get(r.id);
      if (next && next !== r.lastUserId) await repo.updateRule(db, r.id, { lastUserId: next });
    }
    return deps.leads.assignments.assignMany(SYSTEM_ACTOR, items, reason);
  }

  /** The teams whose rules the actor manages: null for every team (admins). */
  async function teamsOf(actor: Actor): Promise<Set<string> | null> {
    if (actor.role === 'admin') return null;
    return new Set((await deps.users.listTeams(actor)).map((t) => t.id));
  }

  /** A rule the actor manages; another team's answers like a missing one. */
  async function ownRule(actor: Actor, id: string) {
    const [rule, teams] = await Promise.all([repo.findRule(db, id), teamsOf(actor)]);
    if (!rule || (teams && !teams.has(rule.teamId))) throw AssignmentErrors.RULE_NOT_FOUND();
    return teams;
  }

  return {
    /** The rules, by priority: every rule for admins, a manager's teams' rules for a manager. */
    async listRules(actor: Actor): Promise<AssignmentRule[]> {
      const teams = await teamsOf(actor);
      return (await repo.listRules(db)).filter((r) => !teams || teams.has(r.teamId)).map(toDto);
    },

    slaHours: () => Math.round((deps.slaSeconds() / 3600) * 100) / 100,

    async createRule(actor: Actor, body: AssignmentRuleBody): Promise<AssignmentRule> {
      const teams = await teamsOf(actor);
      if (teams && !teams.has(body.teamId)) throw AssignmentErrors.RULE_TEAM_FORBIDDEN();
      try {
        const r = await repo.insertRule(db, body);
        await deps.audit.record(actor, { action: 'assignment.rule_create', entityType: 'assignment_rule', entityId: r.id, details: { name: r.name } });
        return toDto(r);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw AssignmentErrors.RULE_REFERENCE_UNKNOWN();
        throw err;
      }
    },

    async updateRule(actor: Actor, id: string, body: AssignmentRulePatch): Promise<AssignmentRule> {
      const teams = await ownRule(actor, id);
      if (teams && body.teamId && !teams.has(body.teamId)) throw AssignmentErrors.RULE_TEAM_FORBIDDEN();
      try {
        const r = await repo.updateRule(db, id, { ...body, updatedAt: deps.clock.now() });
        if (!r) throw AssignmentErrors.RULE_NOT_FOUND();
        await deps.audit.record(actor, {
          action: 'assignment.rule_update',
          entityType: 'assignment_rule',
          entityId: id,
          details: { fields: Object.keys(body) },
        });
        return toDto(r);
      } catch (err) {
        if (isForeignKeyViolation(err)) throw AssignmentErrors.RULE_REFERENCE_UNKNOWN();
        throw err;
      }
    },

    async deleteRule(actor: Actor, id: string): Promise<void> {
      await ownRule(actor, id);
      if (!(await repo.deleteRule(db, id))) throw AssignmentErrors.RULE_NOT_FOUND();
      await deps.audit.record(actor, { action: 'assignment.rule_delete', entityType: 'assignment_rule', entityId: id });
    },

    /** Gives owners to unowned leads by the rules (all of them, or only `leadIds`). */
    async assignUnowned(leadIds?: string[]): Promise<number> {
      // Without an active rule there is nothing to do: skip reading the leads at all.
      if (!(await repo.listRules(db)).some((r) => r.active)) return 0;
      let total = 0;
      if (leadIds) {
        for (let i = 0; i < leadIds.length; i += BATCH)
          total += await distribute(await deps.leads.assignments.unowned(BATCH, leadIds.slice(i, i + BATCH)), 'rule', false);
        return total;
      }
      for (;;) {
        const batch = await deps.leads.assignments.unowned(BATCH);
        const n = await distribute(batch, 'rule', false);
        total += n;
        // Stop when nothing more can be placed (no rule matches, or everyone is at their cap).
        if (batch.length < BATCH || n === 0) return total;
      }
    },

    /** Moves leads nobody worked within the SLA to another telecaller of the matching rule. */
    async reassignStale(): Promise<number> {
      const before = new Date(deps.clock.now().getTime() - deps.slaSeconds() * 1000);
      const stale = await deps.leads.assignments.untouchedSince(before, BATCH);
      const n = await distribute(stale, 'sla', true);
      if (n > 0) deps.logger.info({ reassigned: n }, 'reassigned leads nobody worked within the SLA');
      return n;
    },

    /** The "assign selected" action: to one person, to nobody, or by the rules. */
    async bulkAssign(actor: Actor, body: BulkAssignBody): Promise<AssignResult> {
      const ids = [...new Set(body.leadIds)];
      // Nothing partial: every lead must be one the actor may see, the owner one they may give leads to.
      const visible = await deps.leads.visibleIds(actor, ids);
      if (ids.some((id) => !visible.has(id))) throw AssignmentErrors.ASSIGN_LEADS_UNKNOWN();
      const watched = await deps.users.watched(actor);
      if (typeof body.ownerId === 'string' && body.ownerId !== 'auto' && watched && !watched.has(body.ownerId)) {
        throw AssignmentErrors.ASSIGN_OWNER_INVALID('ownerId: not someone in the teams you manage');
      }
      let assigned: number;
      if (body.ownerId === 'auto') {
        const candidates = await deps.leads.assignments.unowned(ids.length, ids);
        assigned = await distribute(candidates, 'rule', false);
      } else {
        if (body.ownerId && !(await deps.users.findActive(body.ownerId))) throw AssignmentErrors.ASSIGN_OWNER_INVALID();
        assigned = await deps.leads.assignments.assignMany(
          actor,
          ids.map((leadId) => ({ leadId, ownerId: body.ownerId as string | null })),
          'manual',
        );
      }
      return { assigned, unchanged: ids.length - assigned };
    },
  };
}
