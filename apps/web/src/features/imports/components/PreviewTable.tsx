import type { ImportPreview } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { tableCell, tableHeadCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import { fieldOf, type MappingState } from './mapping';

/** The file's first rows, each column labelled with the field it feeds. */
export function PreviewTable({ preview, mapping }: { preview: ImportPreview; mapping: MappingState }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="preview-title" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div className="border-b border-gray-200 px-4 py-3">
        <h2 id="preview-title" className="text-sm font-semibold text-gray-900">
          {t('imports.preview.title')}
        </h2>
        <p className="mt-0.5 text-xs text-gray-600">{t('imports.preview.caption', { count: preview.rows.length })}</p>
      </div>
      {preview.rows.length === 0 ? (
        <p className="px-4 py-6 text-sm text-gray-600">{t('imports.preview.empty')}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" aria-label={t('imports.preview.tableLabel')}>
            <thead className="border-b border-gray-200 bg-gray-50/80">
              <tr>
                {preview.headers.map((h, i) => {
                  const field = fieldOf(mapping, h);
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; their position is their identity.
                    <th key={i} scope="col" className={cn(tableHeadCell, 'align-bottom')}>
                      <span className="block text-gray-900">{h || t('imports.preview.untitled', { n: i + 1 })}</span>
                      <span className={cn('mt-0.5 block text-xs font-normal', field ? 'text-indigo-700' : 'text-gray-500')}>
                        {field ? `→ ${t(`imports.fields.${field}`)}` : t('imports.preview.extra')}
                      </span>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {preview.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of a file have no id but their place.
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells are identified by their column.
                    <td key={c} className={cn(tableCell, 'max-w-60 truncate whitespace-nowrap text-gray-800')} title={cell}>
                      {cell || <span className="text-gray-400">—</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
