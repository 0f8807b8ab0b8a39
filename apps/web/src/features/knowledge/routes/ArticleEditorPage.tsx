import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { NotFound } from '../../../components/NotFound';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { formatRelative } from '../../../lib/format';
import { ArticleForm } from '../components/ArticleForm';
import { useArticle } from '../hooks/useKnowledge';

/** /settings/knowledge/new and /settings/knowledge/:id. */
export function ArticleEditorPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const { id } = useParams();
  const article = useArticle(id ?? null);
  const back = (
    <Link to=".." relative="path" className="inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
      <ArrowLeft aria-hidden className="size-4" />
      {t('knowledge.editor.back')}
    </Link>
  );
  if (id && article.isError) {
    const missing = isApiError(article.error) && (article.error.status === 404 || article.error.status === 400);
    return missing ? (
      <NotFound title={t('knowledge.editor.notFound.title')} body={t('knowledge.editor.notFound.body')} />
    ) : (
      <ErrorState title={t('knowledge.editor.error')} error={article.error} onRetry={() => void article.refetch()} />
    );
  }
  const title = id ? t('knowledge.editor.editTitle') : t('knowledge.editor.newTitle');
  return (
    <div className="mx-auto max-w-6xl">
      <div className="mb-2">{back}</div>
      <PageHeader
        title={title}
        documentTitle={title}
        subtitle={article.data ? t('knowledge.editor.changed', { when: formatRelative(article.data.updatedAt, lng) }) : undefined}
      />
      {id && !article.data ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-4">
          <Skeleton className="h-40" />
          <Skeleton className="h-72" />
        </div>
      ) : (
        <ArticleForm key={article.data?.id ?? 'new'} article={article.data} />
      )}
    </div>
  );
}
