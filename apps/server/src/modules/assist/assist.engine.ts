/**
 * The live assist engine: each stored transcript segment of a live call, on the node that stored
 * it, becomes the cards it calls for. A lead's words are read by the local model (objection,
 * sentiment, language): an objection brings the campaign's battlecard, a question the knowledge
 * base's best answer; an agent's words move the script checklist and may raise a nudge. Cards are
 * published on the bus at once and stored in the background, so the time from an utterance
 * reaching the server to its card is the model, one cached lookup and one publish.
 *
 * A call's segments are handled one after another (its session is state); calls run side by side.
 */
import type { AssistCard, ObjectionType, ScriptStage, SpeechLanguage, TranscriptSegment, Understanding } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import { type BattlecardText, type CardDraft, type KnowledgeHit, knowledgeCard, objectionCard, sessionCard, stamp, suggestionCard } from './assist.cards.js';
import { insertCards } from './assist.repo.js';
import { isQuestion, questionOf } from './assist.rules.js';
import { type CallSession, createCallSession, DISCLOSURE_DEADLINE_MS } from './assist.session.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** A card for a live call: its agent and their managers see it. */
    'assist.card': { card: AssistCard; agentId: string | null };
  }
}

export type Understand = (text: string, lang?: SpeechLanguage) => Understanding;

export type SuggestInput = {
  callId: string | null;
  lang: SpeechLanguage;
  purpose: 'next_reply' | 'objection';
  objection?: ObjectionType;
  transcript: { speaker: 'agent' | 'lead'; text: string }[];
  context?: string[];
};
export type SuggestResult = { ok: true; text: string; cached: boolean; tokens: number; ms: number } | { ok: false; reason: string; ms: number };

export type AssistKnowledge = {
  search(q: string, opts?: { lang?: 'en' | 'hi'; campaignId?: string | null; limit?: number }): Promise<KnowledgeHit[]>;
  battlecardFor(campaignId: string | null, objection: ObjectionType): Promise<BattlecardText | null>;
};

export type EngineDeps = {
  db: Db;
  bus: Pick<EventBus, 'publish' | 'subscribe'>;
  logger: Logger;
  clock: Clock;
  timers: { after(ms: number, fn: () => void): () => void };
  understand: Understand;
  knowledge: AssistKnowledge;
  llm: { suggest(input: SuggestInput): Promise<SuggestResult> };
  /** The campaign's script stages (cached by the caller or here). */
  campaignScript(campaignId: string): Promise<ScriptStage[]>;
  /** Segments stored on this node (the transcript writer): the engine listens from start to stop. */
  segments: { onStored(fn: (s: StoredSegment) => void): () => void };
  /** Flush stored cards at most this often (ms). */
  flushMs?: number;
};

/** A stored segment with what the engine needs of its call, as the transcript writer hands it over. */
export type StoredSegment = { segment: TranscriptSegment; agentId: string | null; campaignId: string | null; answeredAt: Date | null; receivedAt: number };

/**
 * A knowledge answer is shown when it answers at least this share of the question's meaningful
 * words: one shared word ("call" in "kis baare mein call kiya?") is a coincidence, not an answer.
 */
const KNOWLEDGE_MIN_COVERAGE = 0.5;
/** The same article is not shown twice within this long on one call. */
const KNOWLEDGE_REPEAT_MS = 60_000;
/** Calls whose sessions nobody touched for this long are forgotten (their end was not heard here). */
const IDLE_MS = 30 * 60_000;

type Live = {
  session: CallSession;
  campaignId: string | null;
  agentId: string | null;
  answeredAt: number | null;
  chain: Promise<void>;
  shown: Map<string, number>;
  lastObjection: ObjectionType | null;
  lang: SpeechLanguage;
  touched: number;
  cancelDeadline: () => void;
};

const uiLang = (lang: SpeechLanguage): 'en' | 'hi' => (lang === 'hi' ? 'hi' : 'en');

