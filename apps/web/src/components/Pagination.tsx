import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../hooks/useLocale';
import { formatNumber } from '../lib/format';
import { Button } from './ui/Button';
import { Select } from './ui/Select';

export function Pagination({
  page,
  pageSize,
  total,
  pageSizes = [25, 50, 100],
  onPageChange,
  onPageSizeChange,
  totalExact = true,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** false when the server only estimated the total (very large result sets). */
  totalExact?: boolean;
  pageSizes?: number[];
  onPageChange: (page: number) => void;
  onPageSizeChange?: (size: number) => void;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const n = (v: number) => formatNumber(v, lng);
  return (
    <nav
      aria-label={t('pagination.label')}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-gray-200 px-4 py-3 text-sm text-gray-700"
    >
      <p aria-live="polite">{t(totalExact ? 'pagination.range' : 'pagination.rangeApprox', { from: n(from), to: n(to), total: n(total) })}</p>
      <div className="flex items-center gap-3">
        {onPageSizeChange && (
          <div className="flex items-center gap-2">
            <span aria-hidden className="hidden text-gray-600 sm:inline">
              {t('pagination.pageSize')}
            </span>
            <Select
              size="sm"
              className="w-20"
              aria-label={t('pagination.pageSize')}
              value={String(pageSize)}
              onValueChange={(v) => onPageSizeChange(Number(v))}
              options={pageSizes.map((s) => ({ value: String(s), label: n(s) }))}
            />
          </div>
        )}
        <span className="whitespace-nowrap text-gray-600">{t('pagination.page', { page: n(page), pages: n(pages) })}</span>
        <div className="flex gap-1">
          <Button size="sm" aria-label={t('pagination.previous')} disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
            <ChevronLeft aria-hidden className="size-4" />
          </Button>
          <Button size="sm" aria-label={t('pagination.next')} disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
            <ChevronRight aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
