import type { Campaign, DialMode } from '@telehub/shared';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert } from '../../../../components/ui/Alert';
import { Button, buttonClass } from '../../../../components/ui/Button';
import { Spinner } from '../../../../components/ui/Spinner';
import { useErrorMessage } from '../../../../hooks/useErrorMessage';
import { en } from '../../../../i18n/en';
import { isApiError } from '../../../../lib/errors';
import { useSaveCampaign } from '../../hooks/useCampaignMutations';
import { type CampaignForm, campaignChanges, type FormErrors, toCampaignBody, toCampaignForm } from '../campaignForm';
import { BasicsSection } from './BasicsSection';
import { DialingSection } from './DialingSection';
import { PeopleSection } from './PeopleSection';
import { RetrySection } from './RetrySection';
import { ScriptSection } from './ScriptSection';
import { SegmentSection } from './SegmentSection';

type ErrorKey = keyof typeof en.campaigns.form.errors;
const isErrorKey = (v: string): v is ErrorKey => Object.hasOwn(en.campaigns.form.errors, v);

/** Where a server-side field error belongs on this form (the API's maxAbandonRate is the form's percent box). */
const FORM_PATH: Record<string, string> = { maxAbandonRate: 'maxAbandonPercent', callingHours: 'hoursTo' };

/**
 * Create a campaign, or edit one: the whole definition on one page, checked before it is sent
 * (with the server's schema too), the first problem scrolled into view.
 */
export function CampaignEditor({ campaign, modes }: { campaign?: Campaign; modes: DialMode[] | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const save = useSaveCampaign();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<CampaignForm>(() => toCampaignForm(campaign, modes?.[0] ?? 'preview'));
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const archived = campaign?.status === 'archived';
  const set = <K extends keyof CampaignForm>(key: K, value: CampaignForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (path: string) => {
    const e = errors[path];
    return e === undefined ? undefined : isErrorKey(e) ? t(`campaigns.form.errors.${e}`) : e;
  };

  function showErrors(found: FormErrors) {
    setErrors(found);
    // After React has marked the fields, bring the first one into view.
    requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.scrollIntoView({ block: 'center' });
      if (first && 'focus' in first) first.focus({ preventScroll: true });
    });
  }

  function onError(e: Error) {
    if (isApiError(e) && e.code === 'DIAL_MODE_UNSUPPORTED') return showErrors({ dialMode: message(e) });
    if (isApiError(e) && e.details.length > 0) {
      const found: FormErrors = {};
      for (const d of e.details) {
        const path = d.path.replace(/^body\./, '');
        found[FORM_PATH[path] ?? path] = d.message;
      }
      showErrors(found);
    }
    setFormError(message(e));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const result = toCampaignBody(form);
    if (!result.ok) return showErrors(result.errors);
    setErrors({});
    const done = (c: Campaign) => navigate(`/campaigns/${c.id}`);
    if (!campaign) return save.mutate({ create: result.body }, { onSuccess: done, onError });
    const update = campaignChanges(campaign, result.body);
    if (Object.keys(update).length === 0) return done(campaign);
    save.mutate({ id: campaign.id, update }, { onSuccess: done, onError });
  }

  const problems = Object.keys(errors).length;
  const props = { form, set, err, disabled: archived };
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mx-auto max-w-4xl space-y-5" aria-label={t('campaigns.form.label')}>
      {archived && <Alert tone="info">{t('campaigns.form.archived')}</Alert>}
      {problems > 0 && <Alert>{t('campaigns.form.problems', { count: problems })}</Alert>}
      <fieldset disabled={archived} className="min-w-0 space-y-5">
        <BasicsSection {...props} />
        <DialingSection {...props} modes={modes} running={campaign?.status === 'running'} />
        <PeopleSection {...props} />
        <SegmentSection {...props} />
        <RetrySection {...props} />
        <ScriptSection {...props} />
      </fieldset>
      {formError && <Alert>{t('campaigns.form.saveFailed', { message: formError })}</Alert>}
      <div className="sticky bottom-0 -mx-4 flex justify-end gap-2 border-t border-gray-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <Link to={campaign ? `/campaigns/${campaign.id}` : '/campaigns'} className={buttonClass('secondary')}>
          {t('common.cancel')}
        </Link>
        <Button type="submit" variant="primary" disabled={save.isPending || archived}>
          {save.isPending && <Spinner />}
          {save.isPending ? t('common.saving') : campaign ? t('common.save') : t('campaigns.form.create')}
        </Button>
      </div>
    </form>
  );
}
