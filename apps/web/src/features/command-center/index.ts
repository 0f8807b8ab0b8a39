// Command center: the manager's live floor over graphql-ws (board, live calls, alerts, leaderboard).
// Only its page leaves the feature, loaded on first visit.
export const loadCommandCenterPage = () => import('./routes/CommandCenterPage').then((m) => m.CommandCenterPage);
