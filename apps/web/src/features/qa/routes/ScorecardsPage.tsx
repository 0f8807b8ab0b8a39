import { ClipboardCheck, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { buttonClass } from '../../../components/ui/Button';
import { useCampaigns } from '../../campaigns';
import { useScorecards } from '../hooks/useQa';

/** /settings/scorecards: every scorecard, which calls it scores, and its editor. */
export function ScorecardsPage() {
  const { t } = useTranslation();
  const cards = useScorecards();
  const campaigns = useCampaigns();
  const nameOf = (id: string) => campaigns.data?.items.find((c) => c.id === id)?.name ?? id.slice(0, 8);
  const create = (
    <Link to="new" className={buttonClass('primary')}>
      <Plus aria-hidden className="size-4" />
      {t('qa.list.new')}
    </Link>
  );
  return (
    <>
      <PageHeader title={t('qa.list.title')} documentTitle={t('qa.list.title')} subtitle={t('qa.list.subtitle')} actions={create} />
      <QueryView
        query={cards}
        errorTitle={t('qa.list.error')}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={ClipboardCheck} title={t('qa.list.empty.title')} body={t('qa.list.empty.body')} action={create} />}
      >
        {(d) => (
          <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
            <table className="min-w-full divide-y divide-gray-200 text-sm" aria-label={t('qa.list.tableLabel')}>
              <thead className="bg-gray-50 text-left text-xs font-semibold text-gray-700">
                <tr>
                  <th className="px-3 py-2">{t('qa.list.columns.name')}</th>
                  <th className="px-3 py-2">{t('qa.list.columns.campaign')}</th>
                  <th className="px-3 py-2 text-right">{t('qa.list.columns.questions')}</th>
                  <th className="px-3 py-2 text-right">{t('qa.list.columns.version')}</th>
                  <th className="px-3 py-2">{t('qa.list.columns.status')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {d.items.map((c) => (
                  <tr key={c.id}>
                    <td className="px-3 py-2">
                      <Link to={c.id} className="font-medium text-indigo-700 hover:underline">
                        {c.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-gray-700">{c.campaignId ? nameOf(c.campaignId) : t('qa.list.everyCall')}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{c.sections.reduce((n, s) => n + s.questions.length, 0)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{c.version}</td>
                    <td className="px-3 py-2">{c.active ? t('qa.list.active') : t('qa.list.retired')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </>
  );
}
