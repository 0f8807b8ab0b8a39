import type { Abilities } from '@telehub/shared';
import type { ParseKeys } from 'i18next';
import {
  BookOpen,
  Cable,
  ClipboardCheck,
  Clock,
  FileLock2,
  ListPlus,
  type LucideIcon,
  MessageCircle,
  MessageSquareQuote,
  Repeat,
  Route,
  ScrollText,
  ShieldCheck,
  SlidersHorizontal,
  Users,
  UsersRound,
} from 'lucide-react';

export type SettingsSection = { to: string; label: ParseKeys; icon: LucideIcon };

/** The settings sections these abilities open, in the order of the tabs (none: no Settings at all). */
export function settingsSections(abilities: Abilities): SettingsSection[] {
  const sections: (SettingsSection | false)[] = [
    abilities.manageUsers && { to: 'users', label: 'settings.users', icon: Users },
    abilities.manageUsers && { to: 'teams', label: 'settings.teams', icon: UsersRound },
    abilities.manageAssignment && { to: 'assignment', label: 'settings.assignment', icon: Route },
    abilities.manageCampaigns && { to: 'inbound-hours', label: 'settings.inboundHours', icon: Clock },
    abilities.manageCompliance && { to: 'compliance', label: 'settings.compliance', icon: ShieldCheck },
    abilities.manageCompliance && { to: 'privacy', label: 'privacy.nav', icon: FileLock2 },
    abilities.manageSettings && { to: 'rules', label: 'orgSettings.nav', icon: SlidersHorizontal },
    abilities.manageSources && { to: 'sources', label: 'settings.sources', icon: Cable },
    abilities.manageLeadFields && { to: 'lead-fields', label: 'leadFields.nav', icon: ListPlus },
    abilities.manageKnowledge && { to: 'knowledge', label: 'knowledge.nav', icon: BookOpen },
    abilities.manageKnowledge && { to: 'battlecards', label: 'battlecards.nav', icon: MessageSquareQuote },
    abilities.manageScorecards && { to: 'scorecards', label: 'qa.nav', icon: ClipboardCheck },
    abilities.manageMessaging && { to: 'messaging', label: 'messaging.settings.nav', icon: MessageCircle },
    abilities.manageFollowups && { to: 'followups', label: 'followups.nav', icon: Repeat },
    abilities.viewAudit && { to: 'audit', label: 'settings.audit', icon: ScrollText },
  ];
  return sections.filter((s): s is SettingsSection => s !== false);
}
