import type { KnowledgeImportResult } from '@telehub/shared';
import { CheckCircle2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';

/** What an import did: the counts, every article with a problem by line, and links to the ones stored. */
export function ImportResultView({ result, filename }: { result: KnowledgeImportResult; filename: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const figures = [
    ['found', result.total],
    ['created', result.created],
    ['updated', result.updated],
    ['rejected', result.rejected],
  ] as const;
  return (
    <section aria-labelledby="import-result" className="space-y-5 rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:p-6">
      <h2 id="import-result" className="text-base font-semibold text-gray-900">
        {t('knowledge.importPage.result.title', { name: filename })}
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {figures.map(([key, n]) => (
          <div key={key} className={cn('rounded-md px-3 py-2 ring-1', key === 'rejected' && n > 0 ? 'bg-amber-50 ring-amber-200' : 'bg-gray-50 ring-gray-200')}>
            <dt className="text-xs text-gray-600">{t(`knowledge.importPage.result.${key}`)}</dt>
            <dd className="text-2xl font-semibold text-gray-900 tabular-nums">{formatNumber(n, lng)}</dd>
          </div>
        ))}
      </dl>
      {result.errors.length === 0 ? (
        <p role="status" className="flex items-center gap-2 text-sm text-green-800">
          <CheckCircle2 aria-hidden className="size-4" />
          {t('knowledge.importPage.result.allGood')}
        </p>
      ) : (
        <div>
          <h3 className="text-sm font-semibold text-gray-900">{t('knowledge.importPage.result.errorsTitle')}</h3>
          <p className="mt-1 mb-2 text-xs text-gray-600">{t('knowledge.importPage.result.errorsHint')}</p>
          <div className="overflow-x-auto rounded-md ring-1 ring-gray-200">
            <table className="w-full border-collapse text-sm" aria-label={t('knowledge.importPage.result.errorsTitle')}>
              <DataTableHead
                columns={[{ label: t('knowledge.importPage.result.line'), className: 'w-20' }, { label: t('knowledge.importPage.result.problem') }]}
              />
              <tbody className="divide-y divide-gray-100">
                {result.errors.map((e) => (
                  <tr key={`${e.line}-${e.reason}`}>
                    <td className={cn(tableCell, 'font-mono text-gray-700 tabular-nums')}>{e.line}</td>
                    <td className={cn(tableCell, 'text-gray-800 [overflow-wrap:anywhere]')}>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {result.items.length > 0 && (
        <div>
          <h3 className="mb-2 text-sm font-semibold text-gray-900">{t('knowledge.importPage.result.importedTitle')}</h3>
          <ul className="divide-y divide-gray-100 rounded-md ring-1 ring-gray-200">
            {result.items.map((i) => (
              <li key={i.id} className="flex items-center gap-3 px-3 py-2 text-sm">
                <span className="w-12 shrink-0 font-mono text-xs text-gray-500 tabular-nums">{i.line}</span>
                <Link to={`../${i.id}`} relative="path" className="min-w-0 flex-1 truncate text-indigo-700 hover:underline">
                  {i.title}
                </Link>
                <span className="shrink-0 text-xs text-gray-600">{t(`knowledge.importPage.result.${i.action}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
