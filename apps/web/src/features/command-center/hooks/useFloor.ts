import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../../lib/errors';
import { onReconnect, subscribe } from '../../../lib/graphql';
import {
  ALERT_CHANGED,
  applyFloorPatch,
  FLOOR_CHANGED,
  type FloorAlert,
  type FloorPatch,
  floorApi,
  floorKeys,
  INBOUND_CHANGED,
  type InboundStatus,
  type LeaderboardPeriod,
  type PatchedBoard,
  type TeamStatus,
} from '../api/floorApi';

/**
 * The floor as the server last pushed it, kept from floorChanged's patches. Every subscription
 * starts with the whole view, so after a dropped connection the board is whole again with the
 * first message; a patch that does not follow the last one (one was lost) subscribes again.
 */
export function useTeamBoard(teamId: string | null) {
  const [board, setBoard] = useState<{ data: TeamStatus | null; error: ApiError | null; teamId: string | null }>({ data: null, error: null, teamId });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt subscribes again
  useEffect(() => {
    setBoard((b) => (b.teamId === teamId ? b : { data: null, error: null, teamId }));
    const kept: { board: PatchedBoard | null } = { board: null };
    return subscribe<{ floorChanged: FloorPatch }>(
      FLOOR_CHANGED,
      { teamId },
      {
        next: (d) => {
          const next = applyFloorPatch(kept.board, d.floorChanged);
          if (!next) {
            setAttempt((a) => a + 1);
            return;
          }
          kept.board = next;
          setBoard({ data: next.status, error: null, teamId });
        },
        error: (error) => setBoard((b) => ({ ...b, error })),
      },
    );
  }, [teamId, attempt]);
  return { ...board, retry: () => setAttempt((a) => a + 1) };
}

/** The inbound queue as the server last pushed it (a full status each time). */
export function useInbound() {
  const [state, setState] = useState<{ data: InboundStatus | null; error: ApiError | null }>({ data: null, error: null });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt subscribes again
  useEffect(
    () =>
      subscribe<{ inboundChanged: InboundStatus }>(
        INBOUND_CHANGED,
        {},
        { next: (d) => setState({ data: d.inboundChanged, error: null }), error: (error) => setState((s) => ({ ...s, error })) },
      ),
    [attempt],
  );
  return { ...state, retry: () => setAttempt((a) => a + 1) };
}

/** Open alerts: loaded once, then kept current by alertChanged; loaded again after a reconnect. */
export function useAlerts(teamId: string | null) {
  const qc = useQueryClient();
  const key = useMemo(() => floorKeys.alerts(teamId), [teamId]);
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => floorApi.alerts(teamId, signal).then((d) => d.alerts) });
  useEffect(() => {
    const apply = (a: FloorAlert) =>
      qc.setQueryData<FloorAlert[]>(key, (list) => {
        const rest = (list ?? []).filter((x) => x.id !== a.id);
        return a.acknowledgedAt || a.resolvedAt ? rest : [a, ...rest];
      });
    const stop = subscribe<{ alertChanged: FloorAlert }>(ALERT_CHANGED, { teamId }, { next: (d) => apply(d.alertChanged) });
    const off = onReconnect(() => void qc.invalidateQueries({ queryKey: key }));
    return () => {
      stop();
      off();
    };
  }, [qc, key, teamId]);
  const acknowledge = useMutation({
    mutationFn: (id: string) => floorApi.acknowledge(id),
    onSuccess: (d) => qc.setQueryData<FloorAlert[]>(key, (list) => (list ?? []).filter((x) => x.id !== d.acknowledgeAlert.id)),
  });
  return { query, acknowledge };
}

export function useTeams() {
  return useQuery({ queryKey: floorKeys.teams(), queryFn: ({ signal }) => floorApi.teams(signal).then((d) => d.teams), staleTime: 5 * 60_000 });
}

/** Rankings move with every wrap-up; a short refresh keeps them close without a push per call. */
export function useLeaderboard(period: LeaderboardPeriod, teamId: string | null) {
  return useQuery({
    queryKey: floorKeys.leaderboard(period, teamId),
    queryFn: ({ signal }) => floorApi.leaderboard(period, teamId, signal).then((d) => d.leaderboard),
    refetchInterval: 15_000,
  });
}

export function useTrend(teamId: string | null) {
  return useQuery({
    queryKey: floorKeys.trend(teamId),
    queryFn: ({ signal }) => floorApi.trend(teamId, signal).then((d) => d.teamTrend),
    refetchInterval: 60_000,
  });
}

/** Today by hour; the hour now running is kept live from the floor's totals (see liveHours). */
export function useTeamHours(teamId: string | null) {
  return useQuery({
    queryKey: floorKeys.hours(teamId),
    queryFn: ({ signal }) => floorApi.hours(teamId, signal).then((d) => d.teamHours),
    refetchInterval: 30_000,
  });
}

/** Listen, whisper or barge through the provider; the result or refusal shows beside the buttons. */
export function useSupervise() {
  return useMutation({ mutationFn: ({ callId, mode }: { callId: string; mode: 'listen' | 'whisper' | 'barge' }) => floorApi.supervise(callId, mode) });
}
