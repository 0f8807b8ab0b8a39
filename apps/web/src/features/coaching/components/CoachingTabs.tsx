import { ClipboardCheck, GraduationCap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { cn } from '../../../lib/cn';
import { useCurrentUser } from '../../auth';

/** Staff who review scores get the review queue beside coaching; nobody else sees the row. */
export function CoachingTabs() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  if (!abilities.reviewScores) return null;
  const tabs = [
    { to: '/coaching', end: true, label: t('coaching.tabs.coaching'), icon: GraduationCap },
    { to: '/coaching/review', end: false, label: t('coaching.tabs.review'), icon: ClipboardCheck },
  ];
  return (
    <nav aria-label={t('coaching.tabs.label')} className="mb-5 border-b border-gray-200">
      <ul className="-mb-px flex gap-4 overflow-x-auto">
        {tabs.map(({ to, end, label, icon: Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              end={end}
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-1.5 border-b-2 px-1 py-2 text-sm font-medium whitespace-nowrap',
                  isActive ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900',
                )
              }
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
