import { QA_CHECK_KINDS, type QaCheckKind, type Scorecard } from '@telehub/shared';
import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { SwitchRow } from '../../../components/ui/SwitchRow';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useCampaigns } from '../../campaigns';
import { useSaveScorecard } from '../hooks/useQa';
import { CheckFields } from './CheckFields';
import { type Draft, type DraftQuestion, defaultCheck, draftOf, emptyDraft, emptyQuestion, emptySection, inputOf, keyFrom, keysOf } from './scorecardDraft';

/** Writes a scorecard: its name and campaign, sections of weighted questions, each with how it is checked. */
export function ScorecardForm({ card, onSaved }: { card: Scorecard | null; onSaved: (card: Scorecard) => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const save = useSaveScorecard();
  const campaigns = useCampaigns();
  const [draft, setDraft] = useState<Draft>(() => (card ? draftOf(card) : emptyDraft()));
  const edit = (f: (d: Draft) => void) =>
    setDraft((prev) => {
      const next = structuredClone(prev);
      f(next);
      return next;
    });
  const editQuestion = (si: number, qi: number, f: (q: DraftQuestion) => void) =>
    edit((d) => {
      const q = d.sections[si]?.questions[qi];
      if (q) f(q);
    });

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate({ id: card?.id ?? null, body: inputOf(draft) }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} className="space-y-6">
      <div className="grid gap-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200 sm:grid-cols-2">
        <Field label={t('qa.editor.name')}>
          {(p) => (
            <Input
              {...p}
              required
              maxLength={120}
              value={draft.name}
              onChange={(e) =>
                edit((d) => {
                  d.name = e.target.value;
                })
              }
            />
          )}
        </Field>
        <Field label={t('qa.editor.campaign')}>
          {(p) => (
            <Select
              {...p}
              value={draft.campaignId ?? NONE}
              onValueChange={(v) =>
                edit((d) => {
                  d.campaignId = v === NONE ? null : v;
                })
              }
              options={[{ value: NONE, label: t('qa.editor.campaignDefault') }, ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))]}
            />
          )}
        </Field>
        <Field label={t('qa.editor.description')} optional={t('qa.editor.optional')} className="sm:col-span-2">
          {(p) => (
            <Textarea
              {...p}
              rows={2}
              maxLength={2000}
              value={draft.description}
              onChange={(e) =>
                edit((d) => {
                  d.description = e.target.value;
                })
              }
            />
          )}
        </Field>
        <div className="sm:col-span-2">
          <SwitchRow
            label={t('qa.editor.active')}
            hint={t('qa.editor.activeHint')}
            checked={draft.active}
            onCheckedChange={(v) =>
              edit((d) => {
                d.active = v;
              })
            }
          />
        </div>
      </div>

      {draft.sections.map((s, si) => (
        <fieldset key={s.uid} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
          <legend className="px-1 text-sm font-semibold text-gray-900">{t('qa.editor.section', { n: si + 1 })}</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={t('qa.editor.sectionTitle')}>
              {(p) => (
                <Input
                  {...p}
                  required
                  maxLength={120}
                  value={s.title}
                  onChange={(e) =>
                    edit((d) => {
                      (d.sections[si] as typeof s).title = e.target.value;
                    })
                  }
                />
              )}
            </Field>
            <Field label={t('qa.editor.sectionTitleHi')} optional={t('qa.editor.optional')}>
              {(p) => (
                <Input
                  {...p}
                  lang="hi"
                  maxLength={120}
                  value={s.titleHi ?? ''}
                  onChange={(e) =>
                    edit((d) => {
                      (d.sections[si] as typeof s).titleHi = e.target.value;
                    })
                  }
                />
              )}
            </Field>
          </div>
          {s.questions.map((q, qi) => (
            <div key={q.uid} className="space-y-3 rounded-md border border-gray-200 p-3">
              <div className="flex items-center justify-between gap-2">
                <p className="text-sm font-medium text-gray-900">{t('qa.editor.question', { n: qi + 1 })}</p>
                <Button
                  type="button"
                  size="sm"
                  variant="ghost"
                  disabled={s.questions.length === 1}
                  onClick={() =>
                    edit((d) => {
                      d.sections[si]?.questions.splice(qi, 1);
                    })
                  }
                >
                  <Trash2 aria-hidden className="size-4" />
                  {t('qa.editor.removeQuestion')}
                </Button>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field label={t('qa.editor.questionText')}>
                  {(p) => (
                    <Input
                      {...p}
                      required
                      maxLength={300}
                      value={q.text}
                      onChange={(e) =>
                        editQuestion(si, qi, (x) => {
                          // A new question's key follows its words until saved once.
                          const taken = keysOf(draft);
                          taken.delete(x.key);
                          if (!card || !card.sections.some((cs) => cs.questions.some((cq) => cq.key === x.key))) x.key = keyFrom(e.target.value, taken);
                          x.text = e.target.value;
                        })
                      }
                    />
                  )}
                </Field>
                <Field label={t('qa.editor.questionTextHi')} optional={t('qa.editor.optional')}>
                  {(p) => (
                    <Input
                      {...p}
                      lang="hi"
                      maxLength={300}
                      value={q.textHi ?? ''}
                      onChange={(e) =>
                        editQuestion(si, qi, (x) => {
                          x.textHi = e.target.value;
                        })
                      }
                    />
                  )}
                </Field>
                <Field label={t('qa.editor.key')} hint={t('qa.editor.keyHint')}>
                  {(p) => (
                    <Input
                      {...p}
                      required
                      pattern="[a-z0-9][a-z0-9_\-]{0,39}"
                      value={q.key}
                      onChange={(e) =>
                        editQuestion(si, qi, (x) => {
                          x.key = e.target.value.toLowerCase();
                        })
                      }
                    />
                  )}
                </Field>
                <Field label={t('qa.editor.weight')}>
                  {(p) => (
                    <Input
                      {...p}
                      type="number"
                      min={1}
                      max={10}
                      value={q.weight}
                      onChange={(e) =>
                        editQuestion(si, qi, (x) => {
                          x.weight = Math.round(Number(e.target.value)) || 1;
                        })
                      }
                    />
                  )}
                </Field>
                <Field label={t('qa.editor.check')} className="sm:col-span-2">
                  {(p) => (
                    <Select
                      {...p}
                      value={q.check.kind}
                      onValueChange={(v) =>
                        editQuestion(si, qi, (x) => {
                          x.check = defaultCheck(v as QaCheckKind);
                        })
                      }
                      options={QA_CHECK_KINDS.map((k) => ({ value: k, label: t(`qa.kinds.${k}`) }))}
                    />
                  )}
                </Field>
              </div>
              <CheckFields
                key={`${q.key}-${q.check.kind}`}
                check={q.check}
                onChange={(c) =>
                  editQuestion(si, qi, (x) => {
                    x.check = c;
                  })
                }
              />
            </div>
          ))}
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              size="sm"
              onClick={() =>
                edit((d) => {
                  d.sections[si]?.questions.push(emptyQuestion(keysOf(d)));
                })
              }
            >
              <Plus aria-hidden className="size-4" />
              {t('qa.editor.addQuestion')}
            </Button>
            <Button
              type="button"
              size="sm"
              variant="ghost"
              disabled={draft.sections.length === 1}
              onClick={() =>
                edit((d) => {
                  d.sections.splice(si, 1);
                })
              }
            >
              <Trash2 aria-hidden className="size-4" />
              {t('qa.editor.removeSection')}
            </Button>
          </div>
        </fieldset>
      ))}
      <Button
        type="button"
        onClick={() =>
          edit((d) => {
            d.sections.push(emptySection(keysOf(d)));
          })
        }
      >
        <Plus aria-hidden className="size-4" />
        {t('qa.editor.addSection')}
      </Button>

      {save.isError && <Alert>{message(save.error)}</Alert>}
      {card && <p className="text-xs text-gray-600">{t('qa.editor.versionNote', { next: card.version + 1 })}</p>}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? t('qa.editor.saving') : t('qa.editor.save')}
        </Button>
      </div>
    </form>
  );
}
