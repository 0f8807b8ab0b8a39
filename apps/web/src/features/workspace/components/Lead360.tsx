import type { Lead } from '@telehub/shared';
import { Tabs } from 'radix-ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PastCalls } from '../../calls';
import { DndBanner } from '../../compliance';
import { LeadFacts, Timeline } from '../../leads';

const TABS = ['history', 'calls', 'details'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string): v is Tab => (TABS as readonly string[]).includes(v);

const tabClass =
  'relative -mb-px border-b-2 border-transparent px-3 py-2.5 text-sm font-medium text-gray-600 hover:text-gray-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

/** Everything known about the lead, beside the call: its history, past calls (recordings, transcripts) and details. */
export function Lead360({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('history');
  return (
    <section aria-label={t('workspace.lead360.label', { name: lead.name })} className="rounded-lg border border-gray-200 bg-white">
      <Tabs.Root value={tab} onValueChange={(v) => isTab(v) && setTab(v)}>
        <Tabs.List aria-label={t('workspace.lead360.tabs')} className="flex gap-1 overflow-x-auto border-b border-gray-200 px-2">
          {TABS.map((k) => (
            <Tabs.Trigger key={k} value={k} className={tabClass}>
              {t(`workspace.lead360.${k}`)}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        <Tabs.Content value="history" className="p-4 focus:outline-none">
          <Timeline leadId={lead.id} />
        </Tabs.Content>
        <Tabs.Content value="calls" className="px-4 py-1 focus:outline-none">
          <PastCalls leadId={lead.id} />
        </Tabs.Content>
        <Tabs.Content value="details" className="focus:outline-none [&>section]:rounded-none [&>section]:border-0">
          {lead.dnd && (
            <div className="px-4 pb-1">
              <DndBanner lead={lead} />
            </div>
          )}
          <LeadFacts lead={lead} />
        </Tabs.Content>
      </Tabs.Root>
    </section>
  );
}
