import { KNOWLEDGE_LANGUAGES, type KnowledgeLanguage } from '@telehub/shared';
import { BookOpen, FileUp, Plus, Search, SearchX } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { useDebouncedInput } from '../../../hooks/useDebouncedInput';
import type { ArticleQuery } from '../api/knowledgeApi';
import { ArticleTable } from '../components/ArticleTable';
import { useCampaignNames } from '../hooks/useCampaignNames';
import { useArticles } from '../hooks/useKnowledge';

const PAGE_SIZE = 25;
const isLanguage = (v: string | null): v is KnowledgeLanguage => v !== null && (KNOWLEDGE_LANGUAGES as readonly string[]).includes(v);

/** /settings/knowledge: every article, filtered, or ranked by words in either script. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const ids = { q: useId(), language: useId(), campaign: useId(), status: useId() };
  const [params, setParams] = useSearchParams();
  const language = params.get('language');
  const status = params.get('status');
  const query: ArticleQuery = {
    q: params.get('q') || undefined,
    language: isLanguage(language) ? language : undefined,
    campaignId: params.get('campaign') || undefined,
    active: status === 'true' || status === 'false' ? status : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const articles = useArticles(query);
  const { campaigns, nameOf } = useCampaignNames();

  function setParam(key: string, value: string | undefined) {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      if (key !== 'page') next.delete('page');
      return next;
    });
  }
  const search = useDebouncedInput(query.q ?? '', (v) => setParam('q', v.trim() || undefined));
  const filtered = Boolean(query.q || query.language || query.campaignId || query.active);

  const actions = (
    <>
      <Link to="import" className={buttonClass('secondary')}>
        <FileUp aria-hidden className="size-4" />
        {t('knowledge.import')}
      </Link>
      <Link to="new" className={buttonClass('primary')}>
        <Plus aria-hidden className="size-4" />
        {t('knowledge.newArticle')}
      </Link>
    </>
  );

  return (
    <>
      <PageHeader title={t('knowledge.title')} documentTitle={t('knowledge.title')} subtitle={t('knowledge.subtitle')} actions={actions} />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <div className="grid gap-2 border-b border-gray-200 p-3 sm:grid-cols-2 sm:p-4 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]">
          <div className="sm:col-span-2 lg:col-span-1">
            <label htmlFor={ids.q} className="mb-1 block text-xs font-medium text-gray-600">
              {t('knowledge.searchLabel')}
            </label>
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-gray-400" />
              <Input
                id={ids.q}
                type="search"
                className="pl-8"
                placeholder={t('knowledge.searchPlaceholder')}
                value={search.text}
                onChange={(e) => search.onChange(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && search.flush()}
              />
            </div>
          </div>
          <div>
            <label htmlFor={ids.language} className="mb-1 block text-xs font-medium text-gray-600">
              {t('knowledge.filters.language')}
            </label>
            <Select
              id={ids.language}
              value={query.language ?? NONE}
              onValueChange={(v) => setParam('language', v === NONE ? undefined : v)}
              options={[
                { value: NONE, label: t('knowledge.filters.languageAny') },
                ...KNOWLEDGE_LANGUAGES.map((l) => ({ value: l, label: t(`knowledge.languages.${l}`) })),
              ]}
            />
          </div>
          <div>
            <label htmlFor={ids.campaign} className="mb-1 block text-xs font-medium text-gray-600">
              {t('knowledge.filters.campaign')}
            </label>
            <Select
              id={ids.campaign}
              value={query.campaignId ?? NONE}
              onValueChange={(v) => setParam('campaign', v === NONE ? undefined : v)}
              options={[
                { value: NONE, label: t('knowledge.filters.campaignAny') },
                { value: 'none', label: t('knowledge.filters.campaignNone') },
                ...campaigns.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
          </div>
          <div>
            <label htmlFor={ids.status} className="mb-1 block text-xs font-medium text-gray-600">
              {t('knowledge.filters.status')}
            </label>
            <Select
              id={ids.status}
              value={query.active ?? NONE}
              onValueChange={(v) => setParam('status', v === NONE ? undefined : v)}
              options={[
                { value: NONE, label: t('knowledge.filters.statusAny') },
                { value: 'true', label: t('knowledge.status.active') },
                { value: 'false', label: t('knowledge.status.inactive') },
              ]}
            />
          </div>
        </div>
        {query.q && <p className="border-b border-gray-100 bg-indigo-50/50 px-4 py-2 text-xs text-indigo-900">{t('knowledge.ranked')}</p>}
        {articles.isPending ? (
          <TableSkeleton />
        ) : !articles.data ? (
          <ErrorState title={t('knowledge.error')} error={articles.error} onRetry={() => void articles.refetch()} />
        ) : articles.data.items.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={SearchX}
              title={t('knowledge.noMatch.title')}
              body={t('knowledge.noMatch.body')}
              action={<Button onClick={() => setParams(new URLSearchParams())}>{t('knowledge.clearFilters')}</Button>}
            />
          ) : (
            <EmptyState
              icon={BookOpen}
              title={t('knowledge.empty.title')}
              body={t('knowledge.empty.body')}
              action={<div className="flex gap-2">{actions}</div>}
            />
          )
        ) : (
          <>
            {articles.isError && <ErrorState title={t('knowledge.error')} error={articles.error} onRetry={() => void articles.refetch()} />}
            <ArticleTable items={articles.data.items} nameOf={nameOf} dimmed={articles.isPlaceholderData} />
            <Pagination
              page={query.page}
              pageSize={PAGE_SIZE}
              total={articles.data.total}
              onPageChange={(p) => setParam('page', p > 1 ? String(p) : undefined)}
            />
          </>
        )}
      </section>
    </>
  );
}
