import { BarChart3, CircleCheck, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { buttonClass } from '../../../components/ui/Button';

type Section = 'reports';

const ICONS: Record<Section, LucideIcon> = { reports: BarChart3 };
const POINTS = ['point1', 'point2', 'point3', 'point4'] as const;

/** An honest placeholder: says what this page will hold, shows no made-up numbers. */
export function ComingSoonPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const Icon = ICONS[section];
  const title = t(`nav.${section}`);
  return (
    <>
      <PageHeader title={title} documentTitle={title} />
      <section className="max-w-2xl rounded-lg border border-gray-200 bg-white p-6">
        <div className="flex items-start gap-4">
          <span className="rounded-lg bg-indigo-50 p-2.5">
            <Icon aria-hidden className="size-6 text-indigo-600" />
          </span>
          <div className="min-w-0">
            <span className="inline-flex items-center rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
              {t('placeholder.badge')}
            </span>
            <p className="mt-2 text-sm text-gray-700">{t(`placeholder.${section}.intro`)}</p>
          </div>
        </div>
        <h2 className="mt-6 text-sm font-semibold text-gray-900">{t('placeholder.whatWillLiveHere')}</h2>
        <ul className="mt-3 space-y-2">
          {POINTS.map((p) => (
            <li key={p} className="flex items-start gap-2 text-sm text-gray-700">
              <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-gray-400" />
              {t(`placeholder.${section}.${p}`)}
            </li>
          ))}
        </ul>
        <div className="mt-6 flex flex-wrap items-center gap-3 border-t border-gray-100 pt-4">
          <p className="text-sm text-gray-600">{t('placeholder.meanwhile')}</p>
          <Link to="/leads" className={buttonClass('secondary', 'sm')}>
            {t('placeholder.goToLeads')}
          </Link>
        </div>
      </section>
    </>
  );
}
