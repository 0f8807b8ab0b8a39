import type { ImportStatus } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';

const STYLES: Record<ImportStatus['status'], string> = {
  draft: 'bg-gray-100 text-gray-700 ring-gray-200',
  queued: 'bg-amber-50 text-amber-800 ring-amber-200',
  running: 'bg-indigo-50 text-indigo-700 ring-indigo-200',
  completed: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  failed: 'bg-red-50 text-red-700 ring-red-200',
};

export function ImportStatusBadge({ status }: { status: ImportStatus['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={cn('inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', STYLES[status])}>
      {t(`imports.status.${status}`)}
    </span>
  );
}
