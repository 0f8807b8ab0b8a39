import type { SettingGroup, SettingItem, SettingsAnswer } from '@telehub/shared';
import { BellRing, type LucideIcon, Phone, ShieldCheck, SlidersHorizontal, Timer } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { SettingsActions, SettingsFields, SettingsStatus } from '../components/SettingsForm';
import { ALERT_FIELDS, COMPLIANCE_FIELDS, type FieldSpec, TELEPHONY_FIELDS, WORKLOAD_FIELDS } from '../components/settingFields';
import { useOrgSettings } from '../hooks/useOrgSettings';
import { useSettingsForm } from '../hooks/useSettingsForm';

type RulesGroup = Extract<SettingGroup, 'workload' | 'compliance' | 'alerts' | 'telephony'>;
type Provider = SettingsAnswer['telephonyProvider'];

const groupsFor = (provider: Provider): { group: RulesGroup; fields: readonly FieldSpec[]; icon: LucideIcon }[] => [
  { group: 'workload', fields: WORKLOAD_FIELDS, icon: Timer },
  { group: 'compliance', fields: COMPLIANCE_FIELDS, icon: ShieldCheck },
  { group: 'alerts', fields: ALERT_FIELDS, icon: BellRing },
  { group: 'telephony', fields: provider === 'simulator' ? [] : TELEPHONY_FIELDS[provider], icon: Phone },
];
const PROVIDER_NAMES: Record<Provider, string> = { simulator: 'Simulator', twilio: 'Twilio', exotel: 'Exotel' };

/** The simulator has no account: the card says how another provider is chosen. */
function SimulatorNote() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="rules-telephony" className="rounded-lg border border-gray-200 bg-white px-4 py-3">
      <div className="flex items-start gap-2.5">
        <Phone aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
        <div className="min-w-0">
          <h2 id="rules-telephony" className="text-sm font-semibold text-gray-900">
            {t('orgSettings.groups.telephony.title')}
          </h2>
          <p className="text-xs text-gray-600">{t('orgSettings.groups.telephony.simulator')}</p>
        </div>
      </div>
    </section>
  );
}

/** One group with its own Save: a change to the alerts never waits on an unfinished compliance edit. */
function GroupCard({
  group,
  fields,
  icon: Icon,
  items,
  provider,
}: {
  group: RulesGroup;
  fields: readonly FieldSpec[];
  icon: LucideIcon;
  items: SettingItem[];
  provider: Provider;
}) {
  const { t } = useTranslation();
  const form = useSettingsForm(fields, items);
  if (form.fields.length === 0) return null;
  return (
    <section aria-labelledby={`rules-${group}`} className="rounded-lg border border-gray-200 bg-white">
      <div className="flex items-start gap-2.5 border-b border-gray-200 px-4 py-3">
        <Icon aria-hidden className="mt-0.5 size-5 shrink-0 text-gray-500" />
        <div className="min-w-0">
          <h2 id={`rules-${group}`} className="text-sm font-semibold text-gray-900">
            {t(`orgSettings.groups.${group}.title`)}
          </h2>
          <p className="text-xs text-gray-600">{t(`orgSettings.groups.${group}.what`, { provider: PROVIDER_NAMES[provider] })}</p>
        </div>
      </div>
      <form
        noValidate
        className="px-4"
        onSubmit={(e) => {
          e.preventDefault();
          form.save();
        }}
      >
        <SettingsFields form={form} />
        <div className="space-y-3 border-t border-gray-100 py-3">
          <SettingsStatus form={form} />
          <SettingsActions form={form} />
        </div>
      </form>
    </section>
  );
}

/** Settings > Rules: the workload, compliance and alert rules an admin sets over the server's environment. */
export function RulesPage() {
  const { t } = useTranslation();
  const settings = useOrgSettings('all');
  const items = settings.data?.items ?? [];
  const provider = settings.data?.telephonyProvider ?? 'simulator';
  const GROUPS = groupsFor(provider);
  const known = (fields: readonly FieldSpec[]) => items.some((i) => fields.some((f) => f.name === i.name));
  return (
    <>
      <PageHeader title={t('orgSettings.rules.title')} documentTitle={t('orgSettings.rules.title')} subtitle={t('orgSettings.rules.subtitle')} />
      {settings.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-5">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-48 rounded-lg" />
          ))}
        </div>
      ) : settings.isError ? (
        <ErrorState title={t('orgSettings.rules.loadError')} error={settings.error} onRetry={() => void settings.refetch()} />
      ) : !GROUPS.some((g) => known(g.fields)) ? (
        <EmptyState icon={SlidersHorizontal} title={t('orgSettings.rules.empty')} />
      ) : (
        <div className="space-y-5">
          {GROUPS.map((g) => (
            <GroupCard key={g.group} {...g} provider={provider} items={items.filter((i) => i.group === g.group)} />
          ))}
          {provider === 'simulator' && <SimulatorNote />}
        </div>
      )}
    </>
  );
}
