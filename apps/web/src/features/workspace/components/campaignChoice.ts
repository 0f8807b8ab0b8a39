import type { Campaign } from '@telehub/shared';

/** Running campaigns this agent may join (named in it, or in one of its teams), the highest priority first. */
export function joinable(campaigns: readonly Campaign[], userId: string, teamId: string | null | undefined): Campaign[] {
  return campaigns
    .filter((c) => c.status === 'running' && (c.agentIds.includes(userId) || (teamId ? c.teamIds.includes(teamId) : false)))
    .sort((a, b) => b.priority - a.priority || a.name.localeCompare(b.name));
}
