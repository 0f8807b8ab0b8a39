import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useDispositions } from '../../calls';
import { DispositionListForm } from '../components/dispositions/DispositionListForm';
import { useSaveOrgDispositions } from '../hooks/useDispositionLists';

/** /campaigns/dispositions (admins): the organisation's dispositions, which every wrap-up offers unless its campaign has a list of its own. */
export function DispositionsPage() {
  const { t } = useTranslation();
  const list = useDispositions();
  const save = useSaveOrgDispositions();
  return (
    <div className="mx-auto max-w-4xl">
      <div className="mb-2">
        <Link to="/campaigns" className="inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
          <ArrowLeft aria-hidden className="size-4" />
          {t('campaigns.form.backToList')}
        </Link>
      </div>
      <PageHeader title={t('wrapUp.editor.orgTitle')} documentTitle={t('wrapUp.editor.orgTitle')} subtitle={t('wrapUp.editor.orgSubtitle')} />
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        {list.isPending ? (
          <div role="status" aria-label={t('common.loading')} className="space-y-2">
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : list.isError ? (
          <ErrorState title={t('wrapUp.editor.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <DispositionListForm
            key={JSON.stringify(list.data.items)}
            initial={list.data.items}
            label={t('wrapUp.editor.orgTitle')}
            onSave={(items) => save.mutate(items)}
            saving={save.isPending}
            error={save.error}
            saved={save.isSuccess}
          />
        )}
      </section>
    </div>
  );
}
