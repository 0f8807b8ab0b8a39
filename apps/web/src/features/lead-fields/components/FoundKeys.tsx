import type { UnknownLeadFields } from '@telehub/shared';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { humaniseKey } from './fieldValues';

/** Keys in the leads' data with no definition: how many leads hold each, an example, and one click to define it. */
export function FoundKeys({ found, onDefine }: { found: UnknownLeadFields; onDefine: (key: string, example: string | null) => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  if (found.items.length === 0) return <p className="px-4 py-6 text-center text-sm text-gray-600">{t('leadFields.found.empty')}</p>;
  return (
    <ul aria-label={t('leadFields.found.tableLabel')} className="divide-y divide-gray-100">
      {found.items.map((k) => (
        <li key={k.key} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5">
          <div className="min-w-0 flex-1 basis-40">
            <p className="truncate text-sm font-medium text-gray-900">{humaniseKey(k.key)}</p>
            <p className="truncate font-mono text-xs text-gray-600">{k.key}</p>
          </div>
          <dl className="flex min-w-0 basis-56 gap-4 text-sm">
            <div>
              <dt className="sr-only">{t('leadFields.found.leads')}</dt>
              <dd className="text-gray-700 tabular-nums">{t('leadFields.found.leadsCount', { n: formatNumber(k.leads, lng) })}</dd>
            </div>
            {k.example !== null && (
              <div className="min-w-0">
                <dt className="sr-only">{t('leadFields.found.example')}</dt>
                <dd className="truncate text-gray-600">{t('leadFields.found.exampleValue', { value: k.example })}</dd>
              </div>
            )}
          </dl>
          <Button size="sm" className="ml-auto" aria-label={t('leadFields.found.defineKey', { key: k.key })} onClick={() => onDefine(k.key, k.example)}>
            <Plus aria-hidden className="size-4" />
            {t('leadFields.found.define')}
          </Button>
        </li>
      ))}
    </ul>
  );
}
