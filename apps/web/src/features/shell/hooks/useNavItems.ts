import type { Abilities } from '@telehub/shared';
import type { ParseKeys } from 'i18next';
import { BarChart3, GraduationCap, Headset, Inbox, type LucideIcon, Megaphone, MonitorDot, PhoneCall, Settings, Users, UsersRound } from 'lucide-react';
import { useCurrentUser } from '../../auth';
import { settingsSections } from '../../settings';

export type NavItem = { to: string; label: ParseKeys; icon: LucideIcon };

/** The left navigation, decided by what the user may do (abilities), not by role names. */
export function navItemsFor(abilities: Abilities): NavItem[] {
  const items: (NavItem | false)[] = [
    { to: '/workspace', label: 'nav.workspace', icon: Headset },
    { to: '/leads', label: 'nav.leads', icon: UsersRound },
    // Everyone: each finds the calls they may see (their own, their team's, or all).
    { to: '/calls', label: 'callSearch.nav', icon: PhoneCall },
    { to: '/inbox', label: 'messaging.inbox.nav', icon: Inbox },
    abilities.viewCommandCenter && { to: '/command-center', label: 'nav.commandCenter', icon: MonitorDot },
    abilities.manageCampaigns && { to: '/campaigns', label: 'nav.campaigns', icon: Megaphone },
    abilities.viewReports && { to: '/reports', label: 'nav.reports', icon: BarChart3 },
    // Everyone: a telecaller sees their own coaching, staff their team's and the review queue.
    { to: '/coaching', label: 'coaching.nav', icon: GraduationCap },
    // Admins manage people under Settings; a manager gets a read-only view of their team.
    abilities.viewTeam && !abilities.manageUsers && { to: '/team', label: 'nav.team', icon: Users },
    // Shown when at least one section opens: managers keep the assignment rules there, admins everything.
    settingsSections(abilities).length > 0 && { to: '/settings', label: 'nav.settings', icon: Settings },
  ];
  return items.filter((i): i is NavItem => i !== false);
}

export function useNavItems(): NavItem[] {
  const { abilities } = useCurrentUser();
  return navItemsFor(abilities);
}
