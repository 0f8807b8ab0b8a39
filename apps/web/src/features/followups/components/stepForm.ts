/**
 * The step editor's form: text fields as typed, turned into a rule's steps with every problem
 * named by its place (steps.0.template), as the server names them.
 */
import type { FOLLOWUP_UNITS, FollowupStep, FollowupVariableSource } from '@telehub/shared';

export type VariableForm = { key: string; source: FollowupVariableSource; value: string };
export type StepForm = {
  channel: 'whatsapp' | 'email';
  template: string;
  timing: 'now' | 'after' | 'before_callback';
  amount: string;
  unit: (typeof FOLLOWUP_UNITS)[number];
  hours: string;
  variables: VariableForm[];
};

export const newStep = (): StepForm => ({ channel: 'whatsapp', template: '', timing: 'now', amount: '1', unit: 'days', hours: '24', variables: [] });

export function toStepForm(s: FollowupStep): StepForm {
  return {
    channel: s.channel,
    template: s.template,
    timing: s.timing.kind,
    amount: s.timing.kind === 'after' ? String(s.timing.amount) : '1',
    unit: s.timing.kind === 'after' ? s.timing.unit : 'days',
    hours: s.timing.kind === 'before_callback' ? String(s.timing.hours) : '24',
    variables: s.variables.map((v) => ({ key: v.key, source: v.source, value: v.value ?? '' })),
  };
}

const whole = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;
export const needsValue = (source: FollowupVariableSource) => source === 'lead.field' || source === 'text';

export type StepProblem = 'templateRequired' | 'amountRange' | 'hoursRange' | 'variableKeyInvalid' | 'variableValueRequired';

/** Problems by path: `steps.0.template`, `steps.1.variables.0.key`. */
export function stepProblems(steps: StepForm[]): Record<string, StepProblem> {
  const out: Record<string, StepProblem> = {};
  steps.forEach((s, i) => {
    if (!s.template.trim()) out[`steps.${i}.template`] = 'templateRequired';
    if (s.timing === 'after' && !whole(s.amount, 1, 1000)) out[`steps.${i}.timing`] = 'amountRange';
    if (s.timing === 'before_callback' && !whole(s.hours, 1, 336)) out[`steps.${i}.timing`] = 'hoursRange';
    s.variables.forEach((v, j) => {
      if (!/^[A-Za-z0-9_]{1,40}$/.test(v.key.trim())) out[`steps.${i}.variables.${j}.key`] = 'variableKeyInvalid';
      if (needsValue(v.source) && !v.value.trim()) out[`steps.${i}.variables.${j}.value`] = 'variableValueRequired';
    });
  });
  return out;
}

export function toSteps(steps: StepForm[]): FollowupStep[] {
  return steps.map((s) => ({
    channel: s.channel,
    template: s.template.trim(),
    variables: s.variables.map((v) => ({ key: v.key.trim(), source: v.source, ...(needsValue(v.source) ? { value: v.value.trim() } : {}) })),
    timing:
      s.timing === 'now'
        ? { kind: 'now' as const }
        : s.timing === 'after'
          ? { kind: 'after' as const, amount: Number(s.amount), unit: s.unit }
          : { kind: 'before_callback' as const, hours: Number(s.hours) },
  }));
}
