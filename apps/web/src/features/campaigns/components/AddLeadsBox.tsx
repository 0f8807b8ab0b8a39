import { ListPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Textarea } from '../../../components/ui/Input';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { useAddCampaignLeads } from '../hooks/useCampaignMutations';
import { MAX_LEAD_IDS, parseLeadIds } from './leadIds';

/** Adds leads to the queue by id, pasted (the leads page adds its ticked rows the same way). */
export function AddLeadsBox({ campaignId, disabled }: { campaignId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const add = useAddCampaignLeads();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const parsed = parseLeadIds(text);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    add.reset();
    if (parsed.invalid.length > 0)
      return setProblem(t('campaigns.addLeads.invalid', { count: parsed.invalid.length, sample: parsed.invalid.slice(0, 3).join(', ') }));
    if (parsed.ids.length === 0) return setProblem(t('campaigns.addLeads.none'));
    if (parsed.ids.length > MAX_LEAD_IDS) return setProblem(t('campaigns.addLeads.tooMany', { max: formatNumber(MAX_LEAD_IDS, lng) }));
    setProblem(null);
    add.mutate({ id: campaignId, leadIds: parsed.ids }, { onSuccess: () => setText('') });
  }

  return (
    <section aria-labelledby="campaign-add-leads" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="campaign-add-leads" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('campaigns.addLeads.title')}
      </h2>
      <form onSubmit={onSubmit} noValidate className="space-y-3 p-4">
        <Field label={t('campaigns.addLeads.label')} hint={t('campaigns.addLeads.hint')} error={problem ?? undefined}>
          {(p) => (
            <Textarea
              {...p}
              rows={3}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setProblem(null);
              }}
              spellCheck={false}
              className="font-mono text-xs"
              disabled={disabled}
            />
          )}
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-xs text-gray-600">
            {parsed.ids.length > 0 && t('campaigns.addLeads.count', { count: parsed.ids.length, n: formatNumber(parsed.ids.length, lng) })}
          </span>
          <Button type="submit" disabled={disabled || add.isPending}>
            {add.isPending ? <Spinner /> : <ListPlus aria-hidden className="size-4" />}
            {t('campaigns.addLeads.submit')}
          </Button>
        </div>
        {add.isSuccess && <Alert tone="info">{t('campaigns.addLeads.added', { count: add.data.added, n: formatNumber(add.data.added, lng) })}</Alert>}
        {add.isError && <Alert>{t('campaigns.addLeads.failed', { message: message(add.error) })}</Alert>}
      </form>
    </section>
  );
}
