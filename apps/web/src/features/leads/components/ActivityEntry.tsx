import type { Activity, ActivityType } from '@telehub/shared';
import { ArrowRightLeft, FileInput, GitMerge, type LucideIcon, MessageCircle, Pencil, Phone, Plus, SkipForward, StickyNote, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { CallBrief } from '../../calls';
import { MessageActivity } from '../../messaging';
import { activityText } from './activityText';

const ICONS: Record<ActivityType, { icon: LucideIcon; tone: string }> = {
  created: { icon: Plus, tone: 'bg-gray-100 text-gray-600' },
  note: { icon: StickyNote, tone: 'bg-amber-50 text-amber-700' },
  status_change: { icon: ArrowRightLeft, tone: 'bg-indigo-50 text-indigo-700' },
  assignment: { icon: UserRound, tone: 'bg-sky-50 text-sky-700' },
  updated: { icon: Pencil, tone: 'bg-gray-100 text-gray-600' },
  merged: { icon: GitMerge, tone: 'bg-violet-50 text-violet-700' },
  call: { icon: Phone, tone: 'bg-emerald-50 text-emerald-700' },
  imported: { icon: FileInput, tone: 'bg-gray-100 text-gray-600' },
  skipped: { icon: SkipForward, tone: 'bg-orange-50 text-orange-700' },
  message: { icon: MessageCircle, tone: 'bg-teal-50 text-teal-700' },
};

export function ActivityEntry({
  activity,
  nameOf,
  showLinks,
  outcomeOf,
}: {
  activity: Activity;
  nameOf: (id: string | null) => string;
  showLinks?: boolean;
  outcomeOf?: (code: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const { icon: Icon, tone } = ICONS[activity.type];
  const { sentence, changes, details, link } = activityText(activity, { t, lng, nameOf, outcomeOf });
  // A call that was answered has a page: its recording, transcript and analysis.
  const callId = activity.type === 'call' && activity.data.status === 'completed' && typeof activity.data.callId === 'string' ? activity.data.callId : null;
  return (
    <li className="relative flex gap-3 pb-5 last:pb-0">
      <span aria-hidden className="absolute top-8 bottom-0 left-[13px] w-px bg-gray-200" />
      <span className={cn('relative flex size-7 shrink-0 items-center justify-center rounded-full ring-4 ring-white', tone)}>
        <Icon aria-hidden className="size-3.5" />
      </span>
      <div className="min-w-0 flex-1 pt-1">
        <p className="text-sm text-gray-800">
          {sentence}
          <span className="text-gray-400"> · </span>
          <time dateTime={activity.createdAt} title={formatDateTime(activity.createdAt, lng)} className="whitespace-nowrap text-gray-600">
            {formatRelative(activity.createdAt, lng)}
          </time>
        </p>
        {(activity.type === 'note' || activity.type === 'call' || activity.type === 'skipped' || activity.type === 'message') && activity.body && (
          <p className="mt-1.5 rounded-md bg-gray-50 px-3 py-2 text-sm whitespace-pre-wrap text-gray-900 ring-1 ring-gray-200 [overflow-wrap:anywhere]">
            {activity.body}
          </p>
        )}
        {details && details.length > 0 && (
          <ul className="mt-1.5 space-y-0.5 text-xs text-gray-600">
            {details.map((line) => (
              <li key={line} className="[overflow-wrap:anywhere]">
                {line}
              </li>
            ))}
          </ul>
        )}
        {activity.type === 'message' && activity.data.direction === 'out' && typeof activity.data.messageId === 'string' && (
          <MessageActivity leadId={activity.leadId} messageId={activity.data.messageId} />
        )}
        {callId && <CallBrief callId={callId} label={t('callPage.openOf', { when: formatDateTime(activity.createdAt, lng) })} />}
        {showLinks && link && (
          <Link to={link.to} className="mt-1 inline-block text-xs font-medium text-indigo-700 hover:underline">
            {link.label}
          </Link>
        )}
        {changes.some((c) => c.showValues) && (
          <ul className="mt-1.5 space-y-0.5 text-xs text-gray-600">
            {changes
              .filter((c) => c.showValues)
              .map((c) => (
                <li key={c.field} className="[overflow-wrap:anywhere]">
                  <span className="font-medium text-gray-700">{c.label}:</span> {t('activity.change', { from: c.from, to: c.to })}
                </li>
              ))}
          </ul>
        )}
      </div>
    </li>
  );
}
