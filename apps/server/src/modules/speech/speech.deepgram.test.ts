/**
 * Live calls' audio through Deepgram: real speech (espeak-ng, English and Hindi) framed as Twilio
 * and Exotel send it, streamed into the real server's websocket, transcribed by the Deepgram
 * stand-in (which hears the audio: per channel, by the declared encoding), and stored as the
 * call's transcript segments with the right speaker, language and times, published on the bus;
 * interim results published and not stored. Also the TwiML that starts a Twilio call's stream.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TranscriptSegment } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../platform/events/bus.js';
import { until } from '../../platform/testing/until.js';
import { DeepgramStandin } from '../../providers/stt/deepgram/testing/deepgram-standin.js';
import { TwilioStandin } from '../../providers/telephony/twilio/testing/twilio-standin.js';
import { checkTwiml } from '../../providers/telephony/twilio/testing/twilio-standin.rules.js';
import { createTwilioProvider } from '../../providers/telephony/twilio/twilio.provider.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { connectVendor, insertCall, listen, segmentsOf } from '../../test/media.js';
import { type Conversation, conversation, exotelFrames, play, requireEspeak, twilioFrames } from '../../test/speech-audio.js';

let t: TestApp;
let port = 0;
let deepgram: DeepgramStandin;
let dir = '';
let talk: Conversation;
const SPEED = 4;

beforeAll(async () => {
  requireEspeak();
  dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-speech-'));
  deepgram = await new DeepgramStandin().start();
  t = await createTestApp({
    env: {
      STT_PROVIDER: 'deepgram',
      DEEPGRAM_API_KEY: deepgram.apiKey,
      DEEPGRAM_API_BASE_URL: deepgram.url,
      // Played four times faster than a call: Twilio's 100 messages a second become 400.
      TELEHUB_MEDIA_MAX_FPS: '1000',
    },
  });
  port = await listen(t);
  talk = conversation(
    [
      { speaker: 'lead', voice: 'en', text: 'Hello, I saw your message about the data science course.' },
      { speaker: 'agent', voice: 'en', text: 'Thank you for calling back, the fee is forty thousand rupees.' },
      { speaker: 'lead', voice: 'hi', text: 'मुझे फीस के बारे में सोचना होगा।' },
      { speaker: 'agent', voice: 'en', text: 'Koi baat nahi, aap kal tak bata dijiye.' },
    ],
    dir,
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
  await deepgram?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Collects what the bus publishes for one call while `run` goes on. */
async function watching<T>(callId: string, run: () => Promise<T>) {
  const segments: EventPayloads['transcript.segment'][] = [];
  const interims: EventPayloads['transcript.interim'][] = [];
  const offs = [
    t.app.services.bus.subscribe('transcript.segment', (p) => void (p.segment.callId === callId && segments.push(p))),
    t.app.services.bus.subscribe('transcript.interim', (p) => void (p.callId === callId && interims.push(p))),
  ];
  try {
    return { result: await run(), segments, interims };
  } finally {
    for (const off of offs) off();
  }
}

const near = (actual: number, expected: number, tolerance = 250) => Math.abs(actual - expected) <= tolerance;

