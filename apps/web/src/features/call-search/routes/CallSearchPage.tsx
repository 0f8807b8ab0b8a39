import { PhoneOff, Search, SearchX } from 'lucide-react';
import { type FormEvent, useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { Button } from '../../../components/ui/Button';
import { Input } from '../../../components/ui/Input';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { CallResult } from '../components/CallResult';
import { FilterPanel } from '../components/FilterPanel';
import { ResultsSkeleton } from '../components/ResultsSkeleton';
import { SearchError } from '../components/SearchError';
import { activeFilterCount, PAGE_SIZE } from '../components/searchParams';
import { useCallSearch } from '../hooks/useCallSearch';
import { useFacetNames } from '../hooks/useFacetNames';
import { useOutcomeText } from '../hooks/useOutcomeText';
import { useSearchFilters } from '../hooks/useSearchFilters';

/**
 * /calls: the calls this person may see, found by words said in them (either script, any spelling)
 * and narrowed by what their analysis found. Without words or filters, the latest calls.
 */
export function CallSearchPage() {
  const { t } = useTranslation();
  const inputId = useId();
  const { filters, update, clearFilters } = useSearchFilters();
  const search = useCallSearch(filters);
  const now = useNow(60_000);
  const outcomeText = useOutcomeText();
  const agents = useMemo(() => (search.data?.items ?? []).map((c) => c.agent), [search.data]);
  const names = useFacetNames(agents);

  // The box follows the URL (back, forward, a shared link); Enter puts its words in the URL.
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ q: text.trim() });
  };

  const filtered = activeFilterCount(filters) > 0;
  const asked = filtered || filters.q !== '';
  const data = search.data;

  return (
    <>
      <PageHeader title={t('callSearch.title')} documentTitle={t('callSearch.title')} subtitle={t('callSearch.subtitle')} />
      <section className="min-w-0 overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <search aria-label={t('callSearch.searchLabel')} className="block border-b border-gray-200 p-3 sm:p-4">
          <form onSubmit={submit} className="flex gap-2">
            <label htmlFor={inputId} className="sr-only">
              {t('callSearch.searchLabel')}
            </label>
            <div className="relative min-w-0 flex-1">
              <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-gray-500" />
              <Input
                id={inputId}
                type="search"
                className="pl-9"
                placeholder={t('callSearch.searchPlaceholder')}
                value={text}
                maxLength={200}
                onChange={(e) => setText(e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            <Button type="submit" variant="primary">
              {t('callSearch.search')}
            </Button>
          </form>
        </search>
        <FilterPanel filters={filters} facets={data?.facets} names={{ ...names, outcomeText }} update={update} clear={clearFilters} />

        {search.isPending ? (
          <ResultsSkeleton />
        ) : !data || search.isError ? (
          <SearchError error={search.error} onRetry={() => void search.refetch()} />
        ) : data.items.length === 0 ? (
          asked ? (
            <EmptyState
              icon={SearchX}
              title={t('callSearch.empty.title')}
              body={t('callSearch.empty.body')}
              action={filtered ? <Button onClick={clearFilters}>{t('callSearch.clearFilters')}</Button> : undefined}
            />
          ) : (
            <EmptyState icon={PhoneOff} title={t('callSearch.none.title')} body={t('callSearch.none.body')} />
          )
        ) : (
          <>
            <h2 aria-live="polite" className="border-b border-gray-100 bg-gray-50/70 px-3 py-2 text-xs font-medium text-gray-700 sm:px-4">
              {asked ? t('callSearch.found', { count: data.total }) : t('callSearch.latest')}
            </h2>
            <ul aria-label={t('callSearch.results')} className={cn('divide-y divide-gray-100', search.isPlaceholderData && 'opacity-60')}>
              {data.items.map((call) => (
                <li key={call.callId}>
                  <CallResult call={call} outcomeText={outcomeText} now={now} />
                </li>
              ))}
            </ul>
            <Pagination
              page={filters.page}
              pageSize={PAGE_SIZE}
              total={data.total}
              onPageChange={(page) => {
                update({ page });
                window.scrollTo({ top: 0 });
              }}
            />
          </>
        )}
      </section>
    </>
  );
}
