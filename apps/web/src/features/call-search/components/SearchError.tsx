import { AlertTriangle, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/api';

/**
 * A failed search, with the server's own words for what is wrong with it (a 400 names the field);
 * asking again is offered only where it may help.
 */
export function SearchError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const details = isApiError(error) ? [...new Set(error.details.map((d) => d.message))] : [];
  const invalid = isApiError(error) && error.status === 400;
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-14 text-center">
      <span className="mb-3 rounded-full bg-red-50 p-3">
        <AlertTriangle aria-hidden className="size-6 text-red-600" />
      </span>
      <h2 className="text-sm font-semibold text-gray-900">{t('callSearch.error')}</h2>
      <p className="mt-1 max-w-md text-sm text-gray-600">{message(error)}</p>
      {details.length > 0 && (
        <ul className="mt-1 max-w-md space-y-0.5 text-sm text-red-700">
          {details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
      {!invalid && (
        <Button className="mt-4" onClick={onRetry}>
          <RotateCw aria-hidden className="size-4" />
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