describe('Twilio media streams through Deepgram', () => {
  it('stores each utterance as a segment of the right call, speaker and language, at its time in the stream', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    const url = t.app.services.speech.twilioStreamUrl(callId, 'lead');
    expect(url).toMatch(/^ws:\/\/localhost:3000\/media\/twilio\/[\w-]+\.[\w-]+$/);
    // The stream is on the lead's leg: inbound is the lead, outbound the agent (Deepgram channels 0 and 1).
    deepgram.script = [
      [
        { text: 'Hello, I saw your message about the data science course.', language: 'en' },
        { text: 'मुझे फीस के बारे में सोचना होगा।', language: 'hi' },
      ],
      [
        { text: 'Thank you for calling back, the fee is forty thousand rupees.', language: 'en' },
        { text: 'Koi baat nahi, aap kal tak bata dijiye.', language: 'hi' },
      ],
    ];
    const before = deepgram.connections.length;
    const { segments, interims } = await watching(callId, async () => {
      const vendor = connectVendor(port, url ?? '');
      expect(await vendor.opened).toBe(true);
      await play(
        vendor.ws,
        twilioFrames({ inbound: talk.lead, outbound: talk.agent }, { streamSid: 'MZ1', callSid: providerCallId, accountSid: 'AC1' }),
        SPEED,
      );
      await until('the four segments', async () => (await segmentsOf(t, callId)).length >= 4, 15_000);
      vendor.ws.close();
    });

    const stored = await segmentsOf(t, callId);
    expect(stored.map((s) => [s.speaker, s.language, s.text])).toEqual([
      ['lead', 'en', 'Hello, I saw your message about the data science course.'],
      ['agent', 'en', 'Thank you for calling back, the fee is forty thousand rupees.'],
      ['lead', 'hi', 'मुझे फीस के बारे में सोचना होगा।'],
      ['agent', 'hinglish', 'Koi baat nahi, aap kal tak bata dijiye.'],
    ]);
    // Stream time: where each turn was spoken in the audio.
    stored.forEach((s, i) => {
      const turn = talk.turns[i];
      expect(turn && near(s.startMs, turn.startMs) && near(s.endMs, turn.endMs), `turn ${i}: ${s.startMs}-${s.endMs} vs ${turn?.startMs}-${turn?.endMs}`).toBe(
        true,
      );
    });
    const seqs = stored.map((s) => s.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(4);
    // Published once each, after they were stored, with the call's agent.
    await until('segments published', () => segments.length === 4);
    expect(segments.map((p) => p.segment.text)).toEqual(stored.map((s) => s.text));
    expect(segments.every((p) => p.agentId === t.cast.telecaller.id)).toBe(true);
    // Interim results: on the bus for both speakers, never stored.
    expect(new Set(interims.map((i) => i.speaker))).toEqual(new Set(['lead', 'agent']));
    expect(interims.every((i) => i.callId === callId && i.agentId === t.cast.telecaller.id)).toBe(true);

    // Deepgram was asked as documented, and heard speech (not noise) on each channel.
    const conn = deepgram.connections[before];
    expect(Object.fromEntries(conn?.query ?? [])).toEqual({
      model: 'nova-3',
      encoding: 'mulaw',
      sample_rate: '8000',
      channels: '2',
      multichannel: 'true',
      language: 'multi',
      interim_results: 'true',
      punctuate: 'true',
      smart_format: 'true',
      endpointing: '300',
    });
    expect(conn?.heard.map((h) => [h.channel, h.speech])).toEqual([
      [0, true],
      [1, true],
      [0, true],
      [1, true],
    ]);
    await until('CloseStream sent at the end', () => conn?.closeStreams === 1);
  }, 60_000);

  it('reconnects when Deepgram drops the socket, and keeps later utterances at their stream times', async () => {
    const { callId, providerCallId } = await insertCall(t, 'twilio');
    const turns = talk.turns;
    const [first, second] = turns;
    if (!first || !second) throw new Error('conversation too short');
    // Dropped in the silence after the first turn.
    deepgram.dropAfterMs = first.endMs + 600;
    deepgram.script = [
      [{ text: 'Hello, I saw your message about the data science course.' }, { text: 'मुझे फीस के बारे में सोचना होगा।', language: 'hi' }],
      [{ text: 'Thank you for calling back, the fee is forty thousand rupees.' }, { text: 'Koi baat nahi, aap kal tak bata dijiye.' }],
    ];
    const before = deepgram.connections.length;
    const vendor = connectVendor(port, t.app.services.speech.twilioStreamUrl(callId, 'lead') ?? '');
    expect(await vendor.opened).toBe(true);
    await play(vendor.ws, twilioFrames({ inbound: talk.lead, outbound: talk.agent }, { streamSid: 'MZ2', callSid: providerCallId, accountSid: 'AC1' }), SPEED);
    const stored = await until(
      'the four segments',
      async () => {
        const s = await segmentsOf(t, callId);
        return s.length >= 4 ? s : null;
      },
      15_000,
    );
    vendor.ws.close();
    expect(deepgram.connections.length - before).toBe(2);
    expect(deepgram.connections[before]?.closedWith).toBe(-1);
    stored.forEach((s, i) => {
      const turn = turns[i];
      expect(turn && near(s.startMs, turn.startMs) && near(s.endMs, turn.endMs), `turn ${i}: ${s.startMs}-${s.endMs} vs ${turn?.startMs}-${turn?.endMs}`).toBe(
        true,
      );
    });
  }, 60_000);

  it('puts the stream in the TwiML of the leg it dials: the lead’s on dialer calls, the agent’s on click-to-call', async () => {
    const PUBLIC = 'https://telehub.example.test';
    const twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC }).start();
    try {
      const { speech } = t.app.services;
      const provider = createTwilioProvider({
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        callerId: twilio.callerId,
        apiBaseUrl: twilio.url,
        publicBaseUrl: PUBLIC,
        // As services.ts wires it, with the public host of this deployment.
        mediaStreamUrl: (callId, leg) => speech.twilioStreamUrl(callId, leg)?.replace('ws://localhost:3000', 'wss://telehub.example.test') ?? null,
      });
      const base = { agentPhone: '+919876500001', leadPhone: '+919812300002', record: false, ringTimeoutSeconds: 25, timeLimitSeconds: 1800 };
      for (const [mode, leg] of [
        ['lead_first', 'lead'],
        ['agent_first', 'agent'],
      ] as const) {
        const { callId } = await insertCall(t, 'twilio', 'dialing');
        const { providerCallId } = await provider.dial({ ...base, callId, mode });
        const twiml = twilio.calls.get(providerCallId)?.twiml ?? '';
        const [stream, ...more] = checkTwiml(twiml, PUBLIC).streams;
        expect(more).toEqual([]);
        expect(stream?.track).toBe('both_tracks');
        expect(twiml.indexOf('<Start><Stream')).toBeLessThan(twiml.indexOf('<Dial>'));
        const token = stream?.url.split('/media/twilio/')[1] ?? '';
        expect(speech.verify(token)).toMatchObject({ ok: true, grant: { kind: 'call', vendor: 'twilio', callId, leg } });
      }
    } finally {
      await twilio.stop();
    }
  }, 30_000);
});

