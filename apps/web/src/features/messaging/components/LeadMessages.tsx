import type { Message } from '@telehub/shared';
import { Mail, MessageCircle, Send } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useLeadMessages } from '../hooks/useMessaging';
import { MessageStatus } from './MessageStatus';
import type { LeadForPrefill } from './messageForm';
import { ReplyBox } from './ReplyBox';
import { SendMessageDialog } from './SendMessageDialog';

/** The lead page's messages: send a template (Message), the conversation with its ticks, and a reply inside the window. */
export function LeadMessages({ lead }: { lead: LeadForPrefill & { id: string } }) {
  const { t } = useTranslation();
  const messages = useLeadMessages(lead.id);
  const [sending, setSending] = useState(false);
  return (
    <section aria-labelledby="lead-messages-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
        <h2 id="lead-messages-title" className="text-sm font-semibold text-gray-900">
          {t('messaging.lead.title')}
        </h2>
        <Button size="sm" variant="primary" onClick={() => setSending(true)}>
          <Send aria-hidden className="size-4" />
          {t('messaging.lead.message')}
        </Button>
      </div>
      <div className="p-4">
        {messages.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-2">
            <Skeleton className="h-10" />
            <Skeleton className="h-10" />
          </div>
        ) : messages.isError ? (
          <ErrorState title={t('messaging.lead.loadError')} error={messages.error} onRetry={() => void messages.refetch()} />
        ) : (
          <div className="space-y-3">
            {!messages.data.channels.whatsapp && <p className="text-xs text-gray-600">{t('messaging.notConfigured.whatsapp')}</p>}
            {messages.data.items.length === 0 ? (
              <p className="text-sm text-gray-600">{t('messaging.lead.empty')}</p>
            ) : (
              <ol className="max-h-96 space-y-2 overflow-y-auto" aria-label={t('messaging.lead.listLabel')}>
                {[...messages.data.items].reverse().map((m) => (
                  <MessageBubble key={m.id} message={m} />
                ))}
              </ol>
            )}
            {messages.data.channels.whatsapp && <ReplyBox leadId={lead.id} closesAt={messages.data.window.closesAt} />}
          </div>
        )}
      </div>
      {sending && <SendMessageDialog lead={lead} onClose={() => setSending(false)} />}
    </section>
  );
}

function MessageBubble({ message: m }: { message: Message }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const Icon = m.channel === 'email' ? Mail : MessageCircle;
  const mine = m.direction === 'out';
  return (
    <li className={cn('flex', mine ? 'justify-end' : 'justify-start')} data-testid="message" data-status={m.status}>
      <div className={cn('max-w-[85%] rounded-lg px-3 py-2 text-sm ring-1', mine ? 'bg-emerald-50 ring-emerald-200' : 'bg-gray-50 ring-gray-200')}>
        <p className="flex items-center gap-1 text-xs text-gray-600">
          <Icon aria-hidden className="size-3.5" />
          <span>{t(`messaging.channel.${m.channel}`)}</span>
          {m.template && <span>· {m.template}</span>}
          {m.origin?.kind === 'sequence' && <span>· {t('messaging.lead.bySequence')}</span>}
        </p>
        {m.subject && <p className="mt-1 font-medium text-gray-900">{m.subject}</p>}
        {m.body && <p className="mt-1 whitespace-pre-wrap text-gray-900 [overflow-wrap:anywhere]">{m.body}</p>}
        <p className="mt-1 flex flex-wrap items-center gap-2">
          <time dateTime={m.createdAt} title={formatDateTime(m.createdAt, lng)} className="text-xs text-gray-500">
            {formatRelative(m.createdAt, lng)}
          </time>
          <MessageStatus message={m} />
        </p>
      </div>
    </li>
  );
}
