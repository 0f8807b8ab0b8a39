/**
 * Speech latency: from the end of an utterance in a call's audio to its transcript segment being
 * stored and published. Real speech (espeak-ng) is streamed in real time, as Twilio sends it,
 * into the real server's media websocket, for several calls at once, once through the Deepgram
 * stand-in (its endpointing decides the end) and once through the OpenAI-compatible stand-in (the
 * energy detector's hangover decides it). The stand-ins answer at once, so what is measured is
 * this server's part (end-of-speech detection, framing, storage); a real engine adds its own
 * network and inference time on top.
 *
 *   npm run bench:speech [-- --calls 4 --turns 6]
 * Uses DATABASE_URL when set, else embedded PGlite; needs espeak-ng. Prints one JSON object, then a table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DeepgramStandin } from '../../apps/server/src/providers/stt/deepgram/testing/deepgram-standin.js';
import { OpenAiSttStandin } from '../../apps/server/src/providers/stt/openai/testing/openai-standin.js';
import { createTestApp } from '../../apps/server/src/test/harness.js';
import { insertCall, listen, streamTwilio } from '../../apps/server/src/test/media.js';
import { conversation, requireEspeak, type Turn } from '../../apps/server/src/test/speech-audio.js';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '4' }, turns: { type: 'string', default: '6' } } });
const CALLS = Number(values.calls);
const TURNS = Number(values.turns);

const LINES: Turn[] = [
  { speaker: 'lead', voice: 'en', text: 'Hello, I saw your message about the data science course.' },
  { speaker: 'agent', voice: 'en', text: 'Thank you for calling back, the fee is forty thousand rupees.' },
  { speaker: 'lead', voice: 'hi', text: 'मुझे फीस के बारे में सोचना होगा।' },
  { speaker: 'agent', voice: 'en', text: 'Koi baat nahi, aap kal tak bata dijiye.' },
  { speaker: 'lead', voice: 'en', text: 'Is there an option to pay in monthly instalments?' },
  { speaker: 'agent', voice: 'en', text: 'Yes there is a twelve month plan with no extra cost.' },
];

requireEspeak();
const dir = mkdtempSync(path.join(os.tmpdir(), 'telehub-bench-speech-'));
const turns = Array.from({ length: TURNS }, (_, i) => LINES[i % LINES.length] as Turn);
const talk = conversation(turns, dir);
const pct = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);

async function measure(engine: 'deepgram' | 'openai') {
  const deepgram = engine === 'deepgram' ? await new DeepgramStandin().start() : null;
  const openai = engine === 'openai' ? await new OpenAiSttStandin().start() : null;
  const env: Record<string, string> = deepgram
    ? { STT_PROVIDER: 'deepgram', DEEPGRAM_API_KEY: deepgram.apiKey, DEEPGRAM_API_BASE_URL: deepgram.url }
    : { STT_PROVIDER: 'openai', STT_OPENAI_BASE_URL: openai?.url ?? '', STT_OPENAI_API_KEY: openai?.apiKey ?? '' };
  const t = await createTestApp({ env });
  const port = await listen(t);
  const latencies: number[] = [];
  try {
    const calls = await Promise.all(Array.from({ length: CALLS }, () => insertCall(t, 'twilio')));
    // The stand-ins answer each utterance in order: one script a channel (Deepgram), one for all (OpenAI, played in step).
    if (deepgram) {
      deepgram.script = [0, 1].map((ch) =>
        Array.from({ length: CALLS }, () => turns.filter((x) => (x.speaker === 'lead' ? 0 : 1) === ch).map((x) => ({ text: x.text }))).flat(),
      );
    }
    if (openai) openai.script = Array.from({ length: CALLS }, () => turns.map((x) => x.text)).flat();
    const endSent = new Map<string, number>();
    const off = t.app.services.bus.subscribe('transcript.segment', ({ segment }) => {
      const published = performance.now();
      // By where the utterance ends: an engine may settle a turn in pieces (a long pause after a comma), the last one ends with it.
      const turn = talk.turns.findIndex((x) => Math.abs(x.endMs - segment.endMs) < 400 && x.speaker === segment.speaker);
      const sent = endSent.get(`${segment.callId}:${turn}`);
      if (sent !== undefined) latencies.push(published - sent);
      else if (process.env.BENCH_DEBUG) console.error('unmatched', segment.speaker, segment.startMs, segment.endMs, turn, segment.text);
    });
    await streamTwilio(t, port, calls, talk, (callId, turn, at) => endSent.set(`${callId}:${turn}`, at));
    await new Promise((r) => setTimeout(r, 2000));
    off();
  } finally {
    await t.close();
    await deepgram?.stop();
    await openai?.stop();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    engine,
    utterances: CALLS * TURNS,
    measured: sorted.length,
    p50: pct(sorted, 50),
    p95: pct(sorted, 95),
    max: Math.round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

const results = [await measure('deepgram'), await measure('openai')];
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ calls: CALLS, turns: TURNS, audioSeconds: Math.round(talk.durationMs / 1000), results }));
console.log('\nengine    utterances  measured  p50 ms  p95 ms  max ms   (utterance end -> segment stored and published)');
for (const r of results)
  console.log(
    `${r.engine.padEnd(9)} ${String(r.utterances).padStart(10)} ${String(r.measured).padStart(9)} ${String(r.p50).padStart(7)} ${String(r.p95).padStart(7)} ${String(r.max).padStart(7)}`,
  );
