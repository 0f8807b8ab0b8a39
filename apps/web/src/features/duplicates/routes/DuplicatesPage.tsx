import type { DuplicatePair } from '@telehub/shared';
import { ArrowLeft, CopyCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { MergeBanner } from '../components/MergeBanner';
import { MergeDialog, type Merged } from '../components/MergeDialog';
import { PairsTable, pairKey } from '../components/PairsTable';
import { useDismissPair, useDuplicatePairs } from '../hooks/useDuplicates';

const PAGE_SIZE = 25;

export function DuplicatesPage() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pairs = useDuplicatePairs(page, PAGE_SIZE);
  const dismiss = useDismissPair();
  const [reviewing, setReviewing] = useState<DuplicatePair | null>(null);
  const [merged, setMerged] = useState<Merged | null>(null);

  return (
    <>
      <Link to="/leads" className="mb-3 inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        {t('lead.back')}
      </Link>
      <PageHeader
        title={t('duplicates.title')}
        documentTitle={t('duplicates.title')}
        subtitle={pairs.data ? `${t('duplicates.subtitle')} ${t('duplicates.count', { count: pairs.data.total })}` : t('duplicates.subtitle')}
      />
      {merged && <MergeBanner key={merged.mergeId} merged={merged} onClose={() => setMerged(null)} />}
      {dismiss.isError && <Alert className="mb-4">{t('duplicates.dismissFailed', { message: message(dismiss.error) })}</Alert>}
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={pairs}
          errorTitle={t('duplicates.error')}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={CopyCheck} title={t('duplicates.empty.title')} body={t('duplicates.empty.body')} />}
        >
          {(d) => (
            <>
              <PairsTable
                pairs={d.items}
                dimmed={pairs.isPlaceholderData}
                dismissing={dismiss.isPending && dismiss.variables ? `${dismiss.variables.a}:${dismiss.variables.b}` : null}
                onReview={(pair) => {
                  setMerged(null);
                  // The lead added first stays by default; the dialog can switch it.
                  setReviewing(pair.b.createdAt < pair.a.createdAt ? { ...pair, a: pair.b, b: pair.a } : pair);
                }}
                onDismiss={(pair) => dismiss.mutate({ a: pair.a.id, b: pair.b.id })}
              />
              <Pagination page={page} pageSize={PAGE_SIZE} total={d.total} onPageChange={(p) => setParams(p > 1 ? { page: String(p) } : {})} />
            </>
          )}
        </QueryView>
      </section>
      {reviewing && (
        <MergeDialog
          key={pairKey(reviewing)}
          a={reviewing.a}
          b={reviewing.b}
          onClose={() => setReviewing(null)}
          onMerged={(m) => {
            setReviewing(null);
            setMerged(m);
          }}
        />
      )}
    </>
  );
}
