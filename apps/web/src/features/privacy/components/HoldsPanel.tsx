import { Scale } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { useLocale } from '../../../hooks/useLocale';
import { formatDate } from '../../../lib/format';
import type { Hold } from '../api/privacyApi';
import { useHoldActions, useHolds } from '../hooks/usePrivacy';

/** The active legal holds, each liftable with a reason. */
export function HoldsPanel() {
  const { t } = useTranslation();
  const holds = useHolds();
  return (
    <section aria-labelledby="privacy-holds-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="border-b border-gray-200 px-4 py-3">
        <h2 id="privacy-holds-title" className="text-sm font-semibold text-gray-900">
          {t('privacy.holds.title')}
        </h2>
        <p className="mt-0.5 text-xs text-gray-600">{t('privacy.holds.hint')}</p>
      </div>
      <QueryView
        query={holds}
        errorTitle={t('privacy.holds.loadError')}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={Scale} title={t('privacy.holds.empty')} />}
        skeletonRows={2}
      >
        {(d) => (
          <ul className="divide-y divide-gray-100">
            {d.items.map((h) => (
              <HoldRow key={h.id} hold={h} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

export function HoldRow({ hold, showLead = true }: { hold: Hold; showLead?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const { lift } = useHoldActions();
  const [lifting, setLifting] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <li className="space-y-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {showLead && (
          <Link to={`/leads/${hold.leadId}`} className="font-medium text-indigo-700 hover:underline">
            {t('privacy.holds.lead')} {hold.leadId.slice(0, 8)}
          </Link>
        )}
        <span className="min-w-0 flex-1 break-words text-gray-900">{hold.reason}</span>
        <span className="text-gray-600">
          {t('privacy.holds.placed')} <time dateTime={hold.placedAt}>{formatDate(hold.placedAt, lng)}</time>
        </span>
        <Button size="sm" onClick={() => setLifting((v) => !v)} aria-expanded={lifting} aria-label={t('privacy.holds.liftLabel', { reason: hold.reason })}>
          {t('privacy.holds.lift')}
        </Button>
      </div>
      {lifting && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim()) lift.mutate({ id: hold.id, reason: reason.trim() });
          }}
        >
          <Field label={t('privacy.holds.liftReason')} className="min-w-0 flex-1">
            {(p) => <Input {...p} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button type="submit" size="sm" disabled={!reason.trim() || lift.isPending}>
            {t('privacy.holds.liftSubmit')}
          </Button>
          {lift.error && <Alert className="w-full">{lift.error.message}</Alert>}
        </form>
      )}
    </li>
  );
}
