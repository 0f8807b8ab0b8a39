/**
 * A finished call whose live transcript missed a side gets its words from the recording, through
 * the real app and database: the recording (generated, its speech known) transcribed by the
 * Deepgram stand-in or the OpenAI-compatible one, stored as the call's transcript segments once,
 * and analysed from them; a vendor that fails leaves the audio measures and says why.
 */
import type { CallAnalysis, Transcript, TranscriptSegment } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeepgramStandin } from '../../providers/stt/deepgram/testing/deepgram-standin.js';
import { OpenAiSttStandin } from '../../providers/stt/openai/testing/openai-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertCall } from '../../test/media.js';
import { type GeneratedCall, generateCall, whereInCall } from '../../test/recordings.js';
import { MISSING_SIDE_MIN_SPEECH_SECONDS, sidesToTranscribe } from './analysis.transcribe.js';

/** What each side says, phrase by phrase (the lead's second phrase objects to the fee). */
const LEAD = [
  'Haan, boliye, kaun bol raha hai?',
  'The fees are too expensive, we cannot afford it.',
  'Achha, scholarship kitni milegi?',
  'Mujhe papa se poochna padega.',
  'Theek hai, kal baat karte hain.',
];
const AGENT = [
  'Namaste, main Priya bol rahi hoon TeleHub Academy se, aapne BBA course ke baare mein enquiry ki thi.',
  'I understand, we have a scholarship and an EMI plan that make the fees easier for your family.',
  'The scholarship takes twenty percent off the first year fees for every student.',
  'Bilkul, main kal shaam 5 baje call karungi.',
];
const lineOf = (side: 'lead' | 'agent', k: number) => (side === 'lead' ? LEAD : AGENT)[k % (side === 'lead' ? LEAD.length : AGENT.length)] as string;

/** A completed, answered call of the cast's telecaller with this recording, and (optionally) live segments already stored. */
async function recordedCall(t: TestApp, g: GeneratedCall, live: Pick<TranscriptSegment, 'speaker' | 'text' | 'startMs' | 'endMs'>[] = []) {
  const { callId } = await insertCall(t, 'twilio', 'completed');
  const db = t.db.database.db;
  const answeredAfterMs = 4000;
  await db.execute(sql`
    update calls set created_at = now() - interval '2 minutes',
      answered_at = now() - interval '2 minutes' + ${answeredAfterMs} * interval '1 millisecond',
      ended_at = now() - interval '1 minute', recording_available = true
    where id = ${callId}`);
  await t.app.services.recordings.save(callId, g.wav, 'audio/wav');
  for (const s of live) {
    await db.execute(sql`
      insert into transcript_segments (call_id, seq, speaker, language, text, start_ms, end_ms)
      values (${callId}, ${answeredAfterMs + s.endMs + 150}, ${s.speaker}, 'en', ${s.text}, ${s.startMs}, ${s.endMs})`);
  }
  return callId;
}

