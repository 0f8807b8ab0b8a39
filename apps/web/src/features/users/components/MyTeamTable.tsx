import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock, formatNumber, formatTalkTime } from '../../../lib/format';
import type { MemberState, TeamMember } from '../hooks/useMyTeamFloor';
import type { MemberGroup } from './myTeam';

/** The command center's state tints (text on tint, AA contrast), so a state reads the same on both pages. */
const TONES: Record<MemberState, string> = {
  AVAILABLE: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  RINGING: 'bg-amber-50 text-amber-800 ring-amber-200',
  ON_CALL: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  WRAP_UP: 'bg-violet-50 text-violet-800 ring-violet-200',
  BREAK: 'bg-orange-50 text-orange-800 ring-orange-200',
  OFFLINE: 'bg-gray-100 text-gray-700 ring-gray-200',
};

function useMemberBits() {
  const { t, i18n } = useTranslation();
  const lng = useLocale();
  const now = useNow();
  // A preset break reason is a code with words in both languages; one the agent typed shows as typed.
  const reason = (r: string) => (i18n.exists(`workspace.presence.reasons.${r}`) ? t(`workspace.presence.reasons.${r as 'other'}`) : r);
  const inState = (m: TeamMember) => (m.since ? formatClock(Math.max(0, Math.floor((now - Date.parse(m.since)) / 1000))) : '—');
  const badge = (m: TeamMember) => (
    <span className={cn('inline-flex max-w-full truncate rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', TONES[m.state])}>
      {t(`commandCenter.state.${m.state}`)}
    </span>
  );
  const breakNote = (m: TeamMember) =>
    m.state === 'BREAK' && m.reason ? (
      <div className="mt-0.5 truncate text-xs text-gray-600">{t('commandCenter.board.breakReason', { reason: reason(m.reason) })}</div>
    ) : null;
  const campaign = (m: TeamMember) => (
    <span className={cn('block truncate text-xs', m.campaign ? 'text-indigo-800' : 'text-gray-600')} title={m.campaign?.name}>
      {m.campaign?.name ?? t('commandCenter.board.noCampaign')}
    </span>
  );
  return { t, lng, inState, badge, breakNote, campaign };
}

const th = 'px-2 py-2 text-[11px] font-medium text-gray-600 uppercase';

/**
 * The members of the manager's teams by team: state and time in it, campaign and today's figures,
 * as the command center's board shows them. Fixed column widths with long names cut (whole on
 * hover and for screen readers); on a phone, a card per member.
 */
export function MyTeamTable({ groups }: { groups: MemberGroup[] }) {
  const { t, lng, inState, badge, breakNote, campaign } = useMemberBits();
  const n = (v: number) => formatNumber(v, lng);
  const teamName = (g: MemberGroup) => g.name ?? t('team.noTeam');
  const heads: [string, string][] = [
    [t('commandCenter.board.agent'), 'text-left'],
    [t('commandCenter.board.state'), 'text-left'],
    [t('commandCenter.board.inState'), 'text-left'],
    [t('commandCenter.board.calls'), 'text-right'],
    [t('commandCenter.board.connects'), 'text-right'],
    [t('commandCenter.board.talk'), 'text-right'],
    [t('commandCenter.board.conversions'), 'text-right'],
  ];
  return (
    <>
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full min-w-[40rem] table-fixed text-sm">
          <colgroup>
            <col />
            <col className="w-32" />
            <col className="w-16" />
            <col className="w-[4.25rem]" />
            <col className="w-20" />
            <col className="w-[5.5rem]" />
            <col className="w-14" />
          </colgroup>
          <thead className="bg-gray-50">
            <tr>
              {heads.map(([label, align]) => (
                <th key={label} scope="col" className={cn(th, align)}>
                  <span className="block truncate" title={label}>
                    {label}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.teamId ?? 'none'} className="divide-y divide-gray-100 border-t border-gray-200">
              <tr className="bg-gray-50/70">
                <th scope="colgroup" colSpan={7} className="px-2 py-1.5 text-left text-xs font-semibold text-gray-800">
                  <span className="flex min-w-0 items-center gap-2">
                    <span className="truncate" title={teamName(g)}>
                      {teamName(g)}
                    </span>
                    <span className="rounded-full bg-white px-2 font-medium text-gray-700 tabular-nums ring-1 ring-gray-200">{n(g.members.length)}</span>
                  </span>
                </th>
              </tr>
              {g.members.map((m) => (
                <tr key={m.user.id} data-agent={m.user.name} data-state={m.state} className={cn('align-top', m.state === 'OFFLINE' && 'text-gray-500')}>
                  <td className="px-2 py-2">
                    <div className="truncate font-medium text-gray-900" title={m.user.name}>
                      {m.user.name}
                    </div>
                    {campaign(m)}
                  </td>
                  <td className="px-2 py-2">
                    {badge(m)}
                    {breakNote(m)}
                  </td>
                  <td className="px-2 py-2 tabular-nums">{inState(m)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{n(m.today.calls)}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{n(m.today.connects)}</td>
                  <td className="px-2 py-2 text-right whitespace-nowrap tabular-nums">{formatTalkTime(m.today.talkSeconds, lng)}</td>
                  <td className="px-2 py-2 text-right font-medium tabular-nums">{n(m.today.conversions)}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
      <div className="md:hidden">
        {groups.map((g) => (
          <section key={g.teamId ?? 'none'} aria-label={teamName(g)}>
            <h3 className="flex items-center gap-2 border-b border-gray-200 bg-gray-50 px-3 py-1.5 text-xs font-semibold text-gray-800">
              <span className="truncate">{teamName(g)}</span>
              <span className="rounded-full bg-white px-2 font-medium text-gray-700 tabular-nums ring-1 ring-gray-200">{n(g.members.length)}</span>
            </h3>
            <ul className="divide-y divide-gray-100">
              {g.members.map((m) => (
                <li key={m.user.id} data-agent-card={m.user.name} data-state={m.state} className="px-3 py-2.5 text-sm">
                  <div className="flex items-start gap-2">
                    <div className="min-w-0 flex-1">
                      <div className="truncate font-medium text-gray-900" title={m.user.name}>
                        {m.user.name}
                      </div>
                      {campaign(m)}
                    </div>
                    <div className="flex shrink-0 flex-col items-end">
                      {badge(m)}
                      <span className="mt-0.5 text-xs text-gray-700 tabular-nums">{inState(m)}</span>
                    </div>
                  </div>
                  {breakNote(m)}
                  <dl className="mt-1.5 grid grid-cols-4 gap-2 text-xs">
                    {(
                      [
                        [t('commandCenter.board.calls'), n(m.today.calls)],
                        [t('commandCenter.board.connects'), n(m.today.connects)],
                        [t('commandCenter.board.talk'), formatTalkTime(m.today.talkSeconds, lng)],
                        [t('commandCenter.board.conversions'), n(m.today.conversions)],
                      ] as const
                    ).map(([label, value]) => (
                      <div key={label} className="min-w-0">
                        <dt className="truncate text-[11px] text-gray-600 uppercase">{label}</dt>
                        <dd className="font-medium text-gray-900 tabular-nums">{value}</dd>
                      </div>
                    ))}
                  </dl>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
