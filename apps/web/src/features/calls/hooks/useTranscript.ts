import { useQuery } from '@tanstack/react-query';
import { callKeys } from '../api/callKeys';
import { callsApi } from '../api/callsApi';

/** A past call's transcript, read once when it is opened (a live call's comes from useCallTranscript). */
export function useTranscript(callId: string) {
  return useQuery({
    queryKey: callKeys.transcript(callId),
    queryFn: async ({ signal }) => (await callsApi.transcript(callId, -1, signal)).items,
    staleTime: 60_000,
  });
}
