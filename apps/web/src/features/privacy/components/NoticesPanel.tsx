import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../components/QueryView';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Textarea } from '../../../components/ui/Input';
import { CONSENT_PURPOSES, type ConsentPurpose, type Notice } from '../api/privacyApi';
import { useNotices, usePublishNotice } from '../hooks/usePrivacy';

/** Each purpose's notice in force (English and Hindi) and a form for its next version. */
export function NoticesPanel() {
  const { t } = useTranslation();
  const notices = useNotices();
  return (
    <section aria-labelledby="privacy-notices-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="border-b border-gray-200 px-4 py-3">
        <h2 id="privacy-notices-title" className="text-sm font-semibold text-gray-900">
          {t('privacy.notices.title')}
        </h2>
        <p className="mt-0.5 text-xs text-gray-600">{t('privacy.notices.hint')}</p>
      </div>
      <QueryView query={notices} errorTitle={t('privacy.notices.loadError')} skeletonRows={3}>
        {(d) => (
          <ul className="divide-y divide-gray-100">
            {CONSENT_PURPOSES.map((purpose) => (
              <PurposeNotice key={purpose} purpose={purpose} current={d.items.find((n) => n.purpose === purpose)} />
            ))}
          </ul>
        )}
      </QueryView>
    </section>
  );
}

function PurposeNotice({ purpose, current }: { purpose: ConsentPurpose; current: Notice | undefined }) {
  const { t } = useTranslation();
  const publish = usePublishNotice();
  const [editing, setEditing] = useState(false);
  const [textEn, setTextEn] = useState(current?.textEn ?? '');
  const [textHi, setTextHi] = useState(current?.textHi ?? '');
  const [short, setShort] = useState(false);
  const name = t(`privacy.lead.purposes.${purpose}`);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (textEn.trim().length < 10 || textHi.trim().length < 10) return setShort(true);
    setShort(false);
    publish.mutate({ purpose, textEn: textEn.trim(), textHi: textHi.trim() }, { onSuccess: () => setEditing(false) });
  }
  return (
    <li className="space-y-2 px-4 py-3 text-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-medium text-gray-900">
          {name}
          {current && <span className="ml-2 text-xs font-normal text-gray-600">{t('privacy.notices.version', { n: current.version })}</span>}
        </h3>
        <Button size="sm" onClick={() => setEditing((v) => !v)} aria-expanded={editing} aria-label={`${t('privacy.notices.newVersion')}: ${name}`}>
          {t('privacy.notices.newVersion')}
        </Button>
      </div>
      {current ? (
        <div className="grid gap-2 sm:grid-cols-2">
          <p className="break-words text-gray-800">{current.textEn}</p>
          <p className="break-words text-gray-800" lang="hi">
            {current.textHi}
          </p>
        </div>
      ) : (
        <p className="text-gray-600">{t('privacy.notices.none')}</p>
      )}
      {editing && (
        <form onSubmit={submit} className="space-y-2" noValidate>
          <Field label={t('privacy.notices.textEn')}>
            {(p) => <Textarea {...p} rows={3} maxLength={4000} value={textEn} onChange={(e) => setTextEn(e.target.value)} />}
          </Field>
          <Field label={t('privacy.notices.textHi')}>
            {(p) => <Textarea {...p} lang="hi" rows={3} maxLength={4000} value={textHi} onChange={(e) => setTextHi(e.target.value)} />}
          </Field>
          {(short || publish.error) && <Alert>{short ? t('privacy.notices.tooShort') : publish.error?.message}</Alert>}
          <Button type="submit" size="sm" variant="primary" disabled={publish.isPending}>
            {t('privacy.notices.publish')}
          </Button>
        </form>
      )}
    </li>
  );
}
