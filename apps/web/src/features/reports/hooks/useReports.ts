import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateReportSubscriptionBody, ReportFilters, ReportKind, ReportSubscription } from '@telehub/shared';
import { type CallDrill, type ConsentDrill, type FunnelDrill, type ReportOf, reportKeys, reportsApi } from '../api/reportsApi';

/**
 * One report over the filters. Reports are read from rollups, so they are cheap, but a period
 * rarely changes under one's eyes: a minute is fresh enough, and a change of filters keeps the
 * last report on screen (dimmed) until the next arrives.
 */
export function useReport<K extends ReportKind>(kind: K, q: ReportFilters, enabled = true) {
  return useQuery<ReportOf[K]>({
    queryKey: reportKeys.report(kind, q),
    queryFn: ({ signal }) => reportsApi.report(kind, q, signal),
    enabled,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useFunnelLeads(q: ReportFilters, stage: FunnelDrill | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: reportKeys.leads(q, stage ?? 'created', page, pageSize),
    queryFn: ({ signal }) => reportsApi.funnelLeads(q, stage ?? 'created', page, pageSize, signal),
    enabled: stage !== null,
    placeholderData: keepPreviousData,
  });
}

export function useReportCalls(q: ReportFilters, drill: CallDrill | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: reportKeys.calls(q, drill ?? { outcome: 'all' }, page, pageSize),
    queryFn: ({ signal }) => reportsApi.calls(q, drill ?? { outcome: 'all' }, page, pageSize, signal),
    enabled: drill !== null,
    placeholderData: keepPreviousData,
  });
}

/** The leads who withdrew (or gave) consent in the period: the drill-down of the compliance report. */
export function useConsentLeads(q: ReportFilters, drill: ConsentDrill | null, page: number, pageSize: number) {
  return useQuery({
    queryKey: reportKeys.consents(q, drill ?? { granted: false }, page, pageSize),
    queryFn: ({ signal }) => reportsApi.consentLeads(q, drill ?? { granted: false }, page, pageSize, signal),
    enabled: drill !== null,
    placeholderData: keepPreviousData,
  });
}

/** The reports emailed on a schedule (staff only). */
export function useSubscriptions(enabled: boolean) {
  return useQuery({ queryKey: reportKeys.subscriptions(), queryFn: ({ signal }) => reportsApi.subscriptions(signal), enabled });
}

export function useSubscribe() {
  const qc = useQueryClient();
  return useMutation<ReportSubscription, Error, CreateReportSubscriptionBody>({
    mutationFn: (body) => reportsApi.subscribe(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.subscriptions() }),
  });
}

export function useUnsubscribe() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => reportsApi.unsubscribe(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.subscriptions() }),
  });
}
