import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../../components/ui/Button';
import { Field } from '../../../../components/ui/Field';
import { Input, Textarea } from '../../../../components/ui/Input';
import { emptyStage, type StageForm } from '../campaignForm';
import { Section, type SectionProps } from './Section';

const MAX_STAGES = 20;

/** The call script, stage by stage, in English and (optionally) Hindi: agents step through it on the call. */
export function ScriptSection({ form, set, err }: SectionProps) {
  const { t } = useTranslation();
  const stages = form.script;
  const put = (i: number, patch: Partial<StageForm>) =>
    set(
      'script',
      stages.map((s, j) => (j === i ? { ...s, ...patch } : s)),
    );
  const move = (i: number, by: -1 | 1) => {
    const next = [...stages];
    const [s] = next.splice(i, 1);
    if (s) next.splice(i + by, 0, s);
    set('script', next);
  };

  return (
    <Section id="campaign-script" title={t('campaigns.script.title')} hint={t('campaigns.script.hint')}>
      {stages.length === 0 && <p className="text-sm text-gray-600">{t('campaigns.script.empty')}</p>}
      <ol className="space-y-4">
        {stages.map((s, i) => {
          const n = i + 1;
          return (
            <li key={s.uid} className="rounded-md p-3 ring-1 ring-gray-200" aria-label={t('campaigns.script.stage', { n })}>
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm font-semibold text-gray-900">{t('campaigns.script.stage', { n })}</p>
                <div className="flex gap-1">
                  <Button size="sm" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('campaigns.script.up', { n })}>
                    <ArrowUp aria-hidden className="size-4" />
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => move(i, 1)}
                    disabled={i === stages.length - 1}
                    aria-label={t('campaigns.script.down', { n })}
                  >
                    <ArrowDown aria-hidden className="size-4" />
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() =>
                      set(
                        'script',
                        stages.filter((_, j) => j !== i),
                      )
                    }
                    aria-label={t('campaigns.script.remove', { n })}
                  >
                    <Trash2 aria-hidden className="size-4 text-red-600" />
                  </Button>
                </div>
              </div>
              <div className="space-y-3">
                <Field label={t('campaigns.script.key')} hint={t('campaigns.script.keyHint')} error={err(`script.${i}.key`)}>
                  {(p) => (
                    <Input {...p} value={s.key} onChange={(e) => put(i, { key: e.target.value })} autoComplete="off" spellCheck={false} className="font-mono" />
                  )}
                </Field>
                <div className="grid gap-3 md:grid-cols-2">
                  <Field label={t('campaigns.script.titleEn')} error={err(`script.${i}.title`)}>
                    {(p) => <Input {...p} lang="en" value={s.title} onChange={(e) => put(i, { title: e.target.value })} maxLength={80} />}
                  </Field>
                  <Field label={t('campaigns.script.titleHi')} optional={t('common.optional')} error={err(`script.${i}.titleHi`)}>
                    {(p) => <Input {...p} lang="hi" value={s.titleHi} onChange={(e) => put(i, { titleHi: e.target.value })} maxLength={80} />}
                  </Field>
                  <Field label={t('campaigns.script.textEn')} error={err(`script.${i}.text`)}>
                    {(p) => <Textarea {...p} lang="en" rows={4} value={s.text} onChange={(e) => put(i, { text: e.target.value })} maxLength={2000} />}
                  </Field>
                  <Field label={t('campaigns.script.textHi')} optional={t('common.optional')} error={err(`script.${i}.textHi`)}>
                    {(p) => <Textarea {...p} lang="hi" rows={4} value={s.textHi} onChange={(e) => put(i, { textHi: e.target.value })} maxLength={2000} />}
                  </Field>
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <Button onClick={() => set('script', [...stages, emptyStage(stages)])} disabled={stages.length >= MAX_STAGES}>
        <Plus aria-hidden className="size-4" />
        {t('campaigns.script.add')}
      </Button>
    </Section>
  );
}
