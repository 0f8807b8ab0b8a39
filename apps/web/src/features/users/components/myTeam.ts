/** The "My team" page's rows and counts, from the live floor: every count is of the rows shown. */
import type { TeamMember } from '../hooks/useMyTeamFloor';

export type MemberGroup = { teamId: string | null; name: string | null; members: TeamMember[] };

/**
 * Members by team (teams by name, anyone without a team last), each team by name: the groups
 * hold every member once, so the counts beside the teams add up to the member count.
 */
export function groupByTeam(members: TeamMember[], locale?: string): MemberGroup[] {
  const groups = new Map<string | null, MemberGroup>();
  for (const m of members) {
    const id = m.user.team?.id ?? null;
    const g = groups.get(id) ?? { teamId: id, name: m.user.team?.name ?? null, members: [] };
    g.members.push(m);
    groups.set(id, g);
  }
  const byName = (a: TeamMember, b: TeamMember) => a.user.name.localeCompare(b.user.name, locale) || a.user.id.localeCompare(b.user.id);
  return [...groups.values()]
    .map((g) => ({ ...g, members: [...g.members].sort(byName) }))
    .sort((a, b) => (a.teamId === null ? 1 : 0) - (b.teamId === null ? 1 : 0) || (a.name ?? '').localeCompare(b.name ?? '', locale));
}
