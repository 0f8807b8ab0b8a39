/**
 * The campaign editor's form (all text, as typed) to and from the API's body. The form is
 * checked with its own zod schema, whose messages name the words to show (campaigns.form.errors),
 * then the body with the shared schema the server uses, so what passes here passes there.
 */
import {
  type Campaign,
  CreateCampaignBody,
  DEFAULT_RETRY_RULES,
  type DialMode,
  RETRY_OUTCOMES,
  type RetryOutcome,
  type RetryRules,
  type ScriptStage,
  type UpdateCampaignBody,
} from '@telehub/shared';
import { z } from 'zod';
import { type SegmentForm, splitList, toSegment, toSegmentForm } from './segmentForm';

export type StageForm = { uid: string; key: string; title: string; titleHi: string; text: string; textHi: string };
export type RetryForm = Record<RetryOutcome, { delayMinutes: string; maxAttempts: string }>;

export type CampaignForm = {
  name: string;
  description: string;
  startDate: string;
  endDate: string;
  timezone: string;
  /** HH:MM from time inputs; both empty: the organisation's hours. */
  hoursFrom: string;
  hoursTo: string;
  requiresConsent: boolean;
  maxAttemptsPerDay: string;
  dialMode: DialMode;
  ratio: string;
  /** Percent as typed ("3" is 3 %); the API holds a fraction. */
  maxAbandonPercent: string;
  priority: string;
  /** Rupees as typed; empty: not entered (null in the API). */
  cost: string;
  wrapUpSeconds: string;
  teamIds: string[];
  agentIds: string[];
  segment: SegmentForm;
  retry: RetryForm;
  /** true: every disposition is offered (null in the API). */
  allDispositions: boolean;
  dispositions: string[];
  script: StageForm[];
};

export const DEFAULT_TIMEZONE = 'Asia/Kolkata';
export const DEFAULT_ABANDON_PERCENT = 3;

let uidSeq = 0;
/** A key for React to tell stages apart while they are edited (not sent). */
export const newStageUid = () => `stage-${++uidSeq}`;

/** A new, blank stage with the first free key stage_1, stage_2, ... */
export function emptyStage(taken: readonly StageForm[]): StageForm {
  const keys = new Set(taken.map((s) => s.key.trim()));
  let n = 1;
  while (keys.has(`stage_${n}`)) n++;
  return { uid: newStageUid(), key: `stage_${n}`, title: '', titleHi: '', text: '', textHi: '' };
}

/** 0.03 -> "3", 0.025 -> "2.5". */
export const percentText = (fraction: number) => String(Math.round(fraction * 10_000) / 100);

const retryForm = (r: RetryRules): RetryForm =>
  Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, { delayMinutes: String(r[o].delayMinutes), maxAttempts: String(r[o].maxAttempts) }])) as RetryForm;

const hoursOf = (callingHours: string | null): [string, string] => {
  const m = callingHours ? /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(callingHours) : null;
  return m?.[1] && m[2] ? [m[1], m[2]] : ['', ''];
};

/** The form for a campaign being edited, or a new one with the house defaults. */
export function toCampaignForm(c: Campaign | undefined, defaultMode: DialMode): CampaignForm {
  const [hoursFrom, hoursTo] = hoursOf(c?.callingHours ?? null);
  return {
    name: c?.name ?? '',
    description: c?.description ?? '',
    startDate: c?.startDate ?? '',
    endDate: c?.endDate ?? '',
    timezone: c?.timezone ?? DEFAULT_TIMEZONE,
    hoursFrom,
    hoursTo,
    requiresConsent: c?.requiresConsent ?? false,
    maxAttemptsPerDay: c?.maxAttemptsPerDay != null ? String(c.maxAttemptsPerDay) : '',
    dialMode: c?.dialMode ?? defaultMode,
    ratio: String(c?.ratio ?? 2),
    maxAbandonPercent: percentText(c?.maxAbandonRate ?? DEFAULT_ABANDON_PERCENT / 100),
    priority: String(c?.priority ?? 50),
    cost: c?.cost != null ? String(c.cost) : '',
    wrapUpSeconds: String(c?.wrapUpSeconds ?? 30),
    teamIds: c?.teamIds ?? [],
    agentIds: c?.agentIds ?? [],
    segment: c ? toSegmentForm(c.segment) : toSegmentForm({}),
    retry: retryForm(c?.retry ?? DEFAULT_RETRY_RULES),
    allDispositions: !c?.dispositions,
    dispositions: c?.dispositions ?? [],
    script: (c?.script ?? []).map((s) => ({ uid: newStageUid(), key: s.key, title: s.title, titleHi: s.titleHi ?? '', text: s.text, textHi: s.textHi ?? '' })),
  };
}

/** Whether the browser knows the zone (it knows the IANA names the server accepts). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const whole = (min: number, max: number, message: string) =>
  z.string().trim().regex(/^\d+$/, message).transform(Number).pipe(z.number().int().min(min, message).max(max, message));
const decimal = (min: number, max: number, message: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
const listOf = (maxItems: number, maxLength: number, message: string) =>
  z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string().max(maxLength, message)).max(maxItems, message));

/** Rupees as typed, grouping commas dropped ("25,000" and "2,50,000" are common). */
const rupees = (v: string) => v.trim().replace(/,/g, '');

const retryRule = z.object({ delayMinutes: whole(1, 10_080, 'retryDelay'), maxAttempts: whole(0, 20, 'retryAttempts') });

