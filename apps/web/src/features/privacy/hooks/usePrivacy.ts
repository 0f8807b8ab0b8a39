import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { leadKeys } from '../../../lib/leadKeys';
import {
  type CompleteBody,
  type ConsentChannel,
  type ConsentPurpose,
  type LawfulBasis,
  type OpenRequestBody,
  type PrivacyRequest,
  type PrivacyRequestDetail,
  privacyApi,
  privacyKeys,
  type RequestFilters,
  type RetentionKind,
} from '../api/privacyApi';

export function useRequests(f: RequestFilters) {
  return useQuery({ queryKey: privacyKeys.requests(f), queryFn: ({ signal }) => privacyApi.requests(f, signal) });
}

export function useRequest(id: string | null) {
  return useQuery({ queryKey: privacyKeys.request(id ?? ''), queryFn: ({ signal }) => privacyApi.request(id ?? '', signal), enabled: id !== null });
}

/** Every privacy mutation refreshes the privacy views; a correction or erasure changes leads too. */
function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: privacyKeys.all });
    void qc.invalidateQueries({ queryKey: leadKeys.all });
  };
}

export function useOpenRequest() {
  const refresh = useRefresh();
  return useMutation<PrivacyRequest, Error, OpenRequestBody>({ mutationFn: privacyApi.open, onSuccess: refresh });
}

export function useRequestActions(id: string) {
  const refresh = useRefresh();
  return {
    start: useMutation<PrivacyRequestDetail, Error, void>({ mutationFn: () => privacyApi.start(id), onSuccess: refresh }),
    complete: useMutation<PrivacyRequestDetail, Error, CompleteBody>({ mutationFn: (body) => privacyApi.complete(id, body), onSuccess: refresh }),
    reject: useMutation<PrivacyRequestDetail, Error, string>({ mutationFn: (reason) => privacyApi.reject(id, reason), onSuccess: refresh }),
  };
}

export function useHolds(leadId?: string) {
  return useQuery({ queryKey: privacyKeys.holds(leadId), queryFn: ({ signal }) => privacyApi.holds(leadId, signal) });
}

export function useHoldActions() {
  const refresh = useRefresh();
  return {
    place: useMutation({ mutationFn: (v: { leadId: string; reason: string }) => privacyApi.placeHold(v.leadId, v.reason), onSuccess: refresh }),
    lift: useMutation({ mutationFn: (v: { id: string; reason: string }) => privacyApi.liftHold(v.id, v.reason), onSuccess: refresh }),
  };
}

export function useRetention() {
  return useQuery({ queryKey: privacyKeys.retention(), queryFn: ({ signal }) => privacyApi.retention(signal) });
}

export function useRetentionActions() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: privacyKeys.retention() });
  return {
    set: useMutation({ mutationFn: (v: { kind: RetentionKind; days: number | null }) => privacyApi.setRetention(v.kind, v.days), onSuccess: done }),
    run: useMutation({ mutationFn: () => privacyApi.runRetention(), onSuccess: done }),
  };
}

export function useConsents(leadId: string) {
  return useQuery({ queryKey: privacyKeys.consents(leadId), queryFn: ({ signal }) => privacyApi.consents(leadId, signal) });
}

export function useRecordConsent(leadId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { purpose: ConsentPurpose; granted: boolean; channel: ConsentChannel; evidence?: string | null; lawfulBasis?: LawfulBasis }) =>
      privacyApi.recordConsent(leadId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: privacyKeys.consents(leadId) }),
  });
}

export function useNotices() {
  return useQuery({ queryKey: privacyKeys.notices(), queryFn: ({ signal }) => privacyApi.notices(signal) });
}

export function usePublishNotice() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: privacyApi.publishNotice, onSuccess: () => qc.invalidateQueries({ queryKey: privacyKeys.notices() }) });
}
