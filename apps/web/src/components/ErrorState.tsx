import { AlertTriangle, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../hooks/useErrorMessage';
import { Button } from './ui/Button';

/** A failed load: what failed, why, and a way to try again. */
export function ErrorState({ title, error, onRetry }: { title: string; error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div role="alert" className="flex flex-col items-center px-6 py-14 text-center">
      <span className="mb-3 rounded-full bg-red-50 p-3">
        <AlertTriangle aria-hidden className="size-6 text-red-600" />
      </span>
      <h2 className="text-sm font-semibold text-gray-900">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-gray-600">{message(error)}</p>
      {onRetry && (
        <Button className="mt-4" onClick={onRetry}>
          <RotateCw aria-hidden className="size-4" />
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
