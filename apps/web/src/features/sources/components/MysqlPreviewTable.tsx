import type { MysqlPreview } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { cn } from '../../../lib/cn';
import { MAPPED_FIELDS } from './mysqlForm';

const cell = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The first rows as TeleHub would apply them, with what would go wrong. */
export function MysqlPreviewTable({ preview }: { preview: MysqlPreview }) {
  const { t } = useTranslation();
  const fields = MAPPED_FIELDS.filter((f) => preview.rows.some((r) => f in r.fields));
  return (
    <div className="space-y-2">
      <p className="text-xs text-gray-600">{t('sources.mysql.columnsFound', { columns: preview.columns.join(', ') })}</p>
      {preview.rows.length === 0 ? (
        <p className="text-sm text-gray-700">{t('sources.mysql.noRows')}</p>
      ) : (
        <div className="overflow-x-auto rounded-md ring-1 ring-gray-200">
          <table className="w-full border-collapse text-sm" aria-label={t('sources.mysql.previewLabel')}>
            <DataTableHead
              columns={[
                { label: t('sources.mysql.externalId') },
                ...fields.map((f) => ({ label: t(`imports.fields.${f}`) })),
                { label: t('sources.mysql.problems') },
              ]}
            />
            <tbody className="divide-y divide-gray-100">
              {preview.rows.map((r) => (
                <tr key={r.externalId}>
                  <td className={cn(tableCell, 'text-gray-700 tabular-nums')}>{r.externalId}</td>
                  {fields.map((f) => (
                    <td key={f} className={cn(tableCell, 'max-w-48 truncate text-gray-900')}>
                      {cell(r.fields[f])}
                    </td>
                  ))}
                  <td className={cn(tableCell, 'text-xs', r.problems.length > 0 ? 'text-red-700' : 'text-gray-500')}>
                    {r.problems.length > 0 ? r.problems.join('; ') : t('sources.mysql.ok')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
