/** The command center's GraphQL documents and the shapes they return. */
import { api } from '../../../lib/api';
import { graphql } from '../../../lib/graphql';

export type AgentState = 'OFFLINE' | 'AVAILABLE' | 'RINGING' | 'ON_CALL' | 'WRAP_UP' | 'BREAK';

export type Performance = {
  calls: number;
  connects: number;
  connectRate: number | null;
  talkSeconds: number;
  averageHandleSeconds: number | null;
  conversions: number;
  loggedInSeconds: number;
  callsPerHour: number | null;
  talkMinutesPerHour: number | null;
};

export type LiveCall = {
  id: string;
  status: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  wrapUpPending: boolean;
  lead: { id: string; name: string };
  telecaller: { id: string; name: string };
};

export type AgentRow = {
  user: { id: string; name: string; team: { id: string; name: string } | null };
  state: AgentState;
  since: string | null;
  reason: string | null;
  currentCall: LiveCall | null;
  today: Performance;
  /** The campaign the agent works now; null: none (click-to-call). */
  campaign: { id: string; name: string } | null;
  /** Where the agent goes once their call is done (asked for on it); null: back to available. */
  next: { state: AgentState; reason: string | null } | null;
};

export type TeamStatus = {
  agents: AgentRow[];
  liveCalls: LiveCall[];
  totals: { agents: number; available: number; ringing: number; onCall: number; wrapUp: number; onBreak: number; offline: number; liveCalls: number };
  today: Performance;
  updatedAt: string;
};

export type AlertKind = 'LONG_CALL' | 'IDLE_TOO_LONG' | 'BREAK_TOO_LONG' | 'CALLBACK_OVERDUE' | 'CONNECT_RATE_DROP' | 'MISSED_CALL_OVERDUE';

export type FloorAlert = {
  id: string;
  kind: AlertKind;
  severity: 'WARNING' | 'CRITICAL';
  message: string;
  agent: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  callId: string | null;
  leadName: string | null;
  value: number;
  threshold: number;
  since: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
};

export type LeaderboardPeriod = 'TODAY' | 'WEEK' | 'MONTH';
export type LeaderboardEntry = { rank: number; user: { id: string; name: string }; performance: Performance };
export type TrendPoint = Performance & { from: string; to: string };
/** One local hour of today (the last one so far). */
export type HourPoint = { from: string; to: string; calls: number; connects: number; talkSeconds: number };

const PERFORMANCE = 'calls connects connectRate talkSeconds averageHandleSeconds conversions loggedInSeconds callsPerHour talkMinutesPerHour';
const CALL = 'id status startedAt answeredAt endedAt wrapUpPending lead { id name } telecaller { id name }';

/**
 * The floor as patches (floorChanged): the whole view first, then what changed; applyFloorPatch
 * keeps a TeamStatus from them, so the board is the one teamUpdated gives.
 */
export type FloorPatch = TeamStatus & { seq: number; full: boolean; removedAgentIds: string[]; endedCallIds: string[] };

export const FLOOR_CHANGED = `subscription FloorPatches($teamId: ID) {
  floorChanged(teamId: $teamId) {
    seq full
    agents { user { id name team { id name } } state since reason currentCall { ${CALL} } today { ${PERFORMANCE} } campaign { id name } next { state reason } }
    removedAgentIds
    liveCalls { ${CALL} }
    endedCallIds
    totals { agents available ringing onCall wrapUp onBreak offline liveCalls }
    today { ${PERFORMANCE} }
    updatedAt
  }
}`;

/** A board and the last patch number it applied. */
export type PatchedBoard = { status: TeamStatus; seq: number };

/**
 * The board after `patch`; null when the patch does not follow the last one (a gap: the caller
 * subscribes again and starts from a whole view). Rows keep their place; new ones come last.
 * Live calls are newest first, as the server lists them.
 */
export function applyFloorPatch(board: PatchedBoard | null, patch: FloorPatch): PatchedBoard | null {
  const { seq, full, removedAgentIds, endedCallIds, ...whole } = patch;
  if (full) return { status: whole, seq };
  if (!board || seq !== board.seq + 1) return null;
  const changed = new Map(patch.agents.map((a) => [a.user.id, a]));
  const gone = new Set(removedAgentIds);
  const agents = board.status.agents.flatMap((a) => {
    if (gone.has(a.user.id)) return [];
    const next = changed.get(a.user.id);
    changed.delete(a.user.id);
    return [next ?? a];
  });
  agents.push(...changed.values());
  const calls = new Map(board.status.liveCalls.map((c) => [c.id, c]));
  for (const id of endedCallIds) calls.delete(id);
  for (const c of patch.liveCalls) calls.set(c.id, c);
  const liveCalls = [...calls.values()].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return { status: { agents, liveCalls, totals: patch.totals, today: patch.today, updatedAt: patch.updatedAt }, seq };
}

