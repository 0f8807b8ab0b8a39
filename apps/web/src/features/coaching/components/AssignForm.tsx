import type { SkillMatrix } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input, Textarea } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useAssignItem } from '../hooks/useCoaching';
import { useSkillLabel } from '../hooks/useSkillLabel';

const CODED_FIELDS = { COACHING_SKILL_UNKNOWN: 'skill', COACHING_AGENT_NOT_FOUND: 'agentId' } as const;
type CodedError = keyof typeof CODED_FIELDS;
const isCoded = (code: string): code is CodedError => Object.hasOwn(CODED_FIELDS, code);

/** A manager assigns a skill to one of their telecallers; the server's word on what is wrong shows beside the field. */
export function AssignForm({ matrix }: { matrix: SkillMatrix }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const label = useSkillLabel();
  const assign = useAssignItem();
  const [agentId, setAgentId] = useState('');
  const [skill, setSkill] = useState('');
  const [note, setNote] = useState('');
  const [after, setAfter] = useState('10');
  const [missing, setMissing] = useState<{ agentId?: boolean; skill?: boolean }>({});
  const [done, setDone] = useState<string | null>(null);

  const err = assign.error;
  const coded = isApiError(err) && isCoded(err.code) ? err.code : null;
  const fieldError = (field: 'agentId' | 'skill' | 'note' | 'measureAfterCalls'): string | undefined => {
    if (coded && CODED_FIELDS[coded] === field) return t(`coaching.assign.errors.${coded}`);
    return isApiError(err) ? err.detailFor(field) : undefined;
  };
  const shownInFields = coded !== null || (isApiError(err) && err.details.some((d) => ['agentId', 'skill', 'note', 'measureAfterCalls'].includes(d.path)));

  function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const gaps = { agentId: agentId === '', skill: skill === '' };
    setMissing(gaps);
    if (gaps.agentId || gaps.skill) return;
    const n = after.trim() === '' ? undefined : Number(after);
    const name = matrix.agents.find((a) => a.id === agentId)?.name ?? '';
    assign.mutate(
      { agentId, skill, note: note.trim() === '' ? null : note.trim(), measureAfterCalls: n },
      {
        onSuccess: () => {
          setDone(t('coaching.assign.done', { name }));
          setNote('');
          setSkill('');
        },
      },
    );
  }

  if (matrix.agents.length === 0) return <p className="px-4 py-5 text-sm text-gray-600">{t('coaching.assign.noAgents')}</p>;
  return (
    <form onSubmit={submit} noValidate className="space-y-4 px-4 py-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('coaching.assign.agent')} error={missing.agentId ? t('coaching.assign.chooseAgent') : fieldError('agentId')}>
          {(p) => (
            <Select
              {...p}
              value={agentId}
              placeholder={t('coaching.assign.agentPlaceholder')}
              onValueChange={(v) => {
                setAgentId(v);
                setMissing((m) => ({ ...m, agentId: false }));
              }}
              options={matrix.agents.map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
        </Field>
        <Field label={t('coaching.assign.skill')} error={missing.skill ? t('coaching.assign.chooseSkill') : fieldError('skill')}>
          {(p) => (
            <Select
              {...p}
              value={skill}
              placeholder={t('coaching.assign.skillPlaceholder')}
              onValueChange={(v) => {
                setSkill(v);
                setMissing((m) => ({ ...m, skill: false }));
              }}
              options={matrix.skills.map((s) => ({ value: s.key, label: label(s) }))}
            />
          )}
        </Field>
      </div>
      <Field label={t('coaching.assign.note')} optional={t('common.optional')} error={fieldError('note')}>
        {(p) => <Textarea {...p} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <Field label={t('coaching.assign.measureAfter')} hint={t('coaching.assign.measureAfterHint')} error={fieldError('measureAfterCalls')}>
        {(p) => <Input {...p} type="number" inputMode="numeric" className="w-28" value={after} onChange={(e) => setAfter(e.target.value)} />}
      </Field>
      {assign.isError && !shownInFields && <Alert>{message(assign.error)}</Alert>}
      {done && (
        <p role="status" className="text-sm text-green-700">
          {done}
        </p>
      )}
      <Button type="submit" variant="primary" disabled={assign.isPending}>
        {assign.isPending ? t('coaching.assign.submitting') : t('coaching.assign.submit')}
      </Button>
    </form>
  );
}