describe('Exotel stream applet through Deepgram', () => {
  it('names the call by its call_sid, and stores the caller’s words as the lead’s', async () => {
    const { callId, providerCallId } = await insertCall(t, 'exotel');
    const res = await t.request({ method: 'GET', url: '/api/v1/speech/exotel-stream', as: t.cast.admin });
    expect(res.statusCode).toBe(200);
    const applet = res.json<{ url: string; transcribes: boolean }>();
    expect(applet).toMatchObject({ url: expect.stringMatching(/^ws:\/\/localhost:3000\/media\/exotel\/[\w-]+\.[\w-]+$/), transcribes: true });
    expect((await t.request({ method: 'GET', url: '/api/v1/speech/exotel-stream', as: t.cast.manager })).statusCode).toBe(403);

    deepgram.script = [[{ text: 'Hello, I saw your message about the data science course.' }, { text: 'मुझे फीस के बारे में सोचना होगा।', language: 'hi' }], []];
    const before = deepgram.connections.length;
    const vendor = connectVendor(port, applet.url);
    expect(await vendor.opened).toBe(true);
    const { segments } = await watching(callId, async () => {
      await play(vendor.ws, exotelFrames(talk.lead, { streamSid: 'EXS1', callSid: providerCallId, accountSid: 'telehub1' }), SPEED);
      await until('both lead segments', async () => (await segmentsOf(t, callId)).length >= 2, 15_000);
    });
    const closed = await vendor.closed;
    expect(closed.code).toBe(1000);
    const stored = await segmentsOf(t, callId);
    expect(stored.map((s) => [s.speaker, s.language, s.text])).toEqual([
      ['lead', 'en', 'Hello, I saw your message about the data science course.'],
      ['lead', 'hi', 'मुझे फीस के बारे में सोचना होगा।'],
    ]);
    const leadTurns = talk.turns.filter((x) => x.speaker === 'lead');
    for (const [i, s] of stored.entries()) expect(near(s.startMs, leadTurns[i]?.startMs ?? -1) && near(s.endMs, leadTurns[i]?.endMs ?? -1)).toBe(true);
    expect(segments.map((p: { segment: TranscriptSegment }) => p.segment.callId)).toEqual([callId, callId]);
    const conn = deepgram.connections[before];
    expect(conn?.query.get('encoding')).toBe('linear16');
    expect(conn?.query.get('channels')).toBe('1');
    expect(conn?.query.has('multichannel')).toBe(false);
  }, 60_000);
});
