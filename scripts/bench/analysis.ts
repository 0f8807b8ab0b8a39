/**
 * Call analysis from the recording: how accurately the audio measures find who spoke when, and
 * how many 3-minute dual-channel recordings 2 cores analyse per minute.
 *
 * Accuracy is measured on generated recordings whose speech is known (apps/server/src/test/recordings.ts:
 * turns, phrases and syllables on two channels, pauses, dead air, overlaps, backchannels, each side
 * at its own level over line noise, hum and echo), in 16-bit PCM and mu-law at 8 and 16 kHz.
 * Targets: talk ratio within 0.03 and dead air within 1 s of the truth. The baseline in the same
 * run is the live path's streaming detector (providers/stt/openai/vad.ts) applied to each channel,
 * which cuts utterances for transcription and was never meant to time speech.
 *
 * Throughput: the same recordings decoded and measured, in one process and in a process per core
 * (each with its share, made before the clock starts). Then the whole job as the server runs it
 * (`analysis.run` on a real database: the call and its 60-utterance transcript read, the recording
 * decrypted and measured, the transcript read by the model, the result stored, the call scored by
 * the demo's scorecard), one call at a time as a node's job runner takes them, and two at a time.
 * PostgreSQL with DATABASE_URL, else the embedded database.
 *
 *   npm run bench:analysis [-- --calls 40 --seconds 180 --job-calls 40]
 * Prints one JSON object, then a table.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type ChannelSpeech, measure, measureRecording } from '../../apps/server/src/modules/analysis/analysis.audio.js';
import { STARTER_SCORECARD } from '../../apps/server/src/modules/qa/index.js';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/context.js';
import { rowsOf } from '../../apps/server/src/platform/db/client.js';
import { parseWav, wavChannels } from '../../apps/server/src/providers/stt/audio.js';
import { EnergyVad } from '../../apps/server/src/providers/stt/openai/vad.js';
import { CONVERSATIONS } from '../../apps/server/src/providers/telephony/simulator/conversations.js';
import { createTestApp } from '../../apps/server/src/test/harness.js';
import { generateCall } from '../../apps/server/src/test/recordings.js';

const shapeOf = (seed: number) => ({
  encoding: seed % 2 ? ('pcm' as const) : ('mulaw' as const),
  sampleRate: seed % 3 ? (8000 as const) : (16000 as const),
  agentWeight: 0.3 + (seed % 5) * 0.1,
  noisy: seed % 4 === 0,
});

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '40' },
    seconds: { type: 'string', default: '180' },
    'job-calls': { type: 'string', default: '40' },
    share: { type: 'string' },
  },
});
const calls = Number(values.calls);
const seconds = Number(values.seconds);
const jobCalls = Number(values['job-calls']);

/**
 * The whole analysis job on `n` finished calls of `seconds` each (recording stored encrypted, 60
 * utterances of transcript), one at a time and then two at a time; calls per minute each way.
 */
