/**
 * Which leads an actor may see and give out, as the leads policy rules it, applied to records
 * and list queries: a telecaller their own, a manager those of the people they watch and the
 * unassigned pool, an admin every lead. A lead out of scope answers like a missing one.
 */
import type { LeadListQuery } from '@telehub/shared';
import type { Watched } from '../../platform/auth/roles.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { UsersService } from '../users/index.js';
import { LeadErrors } from './leads.errors.js';
import { leadsPolicy } from './leads.policy.js';
import type { LeadFilter, LeadIdFilter, LeadRow } from './leads.repo.js';
import * as repo from './leads.repo.js';

export function createLeadScope(deps: { db: Db; users: Pick<UsersService, 'findActive' | 'watched'>; campaignFilter?: (campaignId: string) => LeadIdFilter }) {
  const { db } = deps;
  return {
    /**
     * The lead if the actor may see it. `watched` is read before any transaction opens (the
     * embedded store has one connection, which an open transaction holds).
     */
    async visibleLead(actor: Actor, id: string, watched: Watched, tx: Db = db): Promise<LeadRow> {
      const row = await repo.findLead(tx, id);
      if (!row || !leadsPolicy.canSee(actor, row, watched)) throw LeadErrors.LEAD_NOT_FOUND();
      return row;
    },

    async canSee(actor: Actor, leadId: string): Promise<boolean> {
      const row = await repo.findLead(db, leadId);
      return row !== undefined && leadsPolicy.canSee(actor, row, await deps.users.watched(actor));
    },

    /** The leads among `ids` the actor may see (for merges and bulk actions). */
    async visibleIds(actor: Actor, ids: string[]): Promise<Set<string>> {
      const watched = await deps.users.watched(actor);
      return new Set((await repo.findLeads(db, [...new Set(ids)])).filter((r) => leadsPolicy.canSee(actor, r, watched)).map((r) => r.id));
    },

    listScope: async (actor: Actor) => leadsPolicy.listScope(actor, await deps.users.watched(actor)),

    /** The owner must be an active user, and one the actor may give leads to (a manager: their teams). */
    async assertOwner(actor: Actor, ownerId: string | null | undefined, watched: Watched) {
      if (!ownerId) return;
      if (!(await deps.users.findActive(ownerId))) throw LeadErrors.LEAD_OWNER_INVALID(`ownerId: no active user ${ownerId}`);
      if (!leadsPolicy.canAssignTo(actor, ownerId, watched)) throw LeadErrors.LEAD_OWNER_INVALID('ownerId: not someone in the teams you manage');
    },

    /** The list filter as asked, within the actor's scope: asking for someone else's leads gets an empty list, never a leak. */
    async filterFor(actor: Actor, q: Omit<LeadListQuery, 'page' | 'pageSize' | 'sort'>): Promise<LeadFilter> {
      const { ownerId, campaignId, ...rest } = q;
      const scope = leadsPolicy.listScope(actor, await deps.users.watched(actor));
      return {
        ...rest,
        ownerId: ownerId === 'me' ? actor.id : ownerId,
        ...(scope ? { scope } : {}),
        campaignFilter: campaignId && deps.campaignFilter ? deps.campaignFilter(campaignId) : undefined,
      };
    },
  };
}
