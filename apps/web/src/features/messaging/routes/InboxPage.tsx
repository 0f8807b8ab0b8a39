import type { InboxItem } from '@telehub/shared';
import { Inbox as InboxIcon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatPhone, formatRelative } from '../../../lib/format';
import { ReplyBox } from '../components/ReplyBox';
import { useInbox, useMarkSeen } from '../hooks/useMessaging';

/** What the telecaller's leads wrote on WhatsApp: unread first, each with its window and a reply box. */
export function InboxPage() {
  const { t } = useTranslation();
  const inbox = useInbox();
  const [open, setOpen] = useState<string | null>(null);
  const seen = useMarkSeen();
  return (
    <>
      <PageHeader title={t('messaging.inbox.title')} subtitle={t('messaging.inbox.subtitle')} documentTitle={t('messaging.inbox.title')} />
      <section aria-label={t('messaging.inbox.title')} className="rounded-lg border border-gray-200 bg-white">
        {inbox.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-2 p-4">
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : inbox.isError ? (
          <div className="p-4">
            <ErrorState title={t('messaging.inbox.loadError')} error={inbox.error} onRetry={() => void inbox.refetch()} />
          </div>
        ) : inbox.data.items.length === 0 ? (
          <EmptyState icon={InboxIcon} title={t('messaging.inbox.empty')} body={t('messaging.inbox.emptyBody')} />
        ) : (
          <ul className="divide-y divide-gray-100">
            {inbox.data.items.map((item) => (
              <InboxRow
                key={item.leadId}
                item={item}
                open={open === item.leadId}
                onToggle={() => {
                  const next = open === item.leadId ? null : item.leadId;
                  setOpen(next);
                  if (next && item.unread > 0) seen.mutate(item.leadId);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function InboxRow({ item, open, onToggle }: { item: InboxItem; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <li className={cn('px-4 py-3', item.unread > 0 && 'bg-indigo-50/40')} data-testid="inbox-item">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-semibold text-gray-900">
            <Link to={`/leads/${item.leadId}`} className="hover:underline">
              {item.leadName}
            </Link>
            <span className="ml-2 text-xs font-normal text-gray-600">{formatPhone(item.phone)}</span>
            {item.unread > 0 && (
              <span className="ml-2 rounded-full bg-indigo-600 px-2 py-0.5 text-xs font-medium text-white">
                {t('messaging.inbox.unread', { count: item.unread })}
              </span>
            )}
          </p>
          {item.lastText && <p className="mt-1 text-sm text-gray-800 [overflow-wrap:anywhere]">{item.lastText}</p>}
          <time dateTime={item.lastAt} title={formatDateTime(item.lastAt, lng)} className="text-xs text-gray-500">
            {formatRelative(item.lastAt, lng)}
          </time>
        </div>
        <Button size="sm" onClick={onToggle} aria-expanded={open}>
          {open ? t('common.close') : t('messaging.inbox.reply')}
        </Button>
      </div>
      {open && (
        <div className="mt-3">
          <ReplyBox leadId={item.leadId} closesAt={item.windowClosesAt} />
        </div>
      )}
    </li>
  );
}
