import { useLeadMessages } from '../hooks/useMessaging';
import { MessageStatus } from './MessageStatus';

/** A message's line on the lead's timeline shows its live status (the timeline row names the message). */
export function MessageActivity({ leadId, messageId }: { leadId: string; messageId: string }) {
  const messages = useLeadMessages(leadId);
  const m = messages.data?.items.find((x) => x.id === messageId);
  if (!m) return null;
  return <MessageStatus message={m} className="mt-1" />;
}
