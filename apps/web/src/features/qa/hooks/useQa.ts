import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallScore, ReviewBody, Scorecard, ScorecardInput } from '@telehub/shared';
import { qaApi, qaKeys } from '../api/qaApi';

export function useScorecards() {
  return useQuery({ queryKey: qaKeys.scorecards(), queryFn: ({ signal }) => qaApi.scorecards(signal) });
}

export function useScorecard(id: string | null) {
  return useQuery({ queryKey: qaKeys.scorecard(id ?? ''), queryFn: ({ signal }) => qaApi.scorecard(id ?? '', signal), enabled: id !== null });
}

export function useSaveScorecard() {
  const qc = useQueryClient();
  return useMutation<Scorecard, Error, { id: string | null; body: ScorecardInput }>({
    mutationFn: ({ id, body }) => (id ? qaApi.update(id, body) : qaApi.create(body)),
    onSuccess: async (card) => {
      qc.setQueryData(qaKeys.scorecard(card.id), card);
      await qc.invalidateQueries({ queryKey: qaKeys.scorecards(), exact: true });
    },
  });
}

/** The call's score; read again every few seconds while the call has none yet (it is scored after its analysis). */
export function useCallScore(callId: string) {
  return useQuery({
    queryKey: qaKeys.score(callId),
    queryFn: ({ signal }) => qaApi.score(callId, signal),
    refetchInterval: (q) => (q.state.data && q.state.data.score === null && q.state.dataUpdateCount < 20 ? 3000 : false),
  });
}

/** Review, dispute and settling all answer the call's score as it now is. */
function useScoreMutation<V>(callId: string, run: (v: V) => Promise<CallScore>) {
  const qc = useQueryClient();
  return useMutation<CallScore, Error, V>({
    mutationFn: run,
    onSuccess: (score) => {
      qc.setQueryData(qaKeys.score(callId), { score });
      // The call's analysis answers the score too (calls' callKeys.analysis; the call page imports this feature, not the other way).
      void qc.invalidateQueries({ queryKey: ['calls', 'analysis', callId] });
    },
  });
}

export const useReviewScore = (callId: string) => useScoreMutation(callId, (body: ReviewBody) => qaApi.review(callId, body));
export const useDisputeScore = (callId: string) => useScoreMutation(callId, (reason: string) => qaApi.dispute(callId, reason));
export const useResolveDispute = (callId: string) =>
  useScoreMutation(callId, (v: { disputeId: string; outcome: 'upheld' | 'rejected'; resolution: string }) =>
    qaApi.resolve(callId, v.disputeId, { outcome: v.outcome, resolution: v.resolution }),
  );
