import { useEffect, useState } from 'react';
import type { ApiError } from '../../../lib/errors';
import { subscribe } from '../../../lib/graphql';

export type MemberState = 'OFFLINE' | 'AVAILABLE' | 'RINGING' | 'ON_CALL' | 'WRAP_UP' | 'BREAK';

/** A member of the manager's teams as the floor has them now, with today's figures so far. */
export type TeamMember = {
  user: { id: string; name: string; team: { id: string; name: string } | null };
  state: MemberState;
  since: string | null;
  reason: string | null;
  campaign: { id: string; name: string } | null;
  today: { calls: number; connects: number; talkSeconds: number; conversions: number };
};

/** The command center's own subscription (teamUpdated), asked for the fields this page shows. */
const MY_TEAM = `subscription MyTeam {
  teamUpdated {
    agents { user { id name team { id name } } state since reason campaign { id name } today { calls connects talkSeconds conversions } }
    updatedAt
  }
}`;

/**
 * The teams the manager leads, live: the same floor the command center's board is pushed, so the
 * states and today's numbers agree with it. Each message is a whole snapshot; after a dropped
 * connection the first one puts the page right again.
 */
export function useMyTeamFloor() {
  const [floor, setFloor] = useState<{ members: TeamMember[] | null; updatedAt: string | null; error: ApiError | null }>({
    members: null,
    updatedAt: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt subscribes again
  useEffect(
    () =>
      subscribe<{ teamUpdated: { agents: TeamMember[]; updatedAt: string } }>(
        MY_TEAM,
        {},
        {
          next: (d) => setFloor({ members: d.teamUpdated.agents, updatedAt: d.teamUpdated.updatedAt, error: null }),
          error: (error) => setFloor((f) => ({ ...f, error })),
        },
      ),
    [attempt],
  );
  return { ...floor, retry: () => setAttempt((a) => a + 1) };
}
