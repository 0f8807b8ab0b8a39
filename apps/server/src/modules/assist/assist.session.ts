/**
 * One live call as the assist engine follows it: the checklist so far, the campaign script stage,
 * the lead's sentiment trend, who talks how much, and which nudges were given. Pure: it is fed
 * utterances with their times on the call's own clock (ms since the answer) and answers with the
 * cards that changed, so the rules are tested without a server.
 */
import { type NudgeKind, SCRIPT_CHECKPOINTS, type ScriptCheckpoint, type ScriptStage, type Understanding } from '@telehub/shared';
import { bannedPhraseIn, checkpointsIn, normalize, saysRecordingNotice } from './assist.rules.js';

/** The recording notice must be given within this long of the answer. */
export const DISCLOSURE_DEADLINE_MS = 30_000;
/** The agent's share of speech over this window… */
export const TALK_WINDOW_MS = 120_000;
/** …above this share is a nudge; it is given again only after the share fell under the re-arm level. */
export const TALK_SHARE_LIMIT = 0.65;
const TALK_SHARE_REARM = 0.55;
/** Sentiment scores kept for the trend. */
const TREND_LENGTH = 12;

export type Utterance = { speaker: 'agent' | 'lead'; text: string; startMs: number; endMs: number };

export type SessionChange =
  | { kind: 'script'; checklist: { checkpoint: ScriptCheckpoint; done: boolean }[]; stage: ScriptStage | null }
  | { kind: 'sentiment'; trend: number[]; last: Understanding['sentiment'] }
  | { kind: 'nudge'; nudge: NudgeKind; detail: string | null };

type Words = Set<string>;
const wordsOf = (text: string): Words =>
  new Set(
    normalize(text)
      .trim()
      .split(' ')
      .filter((w) => w.length > 2),
  );

export function createCallSession(opts: { script: ScriptStage[]; bannedPhrases?: readonly string[] }) {
  const done = new Set<ScriptCheckpoint>();
  const stages = opts.script.map((s) => ({ stage: s, words: new Set([...wordsOf(s.text), ...wordsOf(s.textHi ?? '')]) }));
  let stage: ScriptStage | null = null;
  let objectionOpen = false;
  let disclosed = false;
  const nudged = new Set<NudgeKind>();
  const trend: number[] = [];
  const speech: Utterance[] = [];

  const checklist = () => SCRIPT_CHECKPOINTS.map((checkpoint) => ({ checkpoint, done: done.has(checkpoint) }));

  /** The script stage whose words the utterance shares most (at least three, and a fifth of the stage's own). */
  function stageOf(text: string): ScriptStage | null {
    const said = wordsOf(text);
    let best: { stage: ScriptStage; score: number } | null = null;
    for (const s of stages) {
      let shared = 0;
      for (const w of said) if (s.words.has(w)) shared++;
      if (shared < 3 || shared < s.words.size / 5) continue;
      if (!best || shared > best.score) best = { stage: s.stage, score: shared };
    }
    return best?.stage ?? null;
  }

  /** The agent's share of speech in the window ending at `atMs`, and how much of the window the call has covered. */
  function agentShare(atMs: number): { share: number; covered: boolean } {
    const from = atMs - TALK_WINDOW_MS;
    let agent = 0;
    let lead = 0;
    for (const u of speech) {
      const ms = Math.max(0, Math.min(u.endMs, atMs) - Math.max(u.startMs, from));
      if (u.speaker === 'agent') agent += ms;
      else lead += ms;
    }
    return { share: agent + lead > 0 ? agent / (agent + lead) : 0, covered: atMs >= TALK_WINDOW_MS };
  }

  function talkShare(atMs: number): SessionChange[] {
    const { share, covered } = agentShare(atMs);
    if (share < TALK_SHARE_REARM) nudged.delete('talk_share');
    if (!covered || share <= TALK_SHARE_LIMIT || nudged.has('talk_share')) return [];
    nudged.add('talk_share');
    return [{ kind: 'nudge', nudge: 'talk_share', detail: `${Math.round(share * 100)}%` }];
  }

  // Segments from a stream may come a little out of order; keep only what the window needs.
  const keep = (u: Utterance) => {
    speech.push(u);
    const cutoff = u.endMs - 2 * TALK_WINDOW_MS;
    while (speech.length > 0 && (speech[0]?.endMs ?? 0) < cutoff) speech.shift();
  };

  return {
    get disclosed() {
      return disclosed;
    },
    agentSaid(u: Omit<Utterance, 'speaker'>): SessionChange[] {
      keep({ ...u, speaker: 'agent' });
      const changes: SessionChange[] = [];
      const before = done.size;
      for (const c of checkpointsIn(u.text)) done.add(c);
      // Answering an objection the lead raised is handling it, whatever the words.
      if (objectionOpen) {
        done.add('objection_handling');
        objectionOpen = false;
      }
      if (saysRecordingNotice(u.text)) disclosed = true;
      const reached = stageOf(u.text);
      const stageMoved = reached !== null && reached.key !== stage?.key;
      if (stageMoved) stage = reached;
      if (done.size !== before || stageMoved) changes.push({ kind: 'script', checklist: checklist(), stage });
      const banned = bannedPhraseIn(u.text, opts.bannedPhrases);
      if (banned) changes.push({ kind: 'nudge', nudge: 'banned_phrase', detail: banned });
      changes.push(...talkShare(u.endMs));
      return changes;
    },
    leadSaid(u: Omit<Utterance, 'speaker'>, understood: Understanding): SessionChange[] {
      keep({ ...u, speaker: 'lead' });
      if (understood.objections.length > 0) objectionOpen = true;
      trend.push(understood.sentiment.score);
      if (trend.length > TREND_LENGTH) trend.shift();
      return [{ kind: 'sentiment', trend: [...trend], last: understood.sentiment }, ...talkShare(u.endMs)];
    },
    /** The recording notice, once the deadline passed (call time `atMs`) without it. */
    deadline(atMs: number): SessionChange[] {
      if (disclosed || atMs < DISCLOSURE_DEADLINE_MS || nudged.has('recording_disclosure')) return [];
      nudged.add('recording_disclosure');
      return [{ kind: 'nudge', nudge: 'recording_disclosure', detail: null }];
    },
    checklist,
  };
}

export type CallSession = ReturnType<typeof createCallSession>;
