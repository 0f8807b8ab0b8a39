import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { CalibrationPanel } from '../components/CalibrationPanel';
import { CoachingTabs } from '../components/CoachingTabs';
import { Panel } from '../components/Panel';
import { ReviewQueue } from '../components/ReviewQueue';

/** /coaching/review: the calls to review (each opens the call page) and how reviewers agree with the automatic verdicts. */
export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('coaching.review.title')} documentTitle={t('coaching.review.title')} subtitle={t('coaching.review.subtitle')} />
      <CoachingTabs />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:items-start">
        <Panel title={t('coaching.review.queueTitle')}>
          <ReviewQueue />
        </Panel>
        <Panel title={t('coaching.calibration.title')}>
          <CalibrationPanel />
        </Panel>
      </div>
    </>
  );
}