const ALERT = 'id kind severity message agent { id name } team { id name } callId leadName value threshold since raisedAt acknowledgedAt resolvedAt';

export const ALERT_CHANGED = `subscription Alerts($teamId: ID) { alertChanged(teamId: $teamId) { ${ALERT} } }`;

/** The inbound queue and today's inbound figures, as the server sends them. */
export type InboundFigures = {
  calls: number;
  answered: number;
  answeredWithinTarget: number;
  missed: number;
  closed: number;
  serviceLevel: number | null;
  missedRate: number | null;
};
export type InboundCaller = {
  callId: string;
  leadId: string;
  leadName: string;
  leadPhone: string;
  known: boolean;
  state: 'WAITING' | 'OFFERED' | 'RINGING_OUT' | 'CONNECTED' | 'MISSED';
  offeredTo: string | null;
  agentId: string | null;
  arrivedAt: string;
  waitedSeconds: number;
  missedReason: 'CLOSED' | 'NO_AGENT' | 'CALLER_LEFT' | null;
};
export type InboundStatus = {
  waiting: number;
  longestWaitSeconds: number;
  callers: InboundCaller[];
  targetSeconds: number;
  today: InboundFigures;
  hours: { hour: string; figures: InboundFigures }[];
  callbacksOverdue: number;
  updatedAt: string;
};
const FIGURES = 'calls answered answeredWithinTarget missed closed serviceLevel missedRate';
export const INBOUND_CHANGED = `subscription Inbound { inboundChanged {
  waiting longestWaitSeconds targetSeconds callbacksOverdue updatedAt
  callers { callId leadId leadName leadPhone known state offeredTo agentId arrivedAt waitedSeconds missedReason }
  today { ${FIGURES} }
  hours { hour figures { ${FIGURES} } }
} }`;

export const floorApi = {
  teams: (signal?: AbortSignal) => graphql<{ teams: { id: string; name: string }[] }>('query { teams { id name } }', undefined, signal),
  alerts: (teamId: string | null, signal?: AbortSignal) =>
    graphql<{ alerts: FloorAlert[] }>(`query($teamId: ID) { alerts(status: OPEN, teamId: $teamId) { ${ALERT} } }`, { teamId }, signal),
  acknowledge: (id: string) => graphql<{ acknowledgeAlert: FloorAlert }>(`mutation($id: ID!) { acknowledgeAlert(id: $id) { ${ALERT} } }`, { id }),
  leaderboard: (period: LeaderboardPeriod, teamId: string | null, signal?: AbortSignal) =>
    graphql<{ leaderboard: LeaderboardEntry[] }>(
      `query($period: LeaderboardPeriod, $teamId: ID) { leaderboard(period: $period, teamId: $teamId, limit: 10) { rank user { id name } performance { ${PERFORMANCE} } } }`,
      { period, teamId },
      signal,
    ),
  trend: (teamId: string | null, signal?: AbortSignal) =>
    graphql<{ teamTrend: TrendPoint[] }>(`query($teamId: ID) { teamTrend(days: 7, teamId: $teamId) { from to ${PERFORMANCE} } }`, { teamId }, signal),
  hours: (teamId: string | null, signal?: AbortSignal) =>
    graphql<{ teamHours: HourPoint[] }>('query($teamId: ID) { teamHours(teamId: $teamId) { from to calls connects talkSeconds } }', { teamId }, signal),
  /** Rings the manager's phone into the call: listen only, whisper to the agent, or join both. */
  supervise: (callId: string, mode: 'listen' | 'whisper' | 'barge') =>
    api<{ mode: string }>(`/calls/${encodeURIComponent(callId)}/supervise`, { method: 'POST', body: { mode } }),
};

export const floorKeys = {
  all: ['floor'] as const,
  teams: () => [...floorKeys.all, 'teams'] as const,
  alerts: (teamId: string | null) => [...floorKeys.all, 'alerts', teamId ?? 'all'] as const,
  leaderboard: (period: LeaderboardPeriod, teamId: string | null) => [...floorKeys.all, 'leaderboard', period, teamId ?? 'all'] as const,
  trend: (teamId: string | null) => [...floorKeys.all, 'trend', teamId ?? 'all'] as const,
  hours: (teamId: string | null) => [...floorKeys.all, 'hours', teamId ?? 'all'] as const,
};
