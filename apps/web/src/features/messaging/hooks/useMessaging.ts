import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailTemplate, EmailTemplateBody, MessageQueued, SendMessageBody, TemplateSyncResult } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { messagingApi, messagingKeys } from '../api/messagingApi';

/** The lead's messages; refreshed every few seconds while something is on its way (ticks move). */
export function useLeadMessages(leadId: string) {
  return useQuery({
    queryKey: messagingKeys.lead(leadId),
    queryFn: ({ signal }) => messagingApi.forLead(leadId, signal),
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status === 'queued' || m.status === 'sent' || m.status === 'delivered') ? 3000 : 15_000),
  });
}

export function useSendMessage(leadId: string) {
  const qc = useQueryClient();
  return useMutation<MessageQueued, Error, SendMessageBody>({
    mutationFn: (body) => messagingApi.send(leadId, body),
    onSuccess: async () => {
      await Promise.all([qc.invalidateQueries({ queryKey: messagingKeys.lead(leadId) }), qc.invalidateQueries({ queryKey: leadKeys.timeline(leadId) })]);
    },
  });
}

export function useInbox() {
  return useQuery({ queryKey: messagingKeys.inbox(), queryFn: ({ signal }) => messagingApi.inbox(signal), refetchInterval: 10_000 });
}

export function useMarkSeen() {
  const qc = useQueryClient();
  return useMutation<{ seen: number }, Error, string>({
    mutationFn: (leadId) => messagingApi.markSeen(leadId),
    onSuccess: () => void qc.invalidateQueries({ queryKey: messagingKeys.inbox() }),
  });
}

export function useMessagingTemplates() {
  return useQuery({ queryKey: messagingKeys.templates(), queryFn: ({ signal }) => messagingApi.templates(signal) });
}

export function useSyncTemplates() {
  const qc = useQueryClient();
  return useMutation<TemplateSyncResult, Error, void>({
    mutationFn: () => messagingApi.sync(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}

export function useSaveEmailTemplate() {
  const qc = useQueryClient();
  return useMutation<EmailTemplate, Error, { id: string | null; body: EmailTemplateBody }>({
    mutationFn: ({ id, body }) => (id ? messagingApi.updateEmail(id, body) : messagingApi.createEmail(body)),
    onSuccess: () => void qc.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}

export function useRemoveEmailTemplate() {
  const qc = useQueryClient();
  return useMutation<null, Error, string>({
    mutationFn: (id) => messagingApi.removeEmail(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: messagingKeys.templates() }),
  });
}
