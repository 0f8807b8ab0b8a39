import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { DndCheckBox } from '../components/DndCheckBox';
import { DndHistory } from '../components/DndHistory';
import { DndStats } from '../components/DndStats';
import { DndUpload } from '../components/DndUpload';

export function DndRegistryPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dnd.title')} documentTitle={t('dnd.title')} subtitle={t('dnd.subtitle')} />
      <div className="space-y-5">
        <DndStats />
        <div className="grid items-start gap-5 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <DndUpload />
          </div>
          <DndCheckBox />
        </div>
        <DndHistory />
      </div>
    </>
  );
}
