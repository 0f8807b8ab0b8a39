import type { ReportKind } from '@telehub/shared';
import { Tabs } from 'radix-ui';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { useCurrentUser } from '../../auth';
import { CampaignsView } from '../components/CampaignsView';
import { ComplianceView } from '../components/ComplianceView';
import { ExportButtons, ExportStatus } from '../components/ExportBar';
import { FilterBar } from '../components/FilterBar';
import { FunnelView } from '../components/FunnelView';
import { HoursView } from '../components/HoursView';
import { filterSetOf, tabsFor } from '../components/reportParams';
import { SavedReports } from '../components/SavedReports';
import { ScheduleDialog } from '../components/ScheduleDialog';
import { SourcesView } from '../components/SourcesView';
import { TelecallersView } from '../components/TelecallersView';
import { useReportExport } from '../hooks/useReportExport';
import { useReportFormat } from '../hooks/useReportFormat';
import { useReportState } from '../hooks/useReportState';
import { useReport } from '../hooks/useReports';

const tabClass =
  'relative -mb-px shrink-0 border-b-2 border-transparent px-3 py-2.5 text-sm font-medium whitespace-nowrap text-gray-600 hover:text-gray-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

/**
 * /reports: the funnel, campaigns, telecallers, when to call, compliance and sources, over a
 * period and filters held in the URL (bookmark or share it). Staff see every report over their
 * teams; a telecaller sees their own telecaller report only, which the server limits to them.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const f = useReportFormat();
  const { user, abilities } = useCurrentUser();
  const staff = abilities.viewTeamReports;
  const scope = { staff };
  const { state, range, query, today, update, open, clearFilters, search } = useReportState(scope);
  const exporter = useReportExport();
  // A file made for other filters is not offered under these ones (the job itself finishes on the server).
  const { reset } = exporter;
  useEffect(() => {
    if (search) reset();
  }, [search, reset]);
  const tabs = tabsFor(scope);
  // On a phone the tabs scroll sideways: the one open (from a link or a saved report) is brought into view.
  const tabList = useRef<HTMLDivElement>(null);
  useEffect(() => {
    tabList.current?.querySelector(`[data-tab="${state.tab}"]`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [state.tab]);
  // Sources the funnel has seen over these days, offered in the source box: read from the cache
  // (the funnel tab fetches it), never fetched for this alone.
  const { source: _source, ...unfiltered } = query;
  const funnel = useReport('funnel', unfiltered, false);
  const sources = funnel.data?.bySource.map((s) => s.source) ?? [];

  const views: Record<ReportKind, () => ReactNode> = {
    funnel: () => <FunnelView query={query} onClearFilters={clearFilters} />,
    campaigns: () => <CampaignsView query={query} onClearFilters={clearFilters} />,
    telecallers: () => <TelecallersView query={query} ownOnly={!staff} onClearFilters={clearFilters} />,
    hours: () => <HoursView query={query} onClearFilters={clearFilters} />,
    compliance: () => <ComplianceView query={query} onClearFilters={clearFilters} />,
    sources: () => <SourcesView query={query} onClearFilters={clearFilters} />,
  };

  return (
    <>
      <PageHeader
        title={t('reports.title')}
        documentTitle={`${t(`reports.tabs.${state.tab}`)} · ${t('reports.title')}`}
        subtitle={staff ? t('reports.subtitle') : t('reports.subtitleOwn')}
        actions={
          <>
            <SavedReports userId={user.id} scope={scope} search={search} onOpen={open} />
            {staff && <ScheduleDialog kind={state.tab} filters={filterSetOf(state)} email={user.email} />}
          </>
        }
      />
      <Tabs.Root value={state.tab} onValueChange={(v) => tabs.includes(v as ReportKind) && update({ tab: v as ReportKind })}>
        {tabs.length > 1 && (
          <Tabs.List
            ref={tabList}
            aria-label={t('reports.tabs.label')}
            className="-mx-4 mb-4 flex overflow-x-auto border-b border-gray-200 px-4 sm:mx-0 sm:px-0"
          >
            {tabs.map((k) => (
              <Tabs.Trigger key={k} value={k} className={tabClass} data-tab={k}>
                {t(`reports.tabs.${k}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        )}
        <div className="mb-5 space-y-3 rounded-lg border border-gray-200 bg-white p-3 shadow-xs sm:p-4">
          <FilterBar state={state} range={range} today={today} staff={staff} sources={sources} update={update} clear={clearFilters} />
          <div className="flex flex-wrap items-center justify-between gap-2 border-t border-gray-100 pt-3">
            <ExportButtons exporter={exporter} onExport={(format) => void exporter.start(state.tab, query, format, f.lng === 'hi' ? 'hi' : 'en')} />
          </div>
          <ExportStatus exporter={exporter} />
        </div>
        {tabs.map((k) => (
          <Tabs.Content key={k} value={k} className="focus:outline-none">
            {state.tab === k && views[k]()}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </>
  );
}
