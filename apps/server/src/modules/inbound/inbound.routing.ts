/**
 * Who an inbound call goes to, as a pure function of who is free: the lead's owner first, then
 * the owner's team, then anyone on the floor; within each, agents who speak the caller's language
 * first, then those working a campaign the lead is in, then the one free the longest. Agents who let this call ring out or turned it down, and
 * agents whose team is closed now, are left out.
 */
export type FreeAgent = {
  userId: string;
  /** Free since (ISO): the longest free is offered first. */
  since: string;
  teamId: string | null;
  languages: string[];
  phone: string | null;
  /** The running campaign the agent works, if any. */
  campaignId?: string | null;
};

export type CallToRoute = { ownerId: string | null; teamId: string | null; language: string | null; campaignIds?: readonly string[] };

export type RouteTier = 'owner' | 'team' | 'anyone';

export function rankAgents(
  call: CallToRoute,
  agents: FreeAgent[],
  opts: { exclude: ReadonlySet<string>; teamOpen: (teamId: string | null) => boolean },
): (FreeAgent & { tier: RouteTier })[] {
  const speaks = (a: FreeAgent) =>
    !call.language || a.languages.length === 0 || a.languages.some((l) => l.toLowerCase().startsWith(call.language?.slice(0, 2).toLowerCase() ?? ''));
  const tierOf = (a: FreeAgent): RouteTier => (a.userId === call.ownerId ? 'owner' : call.teamId && a.teamId === call.teamId ? 'team' : 'anyone');
  const works = (a: FreeAgent) => Boolean(a.campaignId && call.campaignIds?.includes(a.campaignId));
  const order: Record<RouteTier, number> = { owner: 0, team: 1, anyone: 2 };
  return agents
    .filter((a) => !opts.exclude.has(a.userId) && opts.teamOpen(a.teamId))
    .map((a) => ({ ...a, tier: tierOf(a), speaks: speaks(a), works: works(a) }))
    .sort(
      (a, b) =>
        order[a.tier] - order[b.tier] ||
        Number(b.speaks) - Number(a.speaks) ||
        Number(b.works) - Number(a.works) ||
        a.since.localeCompare(b.since) ||
        a.userId.localeCompare(b.userId),
    )
    .map(({ speaks: _s, works: _w, ...a }) => a);
}
