/**
 * One setting as an admin edits it: its label and help in the interface language, the control,
 * where the value in force comes from (and who set it here, when), the environment's value when
 * it is overridden, and the way back to it.
 */
import type { SettingItem } from '@telehub/shared';
import type { TFunction } from 'i18next';
import { KeyRound, RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useLocale } from '../../../hooks/useLocale';
import { intlLocale } from '../../../i18n';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatNumber, formatPercent, formatRelative } from '../../../lib/format';
import { useUserNames } from '../../users';
import type { SettingsForm } from '../hooks/useSettingsForm';
import { DND_CATEGORY_KEYS } from './categories';
import { describeDuration, parseDurationText } from './durations';
import { SettingControl } from './SettingControls';
import { parseBool, splitHours } from './settingDrafts';
import type { FieldSpec } from './settingFields';

/** A setting's text in words: "20 minutes", "50%", "3 · Education", "09:00–21:00". */
export function describeValue(spec: FieldSpec, text: string, t: TFunction, lng: string): string {
  switch (spec.control) {
    case 'duration': {
      const seconds = parseDurationText(text);
      return seconds === null ? text : describeDuration(seconds, intlLocale(lng));
    }
    case 'percent':
      return Number.isFinite(Number(text)) ? formatPercent(Number(text) * 100, lng) : text;
    case 'integer':
      return Number.isFinite(Number(text)) ? formatNumber(Number(text), lng) : text;
    case 'category': {
      const key = DND_CATEGORY_KEYS[Number(text) - 1];
      return key ? t('orgSettings.category', { n: Number(text), name: t(`dnd.categories.${key}`) }) : text;
    }
    case 'hours': {
      const { from, to } = splitHours(text);
      return from ? `${from}–${to === '00:00' ? '24:00' : to}` : text;
    }
    case 'switch':
      return parseBool(text) ? t('orgSettings.switch.on') : t('orgSettings.switch.off');
    default:
      return text;
  }
}

const BADGE = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset';

function OriginBadge({ item }: { item: SettingItem }) {
  const { t } = useTranslation();
  const tone =
    item.origin === 'stored'
      ? 'bg-indigo-50 text-indigo-800 ring-indigo-200'
      : item.origin === 'environment'
        ? 'bg-sky-50 text-sky-800 ring-sky-200'
        : 'bg-gray-100 text-gray-700 ring-gray-200';
  return (
    <span className={cn(BADGE, tone)} data-origin={item.origin}>
      {t(`orgSettings.origin.${item.origin}`)}
    </span>
  );
}

function SecretBadge({ isSet }: { isSet: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={cn(BADGE, isSet ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-amber-50 text-amber-800 ring-amber-200')}>
      <KeyRound aria-hidden className="size-3" />
      {isSet ? t('orgSettings.secret.set') : t('orgSettings.secret.notSet')}
    </span>
  );
}

/** The setting `spec` of `form`: nothing when the server does not offer it to this user. */
export function SettingField({ spec, form }: { spec: FieldSpec; form: SettingsForm }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const { nameOf } = useUserNames();
  const item = form.item(spec.name);
  if (!item) return null;
  const id = form.idOf(spec.name);
  const label = t(`orgSettings.fields.${spec.key}.label`);
  const error = form.errors[spec.name];
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, helpId].filter(Boolean).join(' ');
  const secret = spec.control === 'secret';
  const grouped = spec.control === 'hours';
  const busy = form.saving || form.resetting !== null;
  // With nothing in the environment, an address or a secret has no default: taking it away turns its connector off.
  const removable = secret || spec.control === 'url';
  const resetLabel = item.environmentSet ? t('orgSettings.useEnvironment') : removable ? t('orgSettings.removeStored') : t('orgSettings.useDefault');

  const control = (
    <SettingControl
      id={id}
      label={label}
      describedBy={describedBy}
      invalid={Boolean(error)}
      spec={spec}
      draft={form.draft(spec)}
      inForce={item.value}
      isSet={item.isSet}
      onChange={(draft) => form.setDraft(spec.name, draft)}
    />
  );

  return (
    <div className="grid gap-x-6 gap-y-2 py-4 @2xl:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]" data-setting={spec.name}>
      <div className="min-w-0">
        {grouped ? (
          <span id={`${id}-label`} className="block text-sm font-medium text-gray-900">
            {label}
          </span>
        ) : (
          <label htmlFor={id} className="block text-sm font-medium text-gray-900">
            {label}
          </label>
        )}
        <p id={helpId} className="mt-0.5 text-xs text-gray-600">
          {t(`orgSettings.fields.${spec.key}.help`)}
        </p>
        <p className="mt-1 text-[11px] text-gray-500">
          <span className="sr-only">{t('orgSettings.origin.variable')}: </span>
          <code className="font-mono [overflow-wrap:anywhere]">{spec.name}</code>
        </p>
      </div>
      <div className="min-w-0 space-y-1.5">
        {grouped ? (
          <fieldset aria-labelledby={`${id}-label`} className="min-w-0">
            {control}
          </fieldset>
        ) : (
          control
        )}
        {error && (
          <p id={errorId} className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {secret && <SecretBadge isSet={item.isSet} />}
          {(!secret || item.isSet) && <OriginBadge item={item} />}
          {item.origin === 'stored' && item.updatedAt && (
            <span className="text-xs text-gray-600" title={formatDateTime(item.updatedAt, lng)}>
              {t('orgSettings.origin.storedBy', {
                name: item.updatedBy ? nameOf(item.updatedBy) : t('common.system'),
                when: formatRelative(item.updatedAt, lng),
              })}
            </span>
          )}
        </div>
        {item.origin === 'stored' && (
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-gray-600">
            {item.environmentSet && (
              <span data-environment-value>
                {secret || item.environmentValue === null
                  ? t('orgSettings.envSecret')
                  : t('orgSettings.envValue', { value: describeValue(spec, item.environmentValue, t, lng) })}
              </span>
            )}
            <Button
              size="sm"
              variant="ghost"
              className="-ml-2 h-7"
              aria-label={`${resetLabel}: ${label}`}
              disabled={busy}
              onClick={() => form.reset(spec.name)}
            >
              {form.resetting === spec.name ? <Spinner /> : <RotateCcw aria-hidden className="size-3.5" />}
              {resetLabel}
            </Button>
          </div>
        )}
      </div>
    </div>
  );
}
