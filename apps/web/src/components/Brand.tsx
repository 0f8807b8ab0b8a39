import { Phone } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="flex items-center gap-2">
      <span className="flex size-7 items-center justify-center rounded-md bg-indigo-600">
        <Phone aria-hidden className="size-4 text-white" />
      </span>
      <span className="text-[15px] font-semibold tracking-tight text-gray-900">{t('app.name')}</span>
    </span>
  );
}
