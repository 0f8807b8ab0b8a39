import { FileLock2, Scale } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatDate } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, type Consent, type ConsentChannel, type ConsentPurpose, LAWFUL_BASES, type LawfulBasis } from '../api/privacyApi';
import { useConsents, useHoldActions, useHolds, useRecordConsent, useRequests } from '../hooks/usePrivacy';
import { HoldRow } from './HoldsPanel';
import { OpenRequestDialog } from './OpenRequestDialog';
import { RequestDialog } from './RequestDialog';

/**
 * The lead page's privacy panel: the consent of each purpose with one-click withdrawal (anyone
 * who sees the lead), and for admins the legal hold, the lead's open requests and a new request.
 */
export function LeadPrivacy({ lead }: { lead: { id: string; name: string } }) {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const consents = useConsents(lead.id);
  const [recording, setRecording] = useState<ConsentPurpose | null>(null);
  return (
    <section aria-labelledby="lead-privacy-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
        <h2 id="lead-privacy-title" className="text-sm font-semibold text-gray-900">
          {t('privacy.lead.title')}
        </h2>
        {abilities.manageCompliance && <AdminBadge leadId={lead.id} />}
      </div>
      {consents.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-2 p-4">
          <Skeleton className="h-5" />
          <Skeleton className="h-5" />
        </div>
      ) : consents.isError ? (
        <div className="p-4">
          <ErrorState title={t('privacy.lead.loadError')} error={consents.error} onRetry={() => void consents.refetch()} />
        </div>
      ) : (
        <ul className="divide-y divide-gray-100">
          {CONSENT_PURPOSES.map((p) => (
            <PurposeRow key={p} leadId={lead.id} purpose={p} latest={consents.data.items.find((c) => c.purpose === p)} onRecord={() => setRecording(p)} />
          ))}
        </ul>
      )}
      {abilities.manageCompliance && <AdminActions lead={lead} />}
      {recording && <RecordConsentDialog leadId={lead.id} purpose={recording} onClose={() => setRecording(null)} />}
    </section>
  );
}

function PurposeRow({ leadId, purpose, latest, onRecord }: { leadId: string; purpose: ConsentPurpose; latest: Consent | undefined; onRecord: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const record = useRecordConsent(leadId);
  const name = t(`privacy.lead.purposes.${purpose}`);
  const state = !latest ? 'none' : latest.granted ? 'given' : 'withdrawn';
  const tone = { none: 'text-gray-600', given: 'text-emerald-800', withdrawn: 'text-red-700' }[state];
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2.5 text-sm">
      <span className="w-24 font-medium text-gray-900">{name}</span>
      <span className={`min-w-0 flex-1 ${tone}`}>
        {t(`privacy.lead.${state}`)}
        {latest && (
          <span className="ml-1 text-xs text-gray-600">
            · <time dateTime={latest.createdAt}>{formatDate(latest.createdAt, lng)}</time>
            {latest.lawfulBasis !== 'consent' && ` · ${t(`privacy.lead.bases.${latest.lawfulBasis}`, { defaultValue: latest.lawfulBasis })}`}
            {latest.noticeVersion !== null && ` · ${t('privacy.lead.noticeVersion', { n: latest.noticeVersion })}`}
          </span>
        )}
      </span>
      {latest?.granted ? (
        <Button
          size="sm"
          onClick={() => record.mutate({ purpose, granted: false, channel: 'agent_confirmed' })}
          disabled={record.isPending}
          aria-label={t('privacy.lead.withdrawLabel', { purpose: name })}
        >
          {t('privacy.lead.withdraw')}
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={onRecord} aria-label={t('privacy.lead.recordLabel', { purpose: name })}>
          {t('privacy.lead.record')}
        </Button>
      )}
      {record.error && <Alert className="w-full">{record.error.message}</Alert>}
    </li>
  );
}

