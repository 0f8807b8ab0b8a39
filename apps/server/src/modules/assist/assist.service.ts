/**
 * Assist for people: a text read by the same engine that serves live calls, the cards a call has
 * raised so far, and a suggested reply on demand (the language model when configured and in time,
 * else the battlecard or the knowledge base).
 */
import type { AnalyzeResult, AssistCard, CallWithLead, ObjectionType, SpeechLanguage, Transcript } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { type CardDraft, knowledgeCard, objectionCard, stamp, suggestionCard } from './assist.cards.js';
import type { AssistEngine, AssistKnowledge, EngineDeps, Understand } from './assist.engine.js';
import { cardsOfCall } from './assist.repo.js';
import { isQuestion } from './assist.rules.js';

export type AssistServiceDeps = {
  db: Db;
  clock: Clock;
  understand: Understand;
  knowledge: AssistKnowledge;
  llm: EngineDeps['llm'];
  engine: Pick<AssistEngine, 'lastObjection' | 'announce'>;
  calls: { get(actor: Actor, id: string): Promise<CallWithLead>; transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript> };
};

const uiLang = (lang: SpeechLanguage): 'en' | 'hi' => (lang === 'hi' ? 'hi' : 'en');
/** Turns of the conversation a suggestion is written from. */
const SUGGEST_TURNS = 10;

export function createAssistService(deps: AssistServiceDeps) {
  async function localCards(text: string, lang: SpeechLanguage, campaignId: string | null, objection: ObjectionType | undefined): Promise<CardDraft[]> {
    const drafts: CardDraft[] = [];
    const understood = deps.understand(text, lang);
    const first = understood.objections[0];
    if (objection ?? first) {
      const type = objection ?? (first?.type as ObjectionType);
      const confidence = first?.type === type ? first.confidence : 1;
      drafts.push(objectionCard({ type, confidence }, await deps.knowledge.battlecardFor(campaignId, type)));
    }
    if (isQuestion(text)) {
      const [hit] = await deps.knowledge.search(text, { lang: uiLang(lang), campaignId, limit: 1 });
      if (hit) drafts.push(knowledgeCard(hit));
    }
    return drafts;
  }

  return {
    /** What the local model reads in a text, and the cards it would raise on a call (no campaign: the default battlecards). */
    async analyze(text: string, lang?: SpeechLanguage): Promise<AnalyzeResult> {
      const understood = deps.understand(text, lang);
      const drafts = await localCards(text, understood.lang, null, understood.objections[0]?.type);
      const at = deps.clock.now();
      return { ...understood, cards: drafts.map((d) => ({ ...stamp(d, '00000000-0000-0000-0000-000000000000', at, null, null), callId: null })) };
    },

    /** The cards a call raised so far, oldest first (CALL_NOT_FOUND for a call the actor may not see). */
    async cards(actor: Actor, callId: string): Promise<AssistCard[]> {
      await deps.calls.get(actor, callId);
      return cardsOfCall(deps.db, callId);
    },

    /**
     * A reply the agent could say next: the model's, when configured and in time, else the local
     * card for the last objection, else the knowledge base's answer to the lead's last words.
     * Published on the call like any card.
     */
    async suggest(actor: Actor, callId: string): Promise<AssistCard> {
      const call = await deps.calls.get(actor, callId);
      const { items } = await deps.calls.transcript(actor, callId, -1);
      const turns = items.slice(-SUGGEST_TURNS).map((s) => ({ speaker: s.speaker, text: s.text }));
      const lastLead = [...items].reverse().find((s) => s.speaker === 'lead');
      const lang: SpeechLanguage = lastLead?.language ?? 'en';
      const objection = deps.engine.lastObjection(callId) ?? (lastLead ? deps.understand(lastLead.text, lang).objections[0]?.type : undefined) ?? undefined;
      const context = lastLead
        ? (await deps.knowledge.search(lastLead.text, { lang: uiLang(lang), campaignId: call.campaignId, limit: 2 })).map((h) => `${h.title}: ${h.snippet}`)
        : [];
      const r = await deps.llm.suggest({
        callId,
        lang,
        purpose: objection ? 'objection' : 'next_reply',
        ...(objection ? { objection } : {}),
        transcript: turns,
        context,
      });
      let draft: CardDraft | undefined;
      if (r.ok) draft = suggestionCard(r.text, lang, 'llm');
      else {
        const local = lastLead ? await localCards(lastLead.text, lang, call.campaignId, objection) : [];
        const best = local[0];
        if (best) draft = { ...suggestionCard(pick(best, lang), lang, best.source === 'knowledge' ? 'knowledge' : 'battlecard') };
        else
          draft = suggestionCard(
            lang === 'hi' ? 'पूछें कि उन्हें कोर्स से क्या चाहिए, और ध्यान से सुनें।' : 'Ask what they want from the course, and listen.',
            lang,
            'battlecard',
          );
      }
      const card = stamp(draft, callId, deps.clock.now(), null, r.ms);
      await deps.engine.announce(card, call.agentId);
      return card;
    },
  };
}

const pick = (d: CardDraft, lang: SpeechLanguage) => (lang === 'hi' && d.body.hi ? d.body.hi : d.body.en);

export type AssistService = ReturnType<typeof createAssistService>;
