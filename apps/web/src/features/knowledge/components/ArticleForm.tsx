import { ARTICLE_BODY_MAX, ARTICLE_TITLE_MAX, KNOWLEDGE_LANGUAGES, type KnowledgeArticle, type KnowledgeLanguage } from '@telehub/shared';
import { Tabs } from 'radix-ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { SwitchRow } from '../../../components/ui/SwitchRow';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useCampaignNames } from '../hooks/useCampaignNames';
import { useDeleteArticle, useSaveArticle } from '../hooks/useKnowledge';
import { useWideScreen } from '../hooks/useWideScreen';
import { Markdown } from './Markdown';

const tabClass =
  'relative -mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 hover:text-gray-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  ),
];

/** Writes a new article or edits one: fields, the Markdown beside its preview (tabs on narrow screens), save and delete. */
export function ArticleForm({ article }: { article?: KnowledgeArticle }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const message = useErrorMessage();
  const { campaigns } = useCampaignNames();
  const save = useSaveArticle();
  const remove = useDeleteArticle();
  const [title, setTitle] = useState(article?.title ?? '');
  const [language, setLanguage] = useState<KnowledgeLanguage>(article?.language ?? 'en');
  const [campaignId, setCampaignId] = useState<string | null>(article?.campaignId ?? null);
  const [tags, setTags] = useState(article?.tags.join(', ') ?? '');
  const [active, setActive] = useState(article?.active ?? true);
  const [body, setBody] = useState(article?.body ?? '');
  const [tab, setTab] = useState('write');
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);
  const wide = useWideScreen();

  const fieldError = (field: string) => (isApiError(save.error) ? save.error.detailFor(field) : undefined);

  function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const values = { title: title.trim(), body, language, tags: splitTags(tags), campaignId, active };
    save.mutate(article ? { id: article.id, update: values } : { create: values }, {
      onSuccess: (a) => {
        setSaved(true);
        if (!article) void navigate(`../${a.id}`, { relative: 'path', replace: true });
      },
    });
  }

  const editor = (
    <Field label={t('knowledge.editor.body')} hint={t('knowledge.editor.bodyHint')} error={fieldError('body')}>
      {(p) => (
        <Textarea
          {...p}
          lang={language}
          required
          maxLength={ARTICLE_BODY_MAX}
          rows={18}
          className="font-mono text-[13px]"
          value={body}
          onChange={(e) => setBody(e.target.value)}
        />
      )}
    </Field>
  );
  const preview = (
    <div className="min-h-40 rounded-md bg-white p-4 ring-1 ring-gray-200" lang={language}>
      {body.trim() ? <Markdown source={body} /> : <p className="text-sm text-gray-500">{t('knowledge.editor.previewEmpty')}</p>}
    </div>
  );

  return (
    <form onSubmit={submit} className="space-y-5 rounded-lg border border-gray-200 bg-white p-4 shadow-xs sm:p-6">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('knowledge.editor.title')} error={fieldError('title')} className="sm:col-span-2">
          {(p) => <Input {...p} lang={language} required maxLength={ARTICLE_TITLE_MAX} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label={t('knowledge.editor.language')}>
          {(p) => (
            <Select
              {...p}
              value={language}
              onValueChange={(v) => setLanguage(v === 'hi' ? 'hi' : 'en')}
              options={KNOWLEDGE_LANGUAGES.map((l) => ({ value: l, label: t(`knowledge.languages.${l}`) }))}
            />
          )}
        </Field>
        <Field label={t('knowledge.editor.campaign')} hint={t('knowledge.editor.campaignHint')} error={fieldError('campaignId')}>
          {(p) => (
            <Select
              {...p}
              value={campaignId ?? NONE}
              onValueChange={(v) => setCampaignId(v === NONE ? null : v)}
              options={[{ value: NONE, label: t('knowledge.allCampaigns') }, ...campaigns.map((c) => ({ value: c.id, label: c.name }))]}
            />
          )}
        </Field>
        <Field label={t('knowledge.editor.tags')} hint={t('knowledge.editor.tagsHint')} optional={t('common.optional')} error={fieldError('tags')}>
          {(p) => <Input {...p} value={tags} onChange={(e) => setTags(e.target.value)} />}
        </Field>
        <div className="sm:pt-6">
          <SwitchRow label={t('knowledge.editor.active')} hint={t('knowledge.editor.activeHint')} checked={active} onCheckedChange={setActive} />
        </div>
      </div>

      {wide ? (
        <div className="grid grid-cols-2 gap-4">
          {editor}
          <div className="space-y-1.5">
            <p className="text-sm font-medium text-gray-800">{t('knowledge.editor.preview')}</p>
            {preview}
          </div>
        </div>
      ) : (
        <Tabs.Root value={tab} onValueChange={setTab}>
          <Tabs.List aria-label={t('knowledge.editor.body')} className="mb-3 flex gap-1 border-b border-gray-200">
            <Tabs.Trigger value="write" className={tabClass}>
              {t('knowledge.editor.write')}
            </Tabs.Trigger>
            <Tabs.Trigger value="preview" className={tabClass}>
              {t('knowledge.editor.preview')}
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="write">{editor}</Tabs.Content>
          <Tabs.Content value="preview">{preview}</Tabs.Content>
        </Tabs.Root>
      )}

      {save.isError && !fieldError('title') && !fieldError('body') && <Alert>{message(save.error)}</Alert>}
      {saved && (
        <p role="status" className="text-sm text-green-700">
          {t('knowledge.editor.saved')}
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 border-t border-gray-100 pt-4 sm:flex-row sm:justify-between">
        {article ? (
          <Button variant="ghost" className="text-red-700" onClick={() => setConfirming(true)}>
            {t('knowledge.editor.delete')}
          </Button>
        ) : (
          <span />
        )}
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : t('knowledge.editor.save')}
        </Button>
      </div>

      {article && (
        <Dialog
          open={confirming}
          onOpenChange={setConfirming}
          title={t('knowledge.editor.deleteTitle')}
          description={t('knowledge.editor.deleteBody', { title: article.title })}
        >
          {remove.isError && <Alert>{message(remove.error)}</Alert>}
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
            <Button
              variant="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(article.id, { onSuccess: () => void navigate('..', { relative: 'path' }) })}
            >
              {t('knowledge.editor.deleteConfirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </form>
  );
}
