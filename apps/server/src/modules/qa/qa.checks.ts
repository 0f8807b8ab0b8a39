/**
 * One call checked against a scorecard's questions, by rule: pure functions of the transcript and
 * the analysis, so each kind of check is tested without a server. Questions judged by the language
 * model are answered by the caller (`judge`); without a model they do not apply.
 */
import type { CallAnalysis, QaAnswer, QaCheck, QaSection, QaVerdict, SentimentLabel, TranscriptSegment } from '@telehub/shared';

export type Finding = { verdict: QaVerdict; evidence: string | null; atMs: number | null };

/** What the rules read: the call's words and what the analysis found. */
export type CallFacts = {
  transcript: Pick<TranscriptSegment, 'speaker' | 'text' | 'startMs'>[];
  analysis: Pick<CallAnalysis, 'talkRatio' | 'sentiment' | 'objections'> | null;
  /** Lower-case, folded text with word boundaries padded (assist's normalize). */
  normalize(text: string): string;
  /** The script checkpoints one agent utterance reaches (assist's rules). */
  checkpointsIn(text: string): string[];
};

const RANK: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };
const clip = (s: string) => (s.length > 160 ? `${s.slice(0, 159)}…` : s);
const na = (why: string): Finding => ({ verdict: 'na', evidence: why, atMs: null });

function phrase(c: Extract<QaCheck, { kind: 'phrase' }>, f: CallFacts): Finding {
  const wanted = c.phrases.map((p) => f.normalize(p).trim()).filter((p) => p !== '');
  const turns = f.transcript.filter((t) => t.speaker === c.by);
  if (f.transcript.length === 0) return na('no transcript');
  const limit = c.withinSeconds === null ? Number.POSITIVE_INFINITY : c.withinSeconds * 1000;
  for (const t of turns) {
    if (t.startMs > limit) break;
    const norm = f.normalize(t.text);
    const hit = wanted.find((p) => norm.includes(` ${p} `));
    if (hit !== undefined)
      return { verdict: c.absent ? 'fail' : 'pass', evidence: `${c.by === 'agent' ? 'Agent' : 'Lead'}: "${clip(t.text)}"`, atMs: Math.max(0, t.startMs) };
  }
  const where = c.withinSeconds === null ? '' : ` in the first ${c.withinSeconds} s`;
  return { verdict: c.absent ? 'pass' : 'fail', evidence: `not said${where}`, atMs: null };
}

function checkpoint(c: Extract<QaCheck, { kind: 'checkpoint' }>, f: CallFacts): Finding {
  if (f.transcript.length === 0) return na('no transcript');
  for (const t of f.transcript) {
    if (t.speaker !== 'agent') continue;
    if (f.checkpointsIn(t.text).includes(c.checkpoint)) return { verdict: 'pass', evidence: `Agent: "${clip(t.text)}"`, atMs: Math.max(0, t.startMs) };
  }
  return { verdict: 'fail', evidence: 'the agent never reached it', atMs: null };
}

function talkRatio(c: Extract<QaCheck, { kind: 'talk_ratio' }>, f: CallFacts): Finding {
  const r = f.analysis?.talkRatio ?? null;
  if (r === null) return na('no recording to measure');
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const ok = r >= c.min && r <= c.max;
  return { verdict: ok ? 'pass' : 'fail', evidence: `agent spoke ${pct(r)} (wanted ${pct(c.min)}–${pct(c.max)})`, atMs: null };
}

function sentiment(c: Extract<QaCheck, { kind: 'sentiment' }>, f: CallFacts): Finding {
  const s = f.analysis?.sentiment[c.side] ?? null;
  if (s === null) return na(`no words from the ${c.side}`);
  return { verdict: RANK[s] >= RANK[c.atLeast] ? 'pass' : 'fail', evidence: `${c.side} was ${s}`, atMs: null };
}

function objectionHandled(c: Extract<QaCheck, { kind: 'objection_handled' }>, f: CallFacts): Finding {
  const raised = (f.analysis?.objections ?? []).filter((o) => c.objection === null || o.type === c.objection);
  if (raised.length === 0) return na(c.objection === null ? 'no objection raised' : `no ${c.objection} objection raised`);
  const missed = raised.find((o) => !o.handled);
  if (missed) return { verdict: 'fail', evidence: `${missed.type} objection left unanswered`, atMs: missed.atMs };
  return { verdict: 'pass', evidence: `${raised.map((o) => o.type).join(', ')} answered`, atMs: raised[0]?.atMs ?? null };
}

type RuleKind = Exclude<QaCheck['kind'], 'llm'>;
const RULES: { [K in RuleKind]: (c: Extract<QaCheck, { kind: K }>, f: CallFacts) => Finding } = {
  phrase,
  checkpoint,
  talk_ratio: talkRatio,
  sentiment,
  objection_handled: objectionHandled,
};

/** The rule's finding for one check; `judge` answers the language model's questions. */
export async function check(c: QaCheck, f: CallFacts, judge: (instruction: string) => Promise<Finding>): Promise<Finding> {
  if (c.kind === 'llm') return judge(c.instruction);
  const rule = RULES[c.kind] as (c: QaCheck, f: CallFacts) => Finding;
  return rule(c, f);
}

/** The verdict that counts: the reviewer's where there is one. */
export const finalVerdict = (a: Pick<QaAnswer, 'auto' | 'override'>): QaVerdict => a.override ?? a.auto;

/** Weighted share of the applicable questions met, 0..100 (null when none applies). */
export function scoreOf(answers: Pick<QaAnswer, 'weight' | 'auto' | 'override'>[], pick: (a: Pick<QaAnswer, 'auto' | 'override'>) => QaVerdict): number | null {
  let met = 0;
  let total = 0;
  for (const a of answers) {
    const v = pick(a);
    if (v === 'na') continue;
    total += a.weight;
    if (v === 'pass') met += a.weight;
  }
  return total === 0 ? null : Math.round((1000 * met) / total) / 10;
}

/** Every question of the scorecard checked on one call, in order. */
export async function answerAll(sections: QaSection[], f: CallFacts, judge: (instruction: string) => Promise<Finding>): Promise<QaAnswer[]> {
  const out: QaAnswer[] = [];
  for (const s of sections)
    for (const q of s.questions) {
      const r = await check(q.check, f, judge);
      out.push({
        key: q.key,
        section: s.title,
        text: q.text,
        textHi: q.textHi,
        weight: q.weight,
        kind: q.check.kind,
        auto: r.verdict,
        evidence: r.evidence,
        atMs: r.atMs === null ? null : Math.round(r.atMs),
        override: null,
        comment: null,
      });
    }
  return out;
}