function RecordConsentDialog({ leadId, purpose, onClose }: { leadId: string; purpose: ConsentPurpose; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordConsent(leadId);
  const [channel, setChannel] = useState<ConsentChannel>('call');
  const [basis, setBasis] = useState<LawfulBasis>('consent');
  const [evidence, setEvidence] = useState('');
  function submit(e: FormEvent) {
    e.preventDefault();
    record.mutate({ purpose, granted: true, channel, lawfulBasis: basis, evidence: evidence.trim() || null }, { onSuccess: onClose });
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()} title={t('privacy.lead.recordTitle', { purpose: t(`privacy.lead.purposes.${purpose}`) })}>
      <form onSubmit={submit} className="space-y-4">
        <Field label={t('privacy.lead.channel')}>
          {(p) => (
            <Select
              {...p}
              value={channel}
              onValueChange={(v) => setChannel(v as ConsentChannel)}
              options={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`privacy.lead.consentChannels.${c}`) }))}
            />
          )}
        </Field>
        <Field label={t('privacy.lead.basis')}>
          {(p) => (
            <Select
              {...p}
              value={basis}
              onValueChange={(v) => setBasis(v as LawfulBasis)}
              options={LAWFUL_BASES.map((b) => ({ value: b, label: t(`privacy.lead.bases.${b}`) }))}
            />
          )}
        </Field>
        <Field label={t('privacy.lead.evidence')} hint={t('privacy.lead.evidenceHint')} optional={t('privacy.openDialog.optional')}>
          {(p) => <Input {...p} maxLength={500} value={evidence} onChange={(e) => setEvidence(e.target.value)} />}
        </Field>
        {record.error && <Alert>{record.error.message}</Alert>}
        <DialogActions>
          <Button type="button" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={record.isPending}>
            {t('privacy.lead.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function AdminBadge({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const hold = useHolds(leadId).data?.items[0];
  if (!hold) return null;
  return (
    <span
      title={t('privacy.holds.badgeTitle', { reason: hold.reason })}
      className="inline-flex items-center gap-1 rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200 ring-inset"
    >
      <Scale aria-hidden className="size-3.5" />
      {t('privacy.holds.badge')}
    </span>
  );
}

function AdminActions({ lead }: { lead: { id: string; name: string } }) {
  const { t } = useTranslation();
  const holds = useHolds(lead.id);
  const open = useRequests({ leadId: lead.id, page: 1 });
  const { place } = useHoldActions();
  const [requesting, setRequesting] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);
  const [holding, setHolding] = useState(false);
  const [reason, setReason] = useState('');
  const hold = holds.data?.items[0];
  const pending = (open.data?.items ?? []).filter((r) => r.status === 'open' || r.status === 'in_progress');
  return (
    <div className="space-y-3 border-t border-gray-200 px-4 py-3">
      {hold && (
        <ul aria-label={t('privacy.holds.title')}>
          <HoldRow hold={hold} showLead={false} />
        </ul>
      )}
      {pending.length > 0 && (
        <ul className="space-y-1 text-sm">
          {pending.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center gap-2">
              <span className={r.overdue ? 'text-red-700' : 'text-gray-800'}>
                {t(`privacy.types.${r.type}`)} · {t(`privacy.statuses.${r.status}`)}
                {r.overdue && ` · ${t('privacy.requests.overdue')}`}
              </span>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setViewing(r.id)}
                aria-label={t('privacy.requests.viewLabel', { type: t(`privacy.types.${r.type}`), name: lead.name })}
              >
                {t('privacy.requests.view')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" onClick={() => setRequesting(true)}>
          <FileLock2 aria-hidden className="size-4" />
          {t('privacy.lead.request')}
        </Button>
        {!hold && (
          <Button size="sm" variant="ghost" onClick={() => setHolding((v) => !v)} aria-expanded={holding}>
            <Scale aria-hidden className="size-4" />
            {t('privacy.holds.place')}
          </Button>
        )}
      </div>
      {holding && !hold && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) place.mutate({ leadId: lead.id, reason: reason.trim() }, { onSuccess: () => setHolding(false) });
          }}
        >
          <Field label={t('privacy.holds.placeReason')} className="min-w-0 flex-1">
            {(p) => <Input {...p} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button type="submit" size="sm" disabled={!reason.trim() || place.isPending}>
            {t('privacy.holds.placeSubmit')}
          </Button>
          {place.error && <Alert className="w-full">{place.error.message}</Alert>}
        </form>
      )}
      <OpenRequestDialog open={requesting} onOpenChange={setRequesting} lead={lead} onOpened={(r) => setViewing(r.id)} />
      {viewing && <RequestDialog id={viewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
