import type { ParseKeys } from 'i18next';
import { type LucideIcon, ScrollText, Users, UsersRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { cn } from '../../../lib/cn';
import { useCurrentUser } from '../../auth/hooks/useSession';

/** Settings: a row of section links over the section's page. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const sections: { to: string; label: ParseKeys; icon: LucideIcon; show: boolean }[] = [
    { to: 'users', label: 'settings.users', icon: Users, show: abilities.manageUsers },
    { to: 'teams', label: 'settings.teams', icon: UsersRound, show: abilities.manageUsers },
    { to: 'audit', label: 'settings.audit', icon: ScrollText, show: abilities.viewAudit },
  ];
  return (
    <div>
      <p className="mb-2 text-xs font-semibold tracking-wide text-gray-500 uppercase">{t('settings.title')}</p>
      <nav aria-label={t('settings.sections')} className="mb-5 border-b border-gray-200">
        <ul className="-mb-px flex gap-4 overflow-x-auto">
          {sections
            .filter((s) => s.show)
            .map(({ to, label, icon: Icon }) => (
              <li key={to}>
                <NavLink
                  to={to}
                  className={({ isActive }) =>
                    cn(
                      'flex items-center gap-1.5 border-b-2 px-1 py-2 text-sm font-medium whitespace-nowrap',
                      isActive ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-gray-600 hover:border-gray-300 hover:text-gray-900',
                    )
                  }
                >
                  <Icon aria-hidden className="size-4" />
                  {t(label)}
                </NavLink>
              </li>
            ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
