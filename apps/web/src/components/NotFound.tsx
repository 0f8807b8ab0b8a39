import { Compass, type LucideIcon, ShieldOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../hooks/useDocumentTitle';
import { EmptyState } from './EmptyState';
import { buttonClass } from './ui/Button';

function Message({ icon, title, body }: { icon: LucideIcon; title: string; body: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <div className="rounded-lg border border-gray-200 bg-white">
      <EmptyState
        icon={icon}
        title={title}
        body={body}
        action={
          <Link to="/leads" className={buttonClass('secondary')}>
            {t('errors.notFound.action')}
          </Link>
        }
      />
    </div>
  );
}

export function NotFound({ title, body }: { title?: string; body?: string }) {
  const { t } = useTranslation();
  return <Message icon={Compass} title={title ?? t('errors.notFound.title')} body={body ?? t('errors.notFound.body')} />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Message icon={ShieldOff} title={t('errors.forbidden.title')} body={t('errors.forbidden.body')} />;
}
