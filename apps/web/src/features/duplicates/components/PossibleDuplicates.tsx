import type { Lead } from '@telehub/shared';
import { GitMerge } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { formatPhone } from '../../../lib/format';
import type { LeadBrief } from '../api/duplicatesApi';
import { useLeadDuplicates } from '../hooks/useDuplicates';
import { MergeDialog, type Merged } from './MergeDialog';

/** Leads that may be this person under another number or spelling; shown only when there are some. */
export function PossibleDuplicates({ lead, onMerged }: { lead: Lead; onMerged: (merged: Merged) => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const query = useLeadDuplicates(lead.id, true);
  const [other, setOther] = useState<LeadBrief | null>(null);
  if (query.isSuccess && query.data.items.length === 0) return null;
  const self: LeadBrief = { id: lead.id, name: lead.name, phone: lead.phone, email: lead.email, city: lead.city, createdAt: lead.createdAt };

  return (
    <section aria-labelledby="possible-duplicates" className="rounded-lg border border-amber-200 bg-white">
      <h2 id="possible-duplicates" className="border-b border-amber-200 bg-amber-50/60 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('duplicates.panel.title')}
      </h2>
      {query.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-2 p-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-4 w-32" />
        </div>
      ) : query.isError ? (
        <p role="alert" className="px-4 py-3 text-sm text-red-700">
          {t('errors.withMessage', { message: message(query.error) })}{' '}
          <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
            {t('common.retry')}
          </button>
        </p>
      ) : (
        <ul className="divide-y divide-gray-100">
          {query.data.items.map((d) => (
            <li key={d.id} className="flex items-center justify-between gap-3 px-4 py-2.5">
              <div className="min-w-0 text-sm">
                <Link to={`/leads/${d.id}`} className="block truncate font-medium text-gray-900 hover:text-indigo-700 hover:underline">
                  {d.name}
                </Link>
                <span className="block truncate text-xs text-gray-600 tabular-nums">
                  {formatPhone(d.phone)}
                  {d.email ? ` · ${d.email}` : ''}
                  {d.city ? ` · ${d.city}` : ''}
                </span>
              </div>
              <Button size="sm" onClick={() => setOther(d)} aria-label={t('duplicates.review', { a: lead.name, b: d.name })}>
                <GitMerge aria-hidden className="size-4" />
                {t('duplicates.reviewShort')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {other && (
        <MergeDialog
          a={self}
          b={other}
          onClose={() => setOther(null)}
          onMerged={(m) => {
            setOther(null);
            onMerged(m);
          }}
        />
      )}
    </section>
  );
}
