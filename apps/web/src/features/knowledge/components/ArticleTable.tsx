import type { KnowledgeArticle } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative } from '../../../lib/format';

/** The first words of an article, without its Markdown marks. */
export const excerpt = (md: string) =>
  md
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/[*_`|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 160);

export function LanguageBadge({ language }: { language: KnowledgeArticle['language'] }) {
  const { t } = useTranslation();
  return (
    <span lang={language} className="inline-flex rounded bg-gray-100 px-1.5 py-0.5 text-xs font-medium text-gray-700">
      {t(`knowledge.languages.${language}`)}
    </span>
  );
}

export function ArticleTable({ items, nameOf, dimmed }: { items: KnowledgeArticle[]; nameOf: (campaignId: string) => string; dimmed?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm', dimmed && 'opacity-60')} aria-label={t('knowledge.tableLabel')} aria-busy={dimmed}>
        <DataTableHead
          columns={[
            { label: t('knowledge.columns.title') },
            { label: t('knowledge.columns.language'), className: 'hidden sm:table-cell' },
            { label: t('knowledge.columns.campaign'), className: 'hidden md:table-cell' },
            { label: t('knowledge.columns.tags'), className: 'hidden lg:table-cell' },
            { label: t('knowledge.columns.updated'), className: 'hidden md:table-cell' },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {items.map((a) => (
            <tr key={a.id} className={cn(!a.active && 'bg-gray-50/70')}>
              <td className={cn(tableCell, 'max-w-md')}>
                <Link to={a.id} lang={a.language} className="font-medium text-indigo-700 hover:underline">
                  {a.title}
                </Link>
                {!a.active && (
                  <span className="ml-2 inline-flex rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
                    {t('knowledge.status.inactive')}
                  </span>
                )}
                <span lang={a.language} className="mt-0.5 line-clamp-1 text-xs text-gray-600">
                  {excerpt(a.body)}
                </span>
                <span className="mt-1 flex gap-2 text-xs text-gray-500 sm:hidden">
                  <LanguageBadge language={a.language} />
                  {a.campaignId ? nameOf(a.campaignId) : t('knowledge.allCampaigns')}
                </span>
              </td>
              <td className={cn(tableCell, 'hidden sm:table-cell')}>
                <LanguageBadge language={a.language} />
              </td>
              <td className={cn(tableCell, 'hidden max-w-48 truncate text-gray-700 md:table-cell')}>
                {a.campaignId ? nameOf(a.campaignId) : t('knowledge.allCampaigns')}
              </td>
              <td className={cn(tableCell, 'hidden max-w-56 lg:table-cell')}>
                <span className="flex flex-wrap gap-1">
                  {a.tags.map((tag) => (
                    <span key={tag} className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-800">
                      {tag}
                    </span>
                  ))}
                </span>
              </td>
              <td className={cn(tableCell, 'hidden whitespace-nowrap text-gray-600 md:table-cell')}>
                <time dateTime={a.updatedAt} title={formatDateTime(a.updatedAt, lng)}>
                  {formatRelative(a.updatedAt, lng)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