async function jobThroughput(n: number): Promise<{ oneAtATime: number; twoAtATime: number; scored: number }> {
  const t = await createTestApp({});
  try {
    const s = t.app.services;
    await s.qa.createScorecard(SYSTEM_ACTOR, STARTER_SCORECARD);
    const lead = await s.leads.create(SYSTEM_ACTOR, { name: 'Bench Lead', phone: '9001155501', ownerId: t.cast.telecaller.id });
    const db = t.db.database.db;
    const make = async (seed: number) => {
      const g = generateCall(seed, { ...shapeOf(seed), seconds });
      const at = new Date(Date.now() - 3_600_000);
      const [c] = rowsOf<{ id: string }>(
        await db.execute(sql`insert into calls (lead_id, agent_id, provider, provider_call_id, status, answered_at, ended_at, duration_seconds, recording_available, disposition)
          values (${lead.id}, ${t.cast.telecaller.id}, 'simulator', ${`bench-${seed}`}, 'completed', ${at.toISOString()}, ${new Date(at.getTime() + seconds * 1000).toISOString()}, ${seconds}, true, 'interested')
          returning id`),
      );
      const id = c?.id ?? '';
      const conv = CONVERSATIONS[seed % CONVERSATIONS.length] ?? CONVERSATIONS[0];
      const lines = Array.from({ length: 60 }, (_, i) => conv?.lines[i % (conv?.lines.length ?? 1)]);
      const step = (seconds * 1000) / 60;
      const rows = lines.map((l, i) => ({
        seq: i,
        speaker: l?.speaker ?? 'agent',
        language: conv?.language ?? 'en',
        text: l?.text ?? '',
        startMs: Math.round(i * step),
        endMs: Math.round((i + 0.8) * step),
      }));
      await db.execute(sql`insert into transcript_segments (call_id, seq, speaker, language, text, start_ms, end_ms)
        select ${id}::uuid, x.seq, x.speaker, x.language, x.text, x."startMs", x."endMs"
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(seq int, speaker text, language text, text text, "startMs" int, "endMs" int)`);
      await s.recordings.save(id, g.wav, 'audio/wav');
      return id;
    };
    const first: string[] = [];
    const second: string[] = [];
    for (let i = 1; i <= n; i++) first.push(await make(i));
    for (let i = 1; i <= n; i++) second.push(await make(n + i));
    const t0 = performance.now();
    for (const id of first) await s.analysis.run(id);
    const oneAtATime = (n / ((performance.now() - t0) / 1000)) * 60;
    const queue = [...second];
    const t1 = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let id = queue.shift(); id; id = queue.shift()) await s.analysis.run(id);
      }),
    );
    const twoAtATime = (n / ((performance.now() - t1) / 1000)) * 60;
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from call_scores`));
    return { oneAtATime, twoAtATime, scored: Number(row?.n ?? 0) };
  } finally {
    await t.close();
  }
}

if (values.share !== undefined) {
  // A child: makes its share of the recordings, says it is ready, measures them on "go", says how long it took.
  const [index, of] = values.share.split('/').map(Number) as [number, number];
  const files = Array.from({ length: calls }, (_, i) => i + 1)
    .filter((seed) => seed % of === index)
    .map((seed) => generateCall(seed, { ...shapeOf(seed), seconds }).wav);
  process.stdout.write('ready\n');
  process.stdin.once('data', () => {
    const t = performance.now();
    for (const file of files) measureRecording(file);
    process.stdout.write(`${JSON.stringify({ calls: files.length, seconds: (performance.now() - t) / 1000 })}\n`);
    process.exit(0);
  });
} else {
  /** The live detector's utterances on one channel, as speech segments. */
  const streaming = (samples: Int16Array, sampleRate: number): ChannelSpeech => {
    const segments: { startMs: number; endMs: number }[] = [];
    const vad = new EnergyVad({ sampleRate, maxUtteranceMs: 60_000 }, (u) => segments.push({ startMs: u.startMs, endMs: u.endMs }));
    vad.push(samples);
    vad.flush();
    return { segments, syllables: 0 };
  };

  type Errors = { ratio: number[]; deadAir: number[]; monologue: number[]; rate: number[] };
  const errors = {
    analysis: { ratio: [], deadAir: [], monologue: [], rate: [] } as Errors,
    streaming: { ratio: [], deadAir: [], monologue: [], rate: [] } as Errors,
  };
  const recordings: Buffer[] = [];
  for (let seed = 1; seed <= calls; seed++) {
    const g = generateCall(seed, { ...shapeOf(seed), seconds });
    recordings.push(g.wav);
    const truth = measure(
      { segments: g.truth.lead, syllables: g.truth.syllables.lead },
      { segments: g.truth.agent, syllables: g.truth.syllables.agent },
      g.durationMs,
    );
    const got = measureRecording(g.wav);
    const wav = parseWav(g.wav, { lenient: true });
    const [lead, agent] = wavChannels(wav) as [Int16Array, Int16Array];
    const base = measure(streaming(lead, wav.sampleRate), streaming(agent, wav.sampleRate), g.durationMs);
    for (const [m, e] of [
      [got, errors.analysis],
      [base, errors.streaming],
    ] as const) {
      e.ratio.push(Math.abs((m.talkRatio ?? 0) - (truth.talkRatio ?? 0)));
      e.deadAir.push(Math.abs(m.deadAirSeconds - truth.deadAirSeconds));
      e.monologue.push(Math.abs(m.longestMonologue.seconds - truth.longestMonologue.seconds));
      for (const s of ['lead', 'agent'] as const)
        if (m.speakingRate[s] !== null) e.rate.push(Math.abs((m.speakingRate[s] ?? 0) / (truth.speakingRate[s] ?? 1) - 1));
    }
  }
  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length), p95: s[Math.floor(0.95 * (s.length - 1))] ?? 0, max: s[s.length - 1] ?? 0 };
  };
  const accuracy = Object.fromEntries(
    Object.entries(errors).map(([k, e]) => [
      k,
      { talkRatio: stat(e.ratio), deadAirSeconds: stat(e.deadAir), monologueSeconds: stat(e.monologue), speakingRate: stat(e.rate) },
    ]),
  ) as Record<
    keyof typeof errors,
    {
      talkRatio: ReturnType<typeof stat>;
      deadAirSeconds: ReturnType<typeof stat>;
      monologueSeconds: ReturnType<typeof stat>;
      speakingRate: ReturnType<typeof stat>;
    }
  >;

  // Throughput, one thread: decoding and measuring only (the recordings are already made).
  const t0 = performance.now();
  for (const wav of recordings) measureRecording(wav);
  const oneThread = (calls / ((performance.now() - t0) / 1000)) * 60;

  // A process per core, each with its share of the recordings, started together.
  const cores = Math.max(1, os.availableParallelism());
  const self = fileURLToPath(import.meta.url);
  const children = Array.from({ length: cores }, (_, i) =>
    spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', self, '--calls', String(calls), '--seconds', String(seconds), '--share', `${i}/${cores}`],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    ),
  );
  const lines = children.map((c) => {
    const rl = createInterface({ input: c.stdout });
    const it = rl[Symbol.asyncIterator]();
    return async () => String((await it.next()).value ?? '');
  });
  await Promise.all(lines.map((next) => next()));
  const t1 = performance.now();
  for (const c of children) c.stdin.write('go\n');
  await Promise.all(lines.map((next) => next()));
  const allCores = (calls / ((performance.now() - t1) / 1000)) * 60;

  // The whole job, on a real database.
  const job = await jobThroughput(jobCalls);
  if (job.scored !== 2 * jobCalls) throw new Error(`only ${job.scored} of ${2 * jobCalls} calls were scored`);

  const TARGET = { talkRatio: 0.03, deadAirSeconds: 1 };
  const met = accuracy.analysis.talkRatio.max <= TARGET.talkRatio && accuracy.analysis.deadAirSeconds.max <= TARGET.deadAirSeconds;
  console.log(
    JSON.stringify({
      calls,
      seconds,
      accuracy,
      throughput: { callsPerMinuteOneThread: Math.round(oneThread), callsPerMinuteAllCores: Math.round(allCores), cores },
      job: {
        calls: jobCalls,
        database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
        callsPerMinuteOneAtATime: Math.round(job.oneAtATime),
        callsPerMinuteTwoAtATime: Math.round(job.twoAtATime),
      },
      targets: { ...TARGET, met },
    }),
  );
  const f = (x: number, d = 3) => x.toFixed(d).padStart(7);
  console.log(`\n${calls} generated ${seconds}-second dual-channel recordings; absolute error against the known speech`);
  console.log('detector               talk ratio mean/p95/max      dead air s mean/p95/max      monologue s mean/max   rate rel. mean');
  for (const [name, a] of [
    ['whole recording', accuracy.analysis],
    ['live streaming (base)', accuracy.streaming],
  ] as const) {
    console.log(
      `${name.padEnd(22)} ${f(a.talkRatio.mean)} ${f(a.talkRatio.p95)} ${f(a.talkRatio.max)}    ${f(a.deadAirSeconds.mean, 2)} ${f(a.deadAirSeconds.p95, 2)} ${f(a.deadAirSeconds.max, 2)}    ${f(a.monologueSeconds.mean, 2)} ${f(a.monologueSeconds.max, 2)}   ${name === 'whole recording' ? f(a.speakingRate.mean) : '      -'}`,
    );
  }
  console.log(
    `\nthroughput: ${Math.round(oneThread)} calls/min on one thread, ${Math.round(allCores)} calls/min on ${cores} cores (decode and audio measures)`,
  );
  console.log(
    `whole job (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; read, decrypt, measure, read the transcript, store, score): ${Math.round(job.oneAtATime)} calls/min one at a time, ${Math.round(job.twoAtATime)} two at a time`,
  );
  console.log(`targets: talk ratio within ${TARGET.talkRatio}, dead air within ${TARGET.deadAirSeconds} s: ${met ? 'met' : 'MISSED'}`);
}
