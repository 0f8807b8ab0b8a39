import type { Message } from '@telehub/shared';
import { AlertCircle, Check, CheckCheck, Clock, Inbox } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

/** The ticks WhatsApp users know: a clock while queued, one tick sent, two delivered, two blue read; failures say why. */
export function MessageStatus({ message, className }: { message: Pick<Message, 'status' | 'errorCode' | 'errorTitle'>; className?: string }) {
  const { t } = useTranslation();
  const s = message.status;
  const Icon = s === 'queued' ? Clock : s === 'sent' ? Check : s === 'delivered' || s === 'read' ? CheckCheck : s === 'received' ? Inbox : AlertCircle;
  const tone = s === 'read' ? 'text-sky-600' : s === 'failed' || s === 'bounced' ? 'text-red-700' : 'text-gray-500';
  return (
    <span className={cn('inline-flex items-center gap-1 text-xs', tone, className)} data-status={s}>
      <Icon aria-hidden className="size-3.5" />
      <span>{t(`messaging.status.${s}`)}</span>
      {(s === 'failed' || s === 'bounced') && message.errorTitle && (
        <span className="text-red-700 [overflow-wrap:anywhere]">
          {' '}
          — {message.errorTitle}
          {message.errorCode ? ` (${message.errorCode})` : ''}
        </span>
      )}
    </span>
  );
}
