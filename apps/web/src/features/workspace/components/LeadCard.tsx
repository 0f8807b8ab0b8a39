import type { Callback, Lead } from '@telehub/shared';
import { AlarmClock, Languages as LanguagesIcon, ListOrdered, MapPin, Megaphone, Phone, PhoneIncoming, UserRoundSearch } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatNumber, formatPhone, formatRelative, languageName } from '../../../lib/format';
import { DndTag } from '../../compliance';
import { StatusBadge } from '../../leads';

/** Why this lead is on the card: a callback due, the queue, or the agent opened it. */
export type LeadOrigin =
  | { kind: 'callback'; callback: Callback }
  | { kind: 'queue' }
  | { kind: 'campaign'; name: string }
  | { kind: 'opened' }
  | { kind: 'call' }
  /** Ringing in: the agent's own lead is calling them now. */
  | { kind: 'calling' };

function Why({ origin, remaining }: { origin: LeadOrigin; remaining: number | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const left =
    remaining === null
      ? null
      : remaining === 0
        ? t('workspace.next.remainingNone')
        : t('workspace.next.remaining', { count: remaining, n: formatNumber(remaining, lng) });
  let reason: ReactNode = null;
  if (origin.kind === 'callback') {
    const due = origin.callback.dueAt;
    reason = (
      <span className="inline-flex items-center gap-1.5 font-medium text-amber-800">
        <AlarmClock aria-hidden className="size-4" />
        {t('workspace.next.reasonCallback', { when: formatRelative(due, lng), time: formatDateTime(due, lng) })}
      </span>
    );
  } else if (origin.kind === 'queue') {
    reason = (
      <span className="inline-flex items-center gap-1.5">
        <ListOrdered aria-hidden className="size-4" />
        {t('workspace.next.reasonQueue')}
      </span>
    );
  } else if (origin.kind === 'campaign') {
    reason = (
      <span className="inline-flex items-center gap-1.5">
        <Megaphone aria-hidden className="size-4" />
        {t('workspace.next.reasonCampaign', { name: origin.name })}
      </span>
    );
  } else if (origin.kind === 'calling') {
    reason = (
      <span className="inline-flex items-center gap-1.5 font-medium text-emerald-800">
        <PhoneIncoming aria-hidden className="size-4" />
        {t('workspace.next.reasonCalling')}
      </span>
    );
  } else if (origin.kind === 'opened') {
    reason = (
      <span className="inline-flex items-center gap-1.5">
        <UserRoundSearch aria-hidden className="size-4" />
        {t('workspace.next.reasonOpened')}
      </span>
    );
  }
  if (!reason && !left) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-700">
      {reason}
      {left && origin.kind !== 'call' && <span className="text-gray-600">{left}</span>}
    </p>
  );
}

/** The lead about to be called (or on the call): who, where, which language, and why now. */
export function LeadCard({ lead, origin, remaining, children }: { lead: Lead; origin: LeadOrigin; remaining: number | null; children?: ReactNode }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const callbackNote = origin.kind === 'callback' ? origin.callback.notes : null;
  return (
    <section aria-labelledby="ws-lead-name" className="rounded-lg border border-gray-200 bg-white">
      <div className="space-y-3 p-4">
        <Why origin={origin} remaining={remaining} />
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <h2 id="ws-lead-name" className="min-w-0 truncate text-lg font-semibold tracking-tight text-gray-900">
              <Link to={`/leads/${lead.id}`} className="rounded hover:underline" title={t('workspace.lead.openPage')}>
                {lead.name}
              </Link>
            </h2>
            <StatusBadge status={lead.status} />
            {lead.dnd && <DndTag />}
          </div>
          <ul className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-sm text-gray-700">
            <li className="inline-flex items-center gap-1.5 font-medium tabular-nums">
              <Phone aria-hidden className="size-4 text-gray-500" />
              <span className="sr-only">{t('lead.fields.phone')}: </span>
              {formatPhone(lead.phone)}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <MapPin aria-hidden className="size-4 text-gray-500" />
              <span className="sr-only">{t('lead.fields.city')}: </span>
              {lead.city ?? <span className="text-gray-500">{t('workspace.lead.noCity')}</span>}
            </li>
            <li className="inline-flex items-center gap-1.5">
              <LanguagesIcon aria-hidden className="size-4 text-gray-500" />
              <span className="sr-only">{t('lead.fields.language')}: </span>
              {lead.language ? languageName(lead.language, lng) : <span className="text-gray-500">{t('workspace.lead.noLanguage')}</span>}
            </li>
          </ul>
          {callbackNote && <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 ring-1 ring-amber-200">{callbackNote}</p>}
        </div>
      </div>
      {children && <div className="border-t border-gray-100 p-4">{children}</div>}
    </section>
  );
}
