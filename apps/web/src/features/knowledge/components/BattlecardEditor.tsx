import type { Battlecard, ObjectionType } from '@telehub/shared';
import { Tabs } from 'radix-ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useDeleteBattlecard, usePutBattlecard } from '../hooks/useKnowledge';

const tabClass =
  'relative -mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-gray-600 hover:text-gray-900 data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700';

type Texts = { title: string; body: string; reply: string };
const LANGS = ['en', 'hi'] as const;
type Lang = (typeof LANGS)[number];

const textsOf = (card: Battlecard | undefined, lang: Lang): Texts => ({
  title: card?.title[lang] ?? '',
  body: card?.body[lang] ?? '',
  reply: card?.suggestedReply?.[lang] ?? '',
});

/**
 * Writes the card of one objection for the default or one campaign, in English (required) and
 * Hindi (optional), each on its own tab.
 */
export function BattlecardEditor({
  open,
  onOpenChange,
  objection,
  campaign,
  card,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  objection: ObjectionType;
  /** null: the default card. */
  campaign: { id: string; name: string } | null;
  card?: Battlecard;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const put = usePutBattlecard();
  const remove = useDeleteBattlecard();
  const [tab, setTab] = useState<Lang>('en');
  const [texts, setTexts] = useState<Record<Lang, Texts>>({ en: textsOf(card, 'en'), hi: textsOf(card, 'hi') });
  const [missingEnglish, setMissingEnglish] = useState(false);
  const set = (lang: Lang, field: keyof Texts, value: string) => setTexts((prev) => ({ ...prev, [lang]: { ...prev[lang], [field]: value } }));
  const label = t(`battlecards.objections.${objection}`);

  function submit(e: FormEvent) {
    e.preventDefault();
    const { en, hi } = texts;
    if (!en.title.trim() || !en.body.trim()) {
      setMissingEnglish(true);
      setTab('en');
      return;
    }
    setMissingEnglish(false);
    const text = (v: string) => v.trim() || null;
    put.mutate(
      {
        campaignId: campaign?.id ?? null,
        objection,
        title: { en: en.title.trim(), hi: text(hi.title) },
        body: { en: en.body.trim(), hi: text(hi.body) },
        suggestedReply: en.reply.trim() ? { en: en.reply.trim(), hi: text(hi.reply) } : null,
      },
      { onSuccess: () => onOpenChange(false) },
    );
  }

  const fields = (lang: Lang) => (
    <div className="space-y-4" lang={lang}>
      {lang === 'hi' && <p className="text-xs text-gray-600">{t('battlecards.editor.hindiHint')}</p>}
      <Field label={t('battlecards.editor.title')}>
        {(p) => <Input {...p} maxLength={200} required={lang === 'en'} value={texts[lang].title} onChange={(e) => set(lang, 'title', e.target.value)} />}
      </Field>
      <Field label={t('battlecards.editor.body')}>
        {(p) => (
          <Textarea {...p} rows={6} maxLength={4000} required={lang === 'en'} value={texts[lang].body} onChange={(e) => set(lang, 'body', e.target.value)} />
        )}
      </Field>
      <Field label={t('battlecards.editor.reply')} hint={t('battlecards.editor.replyHint')}>
        {(p) => <Textarea {...p} rows={3} maxLength={1000} value={texts[lang].reply} onChange={(e) => set(lang, 'reply', e.target.value)} />}
      </Field>
    </div>
  );

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      className="max-w-2xl"
      title={card ? t('battlecards.editor.titleEdit', { objection: label }) : t('battlecards.editor.titleNew', { objection: label })}
      description={campaign ? t('battlecards.editor.forCampaign', { campaign: campaign.name }) : t('battlecards.editor.forDefault')}
    >
      <form onSubmit={submit} noValidate>
        <Tabs.Root value={tab} onValueChange={(v) => setTab(v === 'hi' ? 'hi' : 'en')}>
          <Tabs.List aria-label={t('battlecards.editor.languages')} className="mb-4 flex gap-1 border-b border-gray-200">
            {LANGS.map((l) => (
              <Tabs.Trigger key={l} value={l} className={tabClass}>
                {t(l === 'en' ? 'battlecards.editor.english' : 'battlecards.editor.hindi')}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {LANGS.map((l) => (
            <Tabs.Content key={l} value={l}>
              {fields(l)}
            </Tabs.Content>
          ))}
        </Tabs.Root>
        {missingEnglish && <Alert className="mt-4">{t('battlecards.editor.englishRequired')}</Alert>}
        {put.isError && <Alert className="mt-4">{message(put.error)}</Alert>}
        {remove.isError && <Alert className="mt-4">{message(remove.error)}</Alert>}
        <DialogActions>
          {card && (
            <Button
              variant="ghost"
              className="text-red-700 sm:mr-auto"
              disabled={remove.isPending}
              onClick={() => remove.mutate(card.id, { onSuccess: () => onOpenChange(false) })}
            >
              {campaign ? t('battlecards.editor.removeCampaign') : t('battlecards.editor.remove')}
            </Button>
          )}
          <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={put.isPending}>
            {put.isPending ? t('common.saving') : t('battlecards.editor.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
