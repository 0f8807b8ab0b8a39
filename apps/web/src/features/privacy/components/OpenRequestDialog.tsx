import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { CORRECTABLE, type Corrections, type PrivacyRequest, REQUEST_CHANNELS, REQUEST_TYPES, type RequestChannel, type RequestType } from '../api/privacyApi';
import { useOpenRequest } from '../hooks/usePrivacy';

/** Opens a request for a lead (from its page) or for whoever has the phone number given. */
export function OpenRequestDialog({
  open,
  onOpenChange,
  lead,
  onOpened,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  lead?: { id: string; name: string };
  onOpened?: (r: PrivacyRequest) => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<RequestType>('access');
  const [channel, setChannel] = useState<RequestChannel>('phone');
  const [phone, setPhone] = useState('');
  const [details, setDetails] = useState('');
  const [corrections, setCorrections] = useState<Corrections>({});
  const [nominee, setNominee] = useState({ name: '', relation: '', contact: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useOpenRequest();

  function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!lead && phone.trim() === '') return setProblem(t('privacy.openDialog.phoneRequired'));
    if (type === 'nomination' && (nominee.name.trim() === '' || nominee.contact.trim() === '')) return setProblem(t('privacy.openDialog.nomineeRequired'));
    const asked = Object.fromEntries(Object.entries(corrections).filter(([, v]) => v !== undefined && v !== ''));
    mutation.mutate(
      {
        type,
        channel,
        ...(lead ? { leadId: lead.id } : { phone: phone.trim() }),
        details: details.trim() || null,
        ...(type === 'correction' && Object.keys(asked).length > 0 ? { corrections: asked } : {}),
        ...(type === 'nomination'
          ? { nominee: { name: nominee.name.trim(), relation: nominee.relation.trim() || null, contact: nominee.contact.trim() } }
          : {}),
      },
      {
        onSuccess: (r) => {
          onOpenChange(false);
          onOpened?.(r);
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={t('privacy.openDialog.title')}
      description={lead ? t('privacy.openDialog.forLead', { name: lead.name }) : undefined}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field label={t('privacy.openDialog.type')}>
          {(p) => (
            <Select
              {...p}
              value={type}
              onValueChange={(v) => setType(v as RequestType)}
              options={REQUEST_TYPES.map((v) => ({ value: v, label: t(`privacy.types.${v}`) }))}
            />
          )}
        </Field>
        {!lead && (
          <Field label={t('privacy.openDialog.phone')} hint={t('privacy.openDialog.phoneHint')}>
            {(p) => <Input {...p} type="tel" inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />}
          </Field>
        )}
        <Field label={t('privacy.openDialog.channel')}>
          {(p) => (
            <Select
              {...p}
              value={channel}
              onValueChange={(v) => setChannel(v as RequestChannel)}
              options={REQUEST_CHANNELS.map((v) => ({ value: v, label: t(`privacy.channels.${v}`) }))}
            />
          )}
        </Field>
        <Field label={t('privacy.openDialog.details')} optional={t('privacy.openDialog.optional')}>
          {(p) => <Textarea {...p} rows={3} maxLength={2000} value={details} onChange={(e) => setDetails(e.target.value)} />}
        </Field>
        {type === 'correction' && (
          <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
            <legend className="px-1 text-sm font-medium text-gray-800">{t('privacy.openDialog.corrections')}</legend>
            <p className="text-xs text-gray-600">{t('privacy.openDialog.correctionsHint')}</p>
            {CORRECTABLE.map((f) => (
              <Field key={f} label={t(`privacy.fields.${f}`)} optional={t('privacy.openDialog.optional')}>
                {(p) => <Input {...p} value={corrections[f] ?? ''} onChange={(e) => setCorrections((c) => ({ ...c, [f]: e.target.value }))} />}
              </Field>
            ))}
          </fieldset>
        )}
        {type === 'nomination' && (
          <fieldset className="space-y-3 rounded-md border border-gray-200 p-3">
            <legend className="px-1 text-sm font-medium text-gray-800">{t('privacy.openDialog.nominee')}</legend>
            <Field label={t('privacy.openDialog.nomineeName')}>
              {(p) => <Input {...p} value={nominee.name} onChange={(e) => setNominee((n) => ({ ...n, name: e.target.value }))} />}
            </Field>
            <Field label={t('privacy.openDialog.nomineeRelation')} optional={t('privacy.openDialog.optional')}>
              {(p) => <Input {...p} value={nominee.relation} onChange={(e) => setNominee((n) => ({ ...n, relation: e.target.value }))} />}
            </Field>
            <Field label={t('privacy.openDialog.nomineeContact')}>
              {(p) => <Input {...p} value={nominee.contact} onChange={(e) => setNominee((n) => ({ ...n, contact: e.target.value }))} />}
            </Field>
          </fieldset>
        )}
        {(problem || mutation.error) && <Alert>{problem ?? mutation.error?.message}</Alert>}
        <DialogActions>
          <Button type="button" onClick={() => onOpenChange(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="primary" disabled={mutation.isPending}>
            {t('privacy.openDialog.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