export function createAssistEngine(deps: EngineDeps) {
  const { logger, clock } = deps;
  const calls = new Map<string, Live>();
  const opening = new Map<string, Promise<Live>>();
  const unstored: AssistCard[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let flushTimer: (() => void) | null = null;
  const unsubscribe: (() => void)[] = [];

  function store(card: AssistCard) {
    unstored.push(card);
    if (flushTimer) return;
    flushTimer = deps.timers.after(deps.flushMs ?? 50, () => {
      flushTimer = null;
      void flush();
    });
  }

  function flush(): Promise<void> {
    const batch = unstored.splice(0);
    if (batch.length === 0) return flushing;
    flushing = flushing.then(async () => {
      try {
        await insertCards(deps.db, batch);
      } catch (err) {
        // A card whose call is gone (erased) fails the batch; the rest are kept one by one.
        for (const c of batch) await insertCards(deps.db, [c]).catch(() => undefined);
        logger.warn({ err, cards: batch.length }, 'assist cards stored one by one after a failed batch');
      }
    });
    return flushing;
  }

  async function publish(live: Pick<Live, 'agentId'>, callId: string, drafts: CardDraft[], seq: number | null, receivedAt: number | null) {
    for (const d of drafts) {
      const card = stamp(d, callId, clock.now(), seq, receivedAt === null ? null : Math.round((performance.now() - receivedAt) * 10) / 10);
      await deps.bus.publish('assist.card', { card, agentId: live.agentId });
      store(card);
    }
  }

  /** The call's session; segments arriving together for a new call share the one being made. */
  function liveOf(s: StoredSegment): Promise<Live> {
    const found = calls.get(s.segment.callId);
    if (found) return Promise.resolve(found);
    const pending = opening.get(s.segment.callId);
    if (pending) return pending;
    const made = open(s).finally(() => opening.delete(s.segment.callId));
    opening.set(s.segment.callId, made);
    return made;
  }

  async function open(s: StoredSegment): Promise<Live> {
    const script = s.campaignId ? await deps.campaignScript(s.campaignId).catch(() => []) : [];
    const answeredAt = s.answeredAt?.getTime() ?? null;
    const live: Live = {
      session: createCallSession({ script }),
      campaignId: s.campaignId,
      agentId: s.agentId,
      answeredAt,
      chain: Promise.resolve(),
      shown: new Map(),
      lastObjection: null,
      lang: s.segment.language,
      touched: clock.now().getTime(),
      cancelDeadline: () => undefined,
    };
    calls.set(s.segment.callId, live);
    if (answeredAt !== null) {
      const wait = answeredAt + DISCLOSURE_DEADLINE_MS - clock.now().getTime();
      if (wait > 0) {
        live.cancelDeadline = deps.timers.after(wait + 50, () => {
          live.chain = live.chain.then(() =>
            publish(live, s.segment.callId, live.session.deadline(clock.now().getTime() - answeredAt).map(sessionCard), null, null),
          );
        });
      }
    }
    return live;
  }

  async function handle(s: StoredSegment, live: Live) {
    const seg = s.segment;
    live.touched = clock.now().getTime();
    if (s.agentId) live.agentId = s.agentId;
    const drafts: CardDraft[] = [];
    if (seg.speaker === 'lead') {
      const understood = deps.understand(seg.text, seg.language);
      live.lang = understood.lang;
      const objection = understood.objections[0];
      if (objection) {
        live.lastObjection = objection.type;
        drafts.push(objectionCard(objection, await deps.knowledge.battlecardFor(live.campaignId, objection.type).catch(() => null)));
      }
      if (isQuestion(seg.text)) {
        const [hit] = await deps.knowledge
          .search(questionOf(seg.text), { lang: uiLang(understood.lang), campaignId: live.campaignId, limit: 1 })
          .catch(() => []);
        const now = clock.now().getTime();
        if (hit && hit.coverage >= KNOWLEDGE_MIN_COVERAGE && now - (live.shown.get(hit.id) ?? Number.NEGATIVE_INFINITY) > KNOWLEDGE_REPEAT_MS) {
          live.shown.set(hit.id, now);
          drafts.push(knowledgeCard(hit));
        }
      }
      drafts.push(...live.session.leadSaid(seg, understood).map(sessionCard));
      await publish(live, seg.callId, drafts, seg.seq, s.receivedAt);
      if (objection) void suggestFor(seg.callId, live, objection.type);
    } else {
      drafts.push(...live.session.agentSaid(seg).map(sessionCard));
      if (live.answeredAt !== null) drafts.push(...live.session.deadline(seg.endMs).map(sessionCard));
      await publish(live, seg.callId, drafts, seg.seq, s.receivedAt);
    }
  }

  /** With a language model configured, a reply for the objection follows its battlecard (never in its way). */
  async function suggestFor(callId: string, live: Live, objection: ObjectionType) {
    const r = await deps.llm.suggest({ callId, lang: live.lang, purpose: 'objection', objection, transcript: [] }).catch(() => null);
    if (r?.ok) await publish(live, callId, [suggestionCard(r.text, live.lang, 'llm')], null, null);
  }

  function forget(callId: string) {
    const live = calls.get(callId);
    if (!live) return;
    live.cancelDeadline();
    calls.delete(callId);
  }

  const engine = {
    /** A segment stored on this node. Resolves once its cards are published. */
    segment(s: StoredSegment): Promise<void> {
      const run = async () => {
        const live = await liveOf(s);
        live.chain = live.chain.then(() =>
          handle(s, live).catch((err: unknown) => logger.warn({ err, callId: s.segment.callId }, 'assist could not handle a segment')),
        );
        return live.chain;
      };
      return run();
    },
    /** Forget calls as they end; a sweep forgets the ones whose end this node missed. */
    start() {
      unsubscribe.push(deps.segments.onStored((stored) => void engine.segment(stored)));
      unsubscribe.push(
        deps.bus.subscribe('call.updated', ({ call }) => {
          if (['completed', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned'].includes(call.status)) forget(call.id);
        }),
      );
      const sweeping: { cancel: () => void } = { cancel: () => undefined };
      const sweep = () => {
        const now = clock.now().getTime();
        for (const [id, live] of calls) if (now - live.touched > IDLE_MS) forget(id);
        sweeping.cancel = deps.timers.after(60_000, sweep);
      };
      sweeping.cancel = deps.timers.after(60_000, sweep);
      unsubscribe.push(() => sweeping.cancel());
    },
    async stop() {
      for (const u of unsubscribe.splice(0)) u();
      for (const id of [...calls.keys()]) forget(id);
      flushTimer?.();
      flushTimer = null;
      await flush();
    },
    /** A card made outside a segment (an on-demand suggestion): published and stored like the rest. */
    async announce(card: AssistCard, agentId: string | null) {
      await deps.bus.publish('assist.card', { card, agentId });
      store(card);
    },
    /** Stores what is waiting now (tests, shutdown). */
    flush,
    /** The last objection the lead raised on a live call here, for an on-demand suggestion. */
    lastObjection: (callId: string) => calls.get(callId)?.lastObjection ?? null,
    liveCalls: () => calls.size,
  };
  return engine;
}

export type AssistEngine = ReturnType<typeof createAssistEngine>;
