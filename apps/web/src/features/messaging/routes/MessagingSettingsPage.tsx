import { EMAIL_TEMPLATE_CATEGORIES, EMAIL_TEMPLATE_LANGUAGES, type EmailTemplate, EmailTemplateBody } from '@telehub/shared';
import { Mail, MessageCircle, RefreshCw } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, languageName } from '../../../lib/format';
import { useMessagingTemplates, useRemoveEmailTemplate, useSaveEmailTemplate, useSyncTemplates } from '../hooks/useMessaging';

/** Settings › Messaging: WhatsApp's state and approved templates (sync now), and the email templates admins write. */
export function MessagingSettingsPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const templates = useMessagingTemplates();
  const sync = useSyncTemplates();
  const remove = useRemoveEmailTemplate();
  const [editing, setEditing] = useState<EmailTemplate | 'new' | null>(null);
  return (
    <>
      <PageHeader title={t('messaging.settings.title')} subtitle={t('messaging.settings.subtitle')} documentTitle={t('messaging.settings.title')} />
      {templates.isPending ? (
        <Skeleton className="h-64" />
      ) : templates.isError ? (
        <ErrorState title={t('messaging.templatesError')} error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <div className="space-y-5">
          <section aria-labelledby="wa-title" className="rounded-lg border border-gray-200 bg-white">
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
              <h2 id="wa-title" className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                <MessageCircle aria-hidden className="size-4" />
                {t('messaging.settings.whatsapp')}
              </h2>
              {templates.data.whatsapp.configured && (
                <Button size="sm" onClick={() => sync.mutate()} disabled={sync.isPending}>
                  {sync.isPending ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
                  {t('messaging.settings.sync')}
                </Button>
              )}
            </div>
            <div className="space-y-3 p-4">
              {templates.data.whatsapp.configured ? (
                <p className="text-sm text-emerald-800" data-testid="whatsapp-state">
                  {t('messaging.settings.configured')}
                  {templates.data.whatsapp.lastSyncedAt &&
                    ` · ${t('messaging.settings.lastSync', { when: formatDateTime(templates.data.whatsapp.lastSyncedAt, lng) })}`}
                </p>
              ) : (
                <Alert tone="info">{t('messaging.settings.whatsappOff')}</Alert>
              )}
              {sync.isError && <Alert>{message(sync.error)}</Alert>}
              {sync.isSuccess && <Alert tone="info">{t('messaging.settings.synced', { count: sync.data.approved })}</Alert>}
              {templates.data.whatsapp.items.length > 0 && (
                <div className="overflow-x-auto">
                  <table className="w-full text-left text-sm">
                    <thead className="text-xs text-gray-600">
                      <tr>
                        <th className="py-2 pr-3 font-medium">{t('messaging.settings.name')}</th>
                        <th className="py-2 pr-3 font-medium">{t('messaging.settings.language')}</th>
                        <th className="py-2 pr-3 font-medium">{t('messaging.settings.category')}</th>
                        <th className="py-2 font-medium">{t('messaging.settings.variables')}</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-gray-100">
                      {templates.data.whatsapp.items.map((w) => (
                        <tr key={`${w.name}|${w.language}`}>
                          <td className="py-2 pr-3">
                            <span className="font-medium text-gray-900">{w.name}</span>
                            <p className="max-w-md text-xs text-gray-600 [overflow-wrap:anywhere]">{w.bodyText}</p>
                          </td>
                          <td className="py-2 pr-3">{languageName(w.language.split('_')[0] ?? w.language, lng)}</td>
                          <td className="py-2 pr-3">{w.category.toLowerCase()}</td>
                          <td className="py-2">{w.variableCount}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          </section>

          <section aria-labelledby="email-title" className="rounded-lg border border-gray-200 bg-white">
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
              <h2 id="email-title" className="flex items-center gap-2 text-sm font-semibold text-gray-900">
                <Mail aria-hidden className="size-4" />
                {t('messaging.settings.email')}
              </h2>
              <Button size="sm" variant="primary" onClick={() => setEditing('new')}>
                {t('messaging.settings.newTemplate')}
              </Button>
            </div>
            <div className="space-y-3 p-4">
              {!templates.data.email.configured && <Alert tone="info">{t('messaging.notConfigured.email')}</Alert>}
              {remove.isError && <Alert>{message(remove.error)}</Alert>}
              {templates.data.email.items.length === 0 ? (
                <EmptyState icon={Mail} title={t('messaging.settings.noEmailTemplates')} body={t('messaging.settings.noEmailTemplatesBody')} />
              ) : (
                <ul className="divide-y divide-gray-100">
                  {templates.data.email.items.map((e) => (
                    <li key={e.id} className="flex flex-wrap items-start justify-between gap-2 py-2">
                      <div className="min-w-0">
                        <p className="text-sm font-medium text-gray-900">
                          {e.name} · {languageName(e.language, lng)} · {t(`messaging.settings.categories.${e.category}`)}
                        </p>
                        <p className="text-xs text-gray-600 [overflow-wrap:anywhere]">{e.subject}</p>
                      </div>
                      <div className="flex gap-2">
                        <Button size="sm" onClick={() => setEditing(e)} aria-label={t('messaging.settings.editOf', { name: `${e.name} (${e.language})` })}>
                          {t('common.edit')}
                        </Button>
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => window.confirm(t('messaging.settings.confirmDelete', { name: e.name })) && remove.mutate(e.id)}
                          aria-label={t('messaging.settings.deleteOf', { name: `${e.name} (${e.language})` })}
                        >
                          {t('messaging.settings.delete')}
                        </Button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </section>
        </div>
      )}
      {editing && <EmailTemplateDialog template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function EmailTemplateDialog({ template, onClose }: { template: EmailTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const save = useSaveEmailTemplate();
  const [form, setForm] = useState({
    name: template?.name ?? '',
    language: template?.language ?? 'en',
    category: template?.category ?? 'transactional',
    subject: template?.subject ?? '',
    body: template?.body ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = EmailTemplateBody.safeParse(form);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setErrors({});
    save.mutate({ id: template?.id ?? null, body: parsed.data }, { onSuccess: onClose });
  }

  return (
    <Dialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={template ? t('messaging.settings.editTitle') : t('messaging.settings.newTitle')}
      description={t('messaging.settings.variablesHint', { first: '{{name}}', second: '{{course}}' })}
    >
      <form onSubmit={onSubmit} className="space-y-3" noValidate>
        <Field label={t('messaging.settings.name')} error={errors.name} hint={t('messaging.settings.nameHint')}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label={t('messaging.settings.language')}>
            {(p) => (
              <Select
                {...p}
                value={form.language}
                onValueChange={(v) => setForm({ ...form, language: v === 'hi' ? 'hi' : 'en' })}
                options={EMAIL_TEMPLATE_LANGUAGES.map((l) => ({ value: l, label: languageName(l, lng) }))}
              />
            )}
          </Field>
          <Field label={t('messaging.settings.category')}>
            {(p) => (
              <Select
                {...p}
                value={form.category}
                onValueChange={(v) => setForm({ ...form, category: v === 'marketing' ? 'marketing' : 'transactional' })}
                options={EMAIL_TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`messaging.settings.categories.${c}`) }))}
              />
            )}
          </Field>
        </div>
        <Field label={t('messaging.settings.subject')} error={errors.subject}>
          {(p) => <Input {...p} value={form.subject} maxLength={200} onChange={(e) => setForm({ ...form, subject: e.target.value })} />}
        </Field>
        <Field label={t('messaging.settings.body')} error={errors.body}>
          {(p) => <Textarea {...p} rows={8} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />}
        </Field>
        {save.isError && <Alert>{message(save.error)}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
