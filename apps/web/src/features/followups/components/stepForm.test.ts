import { FollowupStep } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { newStep, stepProblems, toStepForm, toSteps } from './stepForm';

describe('the step editor’s form', () => {
  it('names each problem by its place, as the server does', () => {
    const steps = [
      { ...newStep(), template: ' ', timing: 'after' as const, amount: '0' },
      { ...newStep(), template: 'brochure', timing: 'before_callback' as const, hours: '24', variables: [{ key: 'a b', source: 'text' as const, value: '' }] },
    ];
    expect(stepProblems(steps)).toEqual({
      'steps.0.template': 'templateRequired',
      'steps.0.timing': 'amountRange',
      'steps.1.variables.0.key': 'variableKeyInvalid',
      'steps.1.variables.0.value': 'variableValueRequired',
    });
  });

  it('becomes steps the server accepts, and reads back the same', () => {
    const form = [
      { ...newStep(), template: ' brochure ', variables: [{ key: '1', source: 'lead.first_name' as const, value: 'ignored' }] },
      { ...newStep(), channel: 'email' as const, template: 'prospectus', timing: 'after' as const, amount: '3', unit: 'days' as const },
      { ...newStep(), template: 'reminder', timing: 'before_callback' as const, hours: '24' },
    ];
    const steps = toSteps(form);
    expect(steps.map((s) => FollowupStep.safeParse(s).success)).toEqual([true, true, true]);
    expect(steps[0]).toEqual({ channel: 'whatsapp', template: 'brochure', variables: [{ key: '1', source: 'lead.first_name' }], timing: { kind: 'now' } });
    expect(steps[1]?.timing).toEqual({ kind: 'after', amount: 3, unit: 'days' });
    expect(steps.map(toStepForm).map((f) => f.timing)).toEqual(['now', 'after', 'before_callback']);
  });
});
