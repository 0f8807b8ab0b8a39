import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { HoldsPanel } from '../components/HoldsPanel';
import { NoticesPanel } from '../components/NoticesPanel';
import { RequestsPanel } from '../components/RequestsPanel';
import { RetentionPanel } from '../components/RetentionPanel';

/** Settings > Privacy: requests with due dates, legal holds, retention and its runs, consent notices. */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('privacy.title')} documentTitle={t('privacy.title')} subtitle={t('privacy.subtitle')} />
      <div className="space-y-5">
        <RequestsPanel />
        <HoldsPanel />
        <RetentionPanel />
        <NoticesPanel />
      </div>
    </>
  );
}
