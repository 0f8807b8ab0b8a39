/**
 * Live calls' audio through an OpenAI-compatible transcription endpoint: the energy detector cuts
 * each speaker's utterances out of a real (espeak-ng) conversation streamed as Twilio sends it,
 * each goes to the stand-in as a WAV file it checks, and the answers are stored as segments. Then
 * the bounds of a media stream: its URL, its frames, its call, and an engine that falls behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrCreateSecret } from '../../platform/settings/settings.js';
import { until } from '../../platform/testing/until.js';
import { OpenAiSttStandin } from '../../providers/stt/openai/testing/openai-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { connectVendor, insertCall, listen, segmentsOf, type VendorSocket } from '../../test/media.js';
import { type Conversation, conversation, play, requireEspeak, twilioFrames } from '../../test/speech-audio.js';
import { createMediaTokens } from './speech.tokens.js';

let t: TestApp;
let port = 0;
let engine: OpenAiSttStandin;
let dir = '';
let talk: Conversation;
const SPEED = 4;
const LINES = [
  'Hello, I saw your message about the data science course.',
  'Thank you for calling back, the fee is forty thousand rupees.',
  'मुझे फीस के बारे में सोचना होगा।',
  'Koi baat nahi, aap kal tak bata dijiye.',
];

beforeAll(async () => {
  requireEspeak();
  dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-speech-'));
  engine = await new OpenAiSttStandin().start();
  t = await createTestApp({
    env: {
      STT_PROVIDER: 'openai',
      STT_OPENAI_BASE_URL: engine.url,
      STT_OPENAI_API_KEY: engine.apiKey,
      TELEHUB_MEDIA_MAX_FPS: '1000',
      TELEHUB_MEDIA_MAX_STREAMS_PER_CALL: '2',
      TELEHUB_MEDIA_IDLE_TIMEOUT: '2',
      TELEHUB_MEDIA_MAX_BACKLOG_MS: '2000',
    },
  });
  port = await listen(t);
  talk = conversation(
    [
      { speaker: 'lead', voice: 'en', text: LINES[0] ?? '' },
      { speaker: 'agent', voice: 'en', text: LINES[1] ?? '' },
      { speaker: 'lead', voice: 'hi', text: LINES[2] ?? '' },
      { speaker: 'agent', voice: 'en', text: LINES[3] ?? '' },
    ],
    dir,
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
  await engine?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const near = (actual: number, expected: number, tolerance = 300) => Math.abs(actual - expected) <= tolerance;
const ids = (callSid: string, streamSid = `MZ${callSid.slice(2, 10)}`) => ({ streamSid, callSid, accountSid: 'AC1' });
const start = (callSid: string, streamSid?: string) =>
  twilioFrames({ inbound: new Int16Array(0), outbound: new Int16Array(0) }, ids(callSid, streamSid), { stop: false });

async function opened(url: string | null): Promise<VendorSocket> {
  const v = connectVendor(port, url ?? '');
  expect(await v.opened).toBe(true);
  return v;
}

describe('Twilio media streams through an OpenAI-compatible endpoint', () => {
  it('cuts each speaker’s utterances, sends each as a WAV file, and stores the answers as the call’s segments', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    engine.script = [...LINES];
    const before = engine.requests.length;
    // Click-to-call: the stream is on the agent's leg, so inbound is the agent and outbound the lead.
    const vendor = await opened(t.app.services.speech.twilioStreamUrl(callId, 'agent'));
    await play(vendor.ws, twilioFrames({ inbound: talk.agent, outbound: talk.lead }, ids(providerCallId)), SPEED);
    await until('the four segments', async () => (await segmentsOf(t, callId)).length >= 4, 20_000);
    expect((await vendor.closed).code).toBe(1000);

    const stored = await segmentsOf(t, callId);
    expect(stored.map((s) => [s.speaker, s.language, s.text])).toEqual([
      ['lead', 'en', LINES[0]],
      ['agent', 'en', LINES[1]],
      ['lead', 'hi', LINES[2]],
      ['agent', 'hinglish', LINES[3]],
    ]);
    for (const [i, s] of stored.entries()) {
      const turn = talk.turns[i];
      expect(turn && near(s.startMs, turn.startMs) && near(s.endMs, turn.endMs), `turn ${i}: ${s.startMs}-${s.endMs} vs ${turn?.startMs}-${turn?.endMs}`).toBe(
        true,
      );
    }
    // Each utterance went once, whole (its speech plus a little before and after), as the endpoint takes it.
    const sent = engine.requests.slice(before);
    expect(engine.refused).toEqual([]);
    expect(sent.map((r) => [r.model, r.language, r.responseFormat, r.sampleRate, r.speech])).toEqual(Array(4).fill(['whisper-1', null, 'json', 8000, true]));
    for (const [i, r] of sent.entries()) {
      const turn = talk.turns[i];
      const spoken = (turn?.endMs ?? 0) - (turn?.startMs ?? 0);
      expect(r.durationMs, `utterance ${i}`).toBeGreaterThanOrEqual(spoken);
      expect(r.durationMs, `utterance ${i}`).toBeLessThanOrEqual(spoken + 600);
      expect(near(r.soundMs, spoken, 400), `utterance ${i} sound ${r.soundMs} vs ${spoken}`).toBe(true);
    }
  }, 60_000);

  it('drops frames, counted, while the engine is behind, and keeps the stream and what it already cut', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    engine.script = [...LINES];
    engine.delayMs = 3000;
    try {
      const vendor = await opened(t.app.services.speech.twilioStreamUrl(callId, 'lead'));
      await play(vendor.ws, twilioFrames({ inbound: talk.lead, outbound: talk.agent }, ids(providerCallId)), SPEED);
      expect((await vendor.closed).code).toBe(1000);
      // The first utterance of each speaker was being transcribed while the lead's second ended and
      // waited (2.5 s of audio, over the 2 s allowed): from then on frames were dropped, so the
      // agent's second utterance was never heard. What was cut is still transcribed and stored.
      const stored = await until(
        'the utterances cut before the drop',
        async () => {
          const s = await segmentsOf(t, callId);
          return s.length >= 3 ? s : null;
        },
        20_000,
      );
      expect(stored.map((s) => s.speaker)).toEqual(['lead', 'agent', 'lead']);
      const metrics = (await t.request({ method: 'GET', url: '/metrics' })).body;
      const dropped = Number(/telehub_media_frames_dropped_total\{reason="backlog"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
      expect(dropped).toBeGreaterThan(50);
    } finally {
      engine.delayMs = 0;
    }
  }, 60_000);
});

describe('media stream bounds', () => {
  it('refuses before the upgrade a URL without a token, or with a forged, expired or other vendor’s one', async () => {
    const { callId } = await insertCall(t, 'twilio');
    const good = t.app.services.speech.twilioStreamUrl(callId, 'lead') ?? '';
    const token = good.split('/media/twilio/')[1] ?? '';
    const tokens = createMediaTokens(await getOrCreateSecret(t.db.database.db, 'speech.media_secret'));
    const expired = tokens.sign({ kind: 'call', vendor: 'twilio', callId, leg: 'lead', expiresAt: Date.now() - 1000 });
    const forged = createMediaTokens('another-secret-of-at-least-32-characters').sign({
      kind: 'call',
      vendor: 'twilio',
      callId,
      leg: 'lead',
      expiresAt: Date.now() + 60_000,
    });
    const applet = t.app.services.speech.exotelAppletUrl().url.split('/media/exotel/')[1] ?? '';
    const flipped = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;
    for (const url of [
      '/media/twilio',
      `/media/twilio/${expired}`,
      `/media/twilio/${forged}`,
      `/media/twilio/${flipped}`,
      `/media/twilio/${applet}`,
      `/media/exotel/${token}`,
      '/media/twilio/x.y',
    ]) {
      expect(await connectVendor(port, `ws://h${url}`).opened, url).toBe(401);
    }
    // The same token as a query parameter works as well as in the path.
    const v = connectVendor(port, `ws://h/media/twilio?token=${token}`);
    expect(await v.opened).toBe(true);
    v.ws.close();
    // And GraphQL's websocket is untouched by the media routes.
    const gql = connectVendor(port, 'ws://h/graphql');
    expect(await gql.opened).toBe(true);
    gql.ws.close();
  });

  it('closes a stream that breaks the framing: too big a message, binary, not JSON, media before start, too many messages', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    const url = t.app.services.speech.twilioStreamUrl(callId, 'lead');
    const big = await opened(url);
    big.ws.send(JSON.stringify({ event: 'media', media: { track: 'inbound', payload: 'A'.repeat(40_000) } }));
    expect((await big.closed).code).toBe(1009);
    const binary = await opened(url);
    binary.ws.send(Buffer.alloc(160, 0xff));
    expect((await binary.closed).code).toBe(1007);
    const garbage = await opened(url);
    garbage.ws.send('{"event": "media", ');
    expect((await garbage.closed).code).toBe(1007);
    const early = await opened(url);
    early.ws.send(
      JSON.stringify({
        event: 'media',
        streamSid: 'MZ',
        media: { track: 'inbound', chunk: '1', timestamp: '0', payload: Buffer.alloc(160, 0xff).toString('base64') },
      }),
    );
    expect((await early.closed).code).toBe(1008);
    const flood = await opened(url);
    for (const f of start(providerCallId)) flood.ws.send(f.message);
    const mark = JSON.stringify({ event: 'mark', streamSid: 'MZ', mark: { name: 'x' } });
    for (let i = 0; i < 6000 && flood.ws.readyState === flood.ws.OPEN; i++) flood.ws.send(mark);
    expect(await flood.closed).toMatchObject({ code: 1008, reason: expect.stringContaining('messages a second') });
  });

  it('refuses a stream for a call that is not live, for another call, or one too many; closes streams when their call ends', async () => {
    const ended = await insertCall(t, 'twilio', 'completed');
    const late = await opened(t.app.services.speech.twilioStreamUrl(ended.callId, 'lead'));
    for (const f of start(ended.providerCallId)) late.ws.send(f.message);
    expect(await late.closed).toMatchObject({ code: 1008, reason: 'the call is completed' });

    const { callId, providerCallId } = await insertCall(t, 'twilio');
    const url = t.app.services.speech.twilioStreamUrl(callId, 'lead');
    const other = await opened(url);
    for (const f of start('CAsomeothercall')) other.ws.send(f.message);
    expect(await other.closed).toMatchObject({ code: 1008, reason: 'the stream is for another call' });

    const streams = [await opened(url), await opened(url)];
    for (const [i, s] of streams.entries()) for (const f of start(providerCallId, `MZ${i}`)) s.ws.send(f.message);
    await until('two streams open', () => t.app.services.speech.sessions.liveFor(callId) === 2);
    const third = await opened(url);
    for (const f of start(providerCallId, 'MZ3')) third.ws.send(f.message);
    expect(await third.closed).toMatchObject({ code: 1008, reason: 'the call already has 2 streams' });

    // The call ends (its provider's status event, through the one ingestion path): its streams close.
    await t.app.services.ingest({
      provider: 'twilio',
      providerEventId: `${providerCallId}:completed`,
      providerCallId,
      callId,
      kind: 'status',
      status: 'completed',
      occurredAt: new Date(),
      raw: {},
    });
    for (const s of streams) expect(await s.closed).toMatchObject({ code: 1000, reason: 'the call ended' });
    expect(t.app.services.speech.sessions.liveFor(callId)).toBe(0);
  });

  it('closes a stream that goes quiet', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    const quiet = await opened(t.app.services.speech.twilioStreamUrl(callId, 'lead'));
    for (const f of start(providerCallId)) quiet.ws.send(f.message);
    const at = Date.now();
    expect(await quiet.closed).toMatchObject({ code: 1008, reason: 'nothing sent for 2 s' });
    expect(Date.now() - at).toBeGreaterThanOrEqual(1900);
  });
});