async function transcriptOf(t: TestApp, callId: string): Promise<TranscriptSegment[]> {
  const res = await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/transcript`, as: t.cast.telecaller });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Transcript>().items;
}

async function analysisOf(t: TestApp, callId: string): Promise<CallAnalysis> {
  const res = await t.request({ method: 'GET', url: `/api/v1/calls/${callId}/analysis`, as: t.cast.telecaller });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CallAnalysis>();
}

/** Each segment lies on its speaker's speech in the recording: it starts at one of that side's phrases. */
function onItsSide(items: TranscriptSegment[], g: GeneratedCall) {
  for (const s of items) {
    const starts = g.truth[s.speaker].map((p) => p.startMs);
    expect(
      starts.some((ms) => Math.abs(ms - s.startMs) <= 150),
      `${s.speaker} "${s.text}" at ${s.startMs}`,
    ).toBe(true);
  }
}

describe('when the transcript falls short', () => {
  it('transcribes the sides with no live words that the recording has speaking long enough, and only once', () => {
    const audio = (lead: number, agent: number) => ({ talkSeconds: { lead, agent } });
    const seg = (speaker: 'lead' | 'agent', source: 'live' | 'recording' = 'live') => ({ speaker, source });
    expect(sidesToTranscribe([], audio(20, 30))).toEqual(['lead', 'agent']);
    // Nothing live, and only the agent said much: both are asked for (the lead's "hello?" too).
    expect(sidesToTranscribe([], audio(1, 30))).toEqual(['lead', 'agent']);
    expect(sidesToTranscribe([], audio(1, MISSING_SIDE_MIN_SPEECH_SECONDS - 0.1))).toEqual([]);
    expect(sidesToTranscribe([seg('agent')], audio(20, 30))).toEqual(['lead']);
    expect(sidesToTranscribe([seg('agent')], audio(2, 30))).toEqual([]);
    expect(sidesToTranscribe([seg('agent'), seg('lead')], audio(20, 30))).toEqual([]);
    expect(sidesToTranscribe([seg('agent'), seg('lead', 'recording')], audio(20, 30))).toEqual([]);
    expect(sidesToTranscribe([seg('agent', 'recording')], audio(20, 30))).toEqual([]);
  });
});

describe('recordings transcribed by Deepgram', () => {
  let t: TestApp;
  let dg: DeepgramStandin;
  beforeAll(async () => {
    dg = await new DeepgramStandin().start();
    t = await createTestApp({ env: { STT_PROVIDER: 'deepgram', DEEPGRAM_API_KEY: dg.apiKey, DEEPGRAM_API_BASE_URL: dg.url, STT_LANGUAGE: 'multi' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await dg?.stop();
  });
  const script = (g: GeneratedCall) => {
    dg.script = [g.truth.lead.map((_, k) => ({ text: lineOf('lead', k) })), g.truth.agent.map((_, k) => ({ text: lineOf('agent', k) }))];
  };

  it('a call with no live transcript is transcribed from its recording, stored as its transcript, and analysed from those words; again, nothing doubles', async () => {
    const g = generateCall(4, { seconds: 40 });
    script(g);
    const id = await recordedCall(t, g);
    await t.app.services.analysis.run(id);

    expect(dg.refused).toEqual([]);
    expect(dg.files).toHaveLength(1);
    expect(dg.files[0]?.query.get('language')).toBe('multi');
    const items = await transcriptOf(t, id);
    expect(items.length).toBe(dg.files[0]?.utterances.length);
    expect(items.every((s) => s.source === 'recording')).toBe(true);
    onItsSide(items, g);
    // In the order they were said (as live segments are: by when each ended); each side's lines as the engine heard them, in order.
    expect(items.map((s) => s.endMs)).toEqual(items.map((s) => s.endMs).sort((a, b) => a - b));
    const lead = items.filter((s) => s.speaker === 'lead').map((s) => s.text);
    expect(lead).toEqual(lead.map((_, k) => lineOf('lead', k)));
    expect(items.find((s) => s.text === LEAD[0])?.language).toBe('hinglish');

    const a = await analysisOf(t, id);
    expect(a).toMatchObject({ status: 'done', error: null, sources: { recording: true, transcript: true, transcriptFrom: 'recording' } });
    expect(a.talkRatio).not.toBeNull();
    expect(a.sentiment.lead).not.toBeNull();
    expect(a.sentiment.agent).not.toBeNull();
    const price = a.objections.find((o) => o.type === 'price');
    expect(price?.atMs).toBe(items.find((s) => s.text === LEAD[1])?.startMs);
    expect(a.keywords).toContain('bba');
    expect(a.summary).toMatch(/price/i);
    expect(a.wrapUp).not.toBeNull();

    // The recording arrives again, a backfill runs: the transcript is not transcribed or stored twice.
    await t.app.services.analysis.run(id);
    expect(dg.files).toHaveLength(1);
    expect((await transcriptOf(t, id)).map((s) => s.id)).toEqual(items.map((s) => s.id));
    expect(await analysisOf(t, id)).toMatchObject({ status: 'done', error: null, sources: { transcriptFrom: 'recording' }, summary: a.summary });
  });

  it('a live transcript without the lead gets the lead’s words from the recording; the agent’s live words stay as they were', async () => {
    const g = generateCall(5, { seconds: 40 });
    script(g);
    const live = g.truth.agent.map((p, k) => ({ speaker: 'agent' as const, text: `Live: ${lineOf('agent', k)}`, startMs: p.startMs, endMs: p.endMs }));
    const id = await recordedCall(t, g, live);
    const before = dg.files.length;
    await t.app.services.analysis.run(id);
    expect(dg.files).toHaveLength(before + 1);

    const items = await transcriptOf(t, id);
    const agent = items.filter((s) => s.speaker === 'agent');
    expect(agent.map((s) => [s.text, s.source])).toEqual(live.map((s) => [s.text, 'live']));
    const lead = items.filter((s) => s.speaker === 'lead');
    expect(lead.length).toBeGreaterThan(0);
    expect(lead.every((s) => s.source === 'recording')).toBe(true);
    onItsSide(lead, g);
    // Read in the order it was said: the numbers interleave the recording's lines with the live ones.
    expect(items.map((s) => s.endMs)).toEqual(items.map((s) => s.endMs).sort((x, y) => x - y));
    const a = await analysisOf(t, id);
    expect(a).toMatchObject({ status: 'done', error: null, sources: { transcript: true, transcriptFrom: 'both' } });
    expect(a.objections.map((o) => o.type)).toContain('price');
  });

  it('two runs at once (the recording’s job and a backfill) store the recording’s words once', async () => {
    const g = generateCall(8, { seconds: 30 });
    const id = await recordedCall(t, g);
    const before = dg.files.length;
    dg.script = [[...LEAD, ...LEAD].map((text) => ({ text })), [...AGENT, ...AGENT].map((text) => ({ text }))];
    await Promise.all([t.app.services.analysis.run(id), t.app.services.analysis.run(id)]);
    const files = dg.files.slice(before);
    expect(files.length).toBeGreaterThanOrEqual(1);
    const items = await transcriptOf(t, id);
    expect(items).toHaveLength(files[0]?.utterances.length ?? -1);
    expect(new Set(items.map((s) => `${s.speaker} ${s.startMs}`)).size).toBe(items.length);
  });

  it('a call whose live transcript has both sides is not transcribed', async () => {
    const g = generateCall(6, { seconds: 20 });
    const id = await recordedCall(t, g, [
      { speaker: 'agent', text: 'Hello, this is TeleHub Academy.', startMs: 1000, endMs: 2500 },
      { speaker: 'lead', text: 'Yes, tell me.', startMs: 3000, endMs: 4000 },
    ]);
    const before = dg.files.length;
    await t.app.services.analysis.run(id);
    expect(dg.files).toHaveLength(before);
    expect(await analysisOf(t, id)).toMatchObject({ status: 'done', sources: { transcriptFrom: 'live' } });
  });

  it('when Deepgram keeps failing the analysis keeps the audio measures and says why; the next run transcribes', async () => {
    const g = generateCall(7, { seconds: 30 });
    script(g);
    const id = await recordedCall(t, g);
    dg.failNext = Array.from({ length: 4 }, () => ({ status: 503 }));
    const refusedBefore = dg.refused.length;
    await t.app.services.analysis.run(id);
    expect(dg.refused.length - refusedBefore).toBe(4);
    const failed = await analysisOf(t, id);
    expect(failed.status).toBe('done');
    expect(failed.talkRatio).not.toBeNull();
    expect(failed.timeline?.lead.length).toBeGreaterThan(0);
    expect(failed.sources).toMatchObject({ recording: true, transcript: false, transcriptFrom: null });
    expect(failed.error).toMatch(/the recording could not be transcribed: Deepgram: gave up after 4 attempts .*503/);
    expect(await transcriptOf(t, id)).toEqual([]);

    await t.app.services.analysis.run(id);
    const later = await analysisOf(t, id);
    expect(later).toMatchObject({ status: 'done', error: null, sources: { transcript: true, transcriptFrom: 'recording' } });
    expect((await transcriptOf(t, id)).length).toBeGreaterThan(0);
  }, 30_000);
});

describe('recordings transcribed by an OpenAI-compatible endpoint', () => {
  let t: TestApp;
  let oa: OpenAiSttStandin;
  beforeAll(async () => {
    oa = await new OpenAiSttStandin().start();
    t = await createTestApp({
      env: { STT_PROVIDER: 'openai', STT_OPENAI_BASE_URL: oa.url, STT_OPENAI_API_KEY: oa.apiKey, STT_OPENAI_MODEL: oa.model, STT_LANGUAGE: 'en' },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await oa?.stop();
  });

  it('each side’s utterances are sent with their place in the recording kept, and the analysis reads them', async () => {
    // The lead's voice echoes on the agent's line in this one: the echo is not sent.
    const g = generateCall(1, { seconds: 40 });
    const where = whereInCall(g);
    const misheard: string[] = [];
    oa.hear = (samples) => {
      const heard = where(samples);
      if (!heard || heard.phrases.length === 0) {
        misheard.push(heard ? `${heard.side} at ${Math.round(heard.startMs)}` : 'not from the recording');
        return null;
      }
      // An utterance that runs over a pause holds each phrase it covers.
      return heard.phrases.map((k) => lineOf(heard.side, k)).join(' ');
    };
    const id = await recordedCall(t, g);
    await t.app.services.analysis.run(id);

    expect(oa.refused).toEqual([]);
    expect(misheard).toEqual([]);
    expect(oa.requests.length).toBeGreaterThan(0);
    expect(oa.requests.every((r) => r.speech && r.language === 'en' && r.sampleRate === g.sampleRate)).toBe(true);
    const items = await transcriptOf(t, id);
    expect(items).toHaveLength(oa.requests.length);
    expect(items.every((s) => s.source === 'recording')).toBe(true);
    onItsSide(items, g);
    // Every phrase of both sides was said in some segment of its speaker.
    for (const side of ['lead', 'agent'] as const) {
      const said = items
        .filter((s) => s.speaker === side)
        .map((s) => s.text)
        .join(' ');
      for (const k of g.truth[side].keys()) expect(said, `${side} phrase ${k}`).toContain(lineOf(side, k));
    }

    const a = await analysisOf(t, id);
    expect(a).toMatchObject({ status: 'done', error: null, sources: { recording: true, transcript: true, transcriptFrom: 'recording' } });
    expect(a.sentiment.lead).not.toBeNull();
    expect(a.objections.map((o) => o.type)).toContain('price');
    expect(a.keywords).toContain('bba');
    expect(a.summary.length).toBeGreaterThan(0);

    const sent = oa.requests.length;
    await t.app.services.analysis.run(id);
    expect(oa.requests).toHaveLength(sent);
    expect(await transcriptOf(t, id)).toHaveLength(items.length);
  });
});
