/**
 * How a message's delivery status moves: sent < delivered < read, never backwards, whatever
 * order Meta's webhooks arrive in and however often. Each step's time is kept the first time it
 * is heard of, and the status is read from the times: read if it was read, else delivered, else
 * failed, else sent. So the merge is the same in any order, and a `failed` heard after delivery
 * changes nothing. A bounce (email) is final.
 */
import type { MessageStatus } from '@telehub/shared';

export type StatusState = {
  status: MessageStatus;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
  failedAt: Date | null;
};

const earliest = (a: Date | null, b: Date) => (a && a.getTime() <= b.getTime() ? a : b);

/** The state after hearing `status` at `at`. */
export function mergeStatus(s: StatusState, status: 'sent' | 'delivered' | 'read' | 'failed', at: Date): StatusState {
  if (s.status === 'bounced' || s.status === 'received') return s;
  const next: StatusState = { ...s };
  if (status === 'sent') next.sentAt = earliest(s.sentAt, at);
  if (status === 'delivered') next.deliveredAt = earliest(s.deliveredAt, at);
  if (status === 'read') next.readAt = earliest(s.readAt, at);
  if (status === 'failed') next.failedAt = earliest(s.failedAt, at);
  next.status = next.readAt ? 'read' : next.deliveredAt ? 'delivered' : next.failedAt ? 'failed' : next.sentAt ? 'sent' : s.status;
  return next;
}

export const sameState = (a: StatusState, b: StatusState) =>
  a.status === b.status &&
  a.sentAt?.getTime() === b.sentAt?.getTime() &&
  a.deliveredAt?.getTime() === b.deliveredAt?.getTime() &&
  a.readAt?.getTime() === b.readAt?.getTime() &&
  a.failedAt?.getTime() === b.failedAt?.getTime();
