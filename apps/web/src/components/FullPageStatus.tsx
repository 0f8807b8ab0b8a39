import { useTranslation } from 'react-i18next';
import { Spinner } from './ui/Spinner';

export function FullPageLoading() {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh items-center justify-center gap-2 text-sm text-gray-600" role="status">
      <Spinner />
      {t('app.loading')}
    </div>
  );
}
