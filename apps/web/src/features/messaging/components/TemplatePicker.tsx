import type { MessageChannel } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { languageName } from '../../../lib/format';
import { useMessagingTemplates } from '../hooks/useMessaging';
import { type Choice, choicesOf, type LeadForPrefill, prefill, preview } from './messageForm';

export type Picked = { choice: Choice; values: Record<string, string> };

/**
 * Channel, template and its variables (the lead's fields filled in), with a preview of what the
 * lead will read. Says plainly when a channel is not set up, or has no templates yet.
 */
export function TemplatePicker({
  lead,
  channel,
  onChannel,
  picked,
  onPicked,
  idPrefix,
}: {
  lead: LeadForPrefill;
  channel: MessageChannel;
  onChannel: (c: MessageChannel) => void;
  picked: Picked | null;
  onPicked: (p: Picked | null) => void;
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const templates = useMessagingTemplates();
  if (templates.isPending) return <Skeleton className="h-24" />;
  if (templates.isError) return <Alert>{t('messaging.templatesError')}</Alert>;
  const configured = channel === 'whatsapp' ? templates.data.whatsapp.configured : templates.data.email.configured;
  const choices = choicesOf(templates.data, channel);
  const choose = (key: string) => {
    const c = choices.find((x) => x.key === key);
    onPicked(c ? { choice: c, values: prefill(c, lead) } : null);
  };
  return (
    <div className="space-y-3">
      <Field label={t('messaging.send.channel')}>
        {(p) => (
          <Select
            {...p}
            value={channel}
            onValueChange={(v) => {
              onChannel(v === 'email' ? 'email' : 'whatsapp');
              onPicked(null);
            }}
            options={[
              { value: 'whatsapp', label: t('messaging.channel.whatsapp') },
              { value: 'email', label: t('messaging.channel.email') },
            ]}
          />
        )}
      </Field>
      {!configured ? (
        <Alert tone="info">{t(channel === 'whatsapp' ? 'messaging.notConfigured.whatsapp' : 'messaging.notConfigured.email')}</Alert>
      ) : channel === 'email' && lead.email === null ? (
        <Alert tone="info">{t('messaging.send.noEmail')}</Alert>
      ) : choices.length === 0 ? (
        <Alert tone="info">{t(channel === 'whatsapp' ? 'messaging.send.noWhatsAppTemplates' : 'messaging.send.noEmailTemplates')}</Alert>
      ) : (
        <>
          <Field label={t('messaging.send.template')}>
            {(p) => (
              <Select
                {...p}
                value={picked?.choice.key ?? ''}
                onValueChange={choose}
                placeholder={t('messaging.send.chooseTemplate')}
                options={choices.map((c) => ({
                  value: c.key,
                  label: `${c.name} · ${languageName(c.language.split('_')[0] ?? c.language, lng)}`,
                  hint: c.category.toLowerCase() === 'marketing' ? t('messaging.send.marketing') : undefined,
                }))}
              />
            )}
          </Field>
          {picked?.choice.variables.map((v) => (
            <Field key={`${idPrefix}-${v}`} label={t('messaging.send.variable', { name: `{{${v}}}` })}>
              {(p) => (
                <Input
                  {...p}
                  value={picked.values[v] ?? ''}
                  maxLength={1024}
                  onChange={(e) => onPicked({ ...picked, values: { ...picked.values, [v]: e.target.value } })}
                />
              )}
            </Field>
          ))}
          {picked && (
            <div>
              <p className="text-xs font-medium text-gray-600">{t('messaging.send.preview')}</p>
              <div
                className="mt-1 rounded-md bg-emerald-50 px-3 py-2 text-sm whitespace-pre-wrap text-gray-900 ring-1 ring-emerald-200 [overflow-wrap:anywhere]"
                data-testid="message-preview"
              >
                {picked.choice.subject && <p className="mb-1 font-semibold">{preview(picked.choice.subject, picked.values)}</p>}
                {preview(picked.choice.text, picked.values)}
              </div>
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Whether every variable is filled. */
export const complete = (p: Picked | null): p is Picked => (p ? p.choice.variables.every((v) => (p.values[v] ?? '').trim() !== '') : false);
