/**
 * Skills from scored calls, as pure functions: each call gives observations (a QA question met or
 * not, an objection answered or not, the talk balance, the lead's mood, the silences, the score),
 * and a skill's value is the share that went right. Tested without a server.
 */
import type { CallAnalysis, QaAnswer, SkillKind, SkillRef, SkillValue } from '@telehub/shared';

export type ScoredCall = {
  callId: string;
  agentId: string | null;
  callAt: Date | null;
  score: number | null;
  answers: QaAnswer[];
  analysis: Pick<CallAnalysis, 'talkRatio' | 'deadAirSeconds' | 'sentiment' | 'objections'> | null;
};

export type Observation = { skill: string; callId: string; agentId: string; at: number; value: number };

/** The talk share a balanced call keeps, and the dead air it stays under. */
export const TALK_BALANCE = { min: 0.35, max: 0.7 } as const;
export const DEAD_AIR_LIMIT_SECONDS = 10;

const FIXED: Record<Exclude<SkillKind, 'qa' | 'objection'>, string> = {
  qa_score: 'QA score',
  talk_balance: `Lets the lead talk (agent's share ${TALK_BALANCE.min * 100}–${TALK_BALANCE.max * 100}%)`,
  lead_sentiment: 'Leaves the lead content (not negative)',
  dead_air: `Keeps silences short (under ${DEAD_AIR_LIMIT_SECONDS} s of dead air)`,
};

/** The reference of a skill key; `questions` names the QA questions (key to text). */
export type QuestionWords = ReadonlyMap<string, { text: string; textHi: string | null }>;

export function skillRef(key: string, questions: QuestionWords = new Map()): SkillRef | null {
  const [kind, ...rest] = key.split(':');
  const param = rest.length > 0 ? rest.join(':') : null;
  if (kind === 'qa' && param) return { key, kind: 'qa', param, label: questions.get(param)?.text ?? param, labelHi: questions.get(param)?.textHi ?? null };
  if (kind === 'objection' && param) return { key, kind: 'objection', param, label: `Answers ${param.replace(/_/g, ' ')} objections`, labelHi: null };
  if (kind && kind in FIXED && param === null)
    return { key, kind: kind as keyof typeof FIXED, param: null, label: FIXED[kind as keyof typeof FIXED], labelHi: null };
  return null;
}

/** What one scored call shows of its agent's skills. */
export function observe(call: ScoredCall): Observation[] {
  if (!call.agentId) return [];
  const base = { callId: call.callId, agentId: call.agentId, at: call.callAt?.getTime() ?? 0 };
  const out: Observation[] = [];
  if (call.score !== null) out.push({ ...base, skill: 'qa_score', value: call.score / 100 });
  for (const a of call.answers) {
    const v = a.override ?? a.auto;
    if (v !== 'na') out.push({ ...base, skill: `qa:${a.key}`, value: v === 'pass' ? 1 : 0 });
  }
  const an = call.analysis;
  if (an) {
    for (const o of an.objections) out.push({ ...base, skill: `objection:${o.type}`, value: o.handled ? 1 : 0 });
    if (an.talkRatio !== null)
      out.push({ ...base, skill: 'talk_balance', value: an.talkRatio >= TALK_BALANCE.min && an.talkRatio <= TALK_BALANCE.max ? 1 : 0 });
    if (an.deadAirSeconds !== null) out.push({ ...base, skill: 'dead_air', value: an.deadAirSeconds < DEAD_AIR_LIMIT_SECONDS ? 1 : 0 });
    if (an.sentiment.lead !== null) out.push({ ...base, skill: 'lead_sentiment', value: an.sentiment.lead === 'negative' ? 0 : 1 });
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Each skill's share over these observations. */
export function summarize(obs: Iterable<Observation>): Record<string, SkillValue> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const o of obs) {
    const a = acc.get(o.skill) ?? { sum: 0, n: 0 };
    a.sum += o.value;
    a.n++;
    acc.set(o.skill, a);
  }
  return Object.fromEntries([...acc].map(([k, a]) => [k, { value: round(a.sum / a.n), n: a.n }]));
}

/** An agent this far under the team on a skill, with enough calls on both sides, is worth coaching. */
export const GAP = 0.15;
export const MIN_AGENT_OBSERVATIONS = 5;
export const MIN_TEAM_OBSERVATIONS = 10;
/** At most this many suggestions per telecaller at a time. */
export const MAX_OPEN_PER_AGENT = 3;

/** The skills where an agent is furthest under the rest of the team, largest gap first. */
export function gaps(agent: Record<string, SkillValue>, rest: Record<string, SkillValue>): { skill: string; value: number; team: number; gap: number }[] {
  return Object.entries(agent)
    .flatMap(([skill, v]) => {
      const t = rest[skill];
      if (!t || skill === 'qa_score' || v.n < MIN_AGENT_OBSERVATIONS || t.n < MIN_TEAM_OBSERVATIONS) return [];
      const gap = round(t.value - v.value);
      return gap >= GAP ? [{ skill, value: v.value, team: t.value, gap }] : [];
    })
    .sort((a, b) => b.gap - a.gap || a.skill.localeCompare(b.skill));
}

/** Whether a re-measured value moved from the baseline (by 5 points or more). */
export function moved(baseline: number | null, value: number): 'up' | 'down' | 'flat' {
  if (baseline === null) return 'flat';
  if (value - baseline >= 0.05) return 'up';
  if (baseline - value >= 0.05) return 'down';
  return 'flat';
}