/** The form's own checks; each message is a key of campaigns.form.errors. */
const FormSchema = z.object({
  name: z.string().trim().min(1, 'nameRequired').max(120, 'nameTooLong'),
  description: z.string().trim().max(2000, 'descriptionTooLong'),
  timezone: z.string().trim().refine(isTimeZone, 'timezone'),
  maxAttemptsPerDay: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 50), 'maxAttemptsPerDay'),
  ratio: decimal(1, 5, 'ratio'),
  maxAbandonPercent: decimal(0, 10, 'maxAbandon'),
  priority: whole(0, 100, 'priority'),
  cost: z.string().refine((v) => {
    const r = rupees(v);
    return r === '' || (/^\d+(\.\d{1,2})?$/.test(r) && Number(r) <= 1e10);
  }, 'cost'),
  wrapUpSeconds: whole(0, 600, 'wrapUpSeconds'),
  retry: z.object(Object.fromEntries(RETRY_OUTCOMES.map((o) => [o, retryRule])) as Record<RetryOutcome, typeof retryRule>),
  segment: z.object({ tags: listOf(20, 40, 'tags'), sources: listOf(20, 60, 'sources'), cities: listOf(50, 100, 'cities') }),
  script: z.array(
    z.object({
      key: z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{0,39}$/, 'stageKey'),
      title: z.string().trim().min(1, 'stageTitle').max(80, 'stageTitle'),
      titleHi: z.string().trim().max(80, 'stageTitle'),
      text: z.string().trim().min(1, 'stageText').max(2000, 'stageText'),
      textHi: z.string().trim().max(2000, 'stageText'),
    }),
  ),
});

/** Errors by field path ("retry.busy.delayMinutes", "script.0.title"); each a key of campaigns.form.errors, or the server schema's own words. */
export type FormErrors = Record<string, string>;

function crossChecks(f: CampaignForm, errors: FormErrors) {
  const put = (path: string, key: string) => {
    if (!errors[path]) errors[path] = key;
  };
  if (f.startDate && f.endDate && f.endDate < f.startDate) put('endDate', 'endBeforeStart');
  if (Boolean(f.hoursFrom) !== Boolean(f.hoursTo)) put(f.hoursFrom ? 'hoursTo' : 'hoursFrom', 'hoursBoth');
  else if (f.hoursFrom && f.hoursTo <= f.hoursFrom) put('hoursTo', 'hoursOrder');
  const s = f.segment;
  if (s.mode === 'segment') {
    if (s.createdFrom && s.createdTo && s.createdTo < s.createdFrom) put('segment.createdTo', 'windowOrder');
    if (!s.neverContacted && s.lastContactedFrom && s.lastContactedTo && s.lastContactedTo < s.lastContactedFrom) put('segment.lastContactedTo', 'windowOrder');
  }
  if (!f.allDispositions && f.dispositions.length === 0) put('dispositions', 'dispositionsNone');
  const seen = new Map<string, number>();
  f.script.forEach((stage, i) => {
    const key = stage.key.trim();
    if (seen.has(key)) put(`script.${i}.key`, 'stageKeyDuplicate');
    seen.set(key, i);
  });
}

/** The body to create the campaign with, or the problems by field. */
export function toCampaignBody(f: CampaignForm): { ok: true; body: CreateCampaignBody } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const parsed = FormSchema.safeParse(f);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      if (!errors[path]) errors[path] = issue.message;
    }
  }
  crossChecks(f, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const n = (v: string) => Number(v.trim());
  const opt = (v: string) => v.trim() || null;
  const script: ScriptStage[] = f.script.map((s) => ({
    key: s.key.trim(),
    title: s.title.trim(),
    titleHi: opt(s.titleHi),
    text: s.text.trim(),
    textHi: opt(s.textHi),
  }));
  const candidate: CreateCampaignBody = {
    name: f.name.trim(),
    description: opt(f.description),
    startDate: f.startDate || null,
    endDate: f.endDate || null,
    timezone: f.timezone.trim(),
    callingHours: f.hoursFrom && f.hoursTo ? `${f.hoursFrom}-${f.hoursTo}` : null,
    requiresConsent: f.requiresConsent,
    maxAttemptsPerDay: f.maxAttemptsPerDay.trim() ? n(f.maxAttemptsPerDay) : null,
    dialMode: f.dialMode,
    ratio: n(f.ratio),
    maxAbandonRate: Math.round(n(f.maxAbandonPercent) * 100) / 10_000,
    priority: n(f.priority),
    cost: rupees(f.cost) ? Number(rupees(f.cost)) : null,
    teamIds: [...f.teamIds],
    agentIds: [...f.agentIds],
    segment: toSegment(f.segment),
    retry: Object.fromEntries(
      RETRY_OUTCOMES.map((o) => [o, { delayMinutes: n(f.retry[o].delayMinutes), maxAttempts: n(f.retry[o].maxAttempts) }]),
    ) as RetryRules,
    script,
    dispositions: f.allDispositions ? null : [...f.dispositions],
    wrapUpSeconds: n(f.wrapUpSeconds),
  };
  // The server's own schema has the last word (lengths, formats this form does not know).
  const checked = CreateCampaignBody.safeParse(candidate);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const path = issue.path.join('.') || 'form';
      if (!errors[path]) errors[path] = issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, body: checked.data };
}

/** JSON with object keys in order, so two equal values compare equal whatever order the server sent. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Only what changed goes in the PATCH (a running campaign takes a new mode or ratio at once). */
export function campaignChanges(c: Campaign, body: CreateCampaignBody): UpdateCampaignBody {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (canonical(value) !== canonical(c[key as keyof Campaign])) patch[key] = value;
  }
  return patch as UpdateCampaignBody;
}
