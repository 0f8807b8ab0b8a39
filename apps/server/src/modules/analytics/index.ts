// Analytics: the figures people act on, from the calls, presence and callbacks other modules
// keep: performance and its rates, the floor, leaderboard, trends, the workspace's counters and
// the signals the alerts watch. Owns no table yet (post-call analysis and rollups will).
export { type Floor, type FloorCounts, type FloorRow, type FloorView, type LeadBrief, viewOfFloor } from './analytics.floor.js';
export {
  createFloorView,
  createLiveFloor,
  type FloorChanges,
  type FloorPatch,
  type FloorViewLive,
  type LiveFloor,
  type LiveFloorDeps,
} from './analytics.live.js';
export { type AgentTotals, EMPTY_TOTALS, type Performance, type Period, periodFrom, sumTotals, toPerformance } from './analytics.performance.js';
export { analyticsPolicy } from './analytics.policy.js';
export { analyticsRoutes } from './analytics.routes.js';
export { type AnalyticsService, createAnalyticsService, type LeaderboardEntry, type LeaderboardPeriod } from './analytics.service.js';
