import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { coachingApi, coachingKeys } from '../api/coachingApi';

/** The calls to review; read again on every visit, since reviews happen on the call page. */
export function useReviewQueue() {
  return useQuery({ queryKey: coachingKeys.queue(), queryFn: ({ signal }) => coachingApi.queue(signal), staleTime: 0, refetchOnMount: 'always' });
}

export function useCalibration(from: string) {
  return useQuery({
    queryKey: coachingKeys.calibration(from),
    queryFn: ({ signal }) => coachingApi.calibration(from, signal),
    placeholderData: keepPreviousData,
  });
}
