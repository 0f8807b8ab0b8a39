/**
 * The auto-dialer over an 8-hour shift, on a simulated clock: the real pacer, queue, gates and
 * call engine on a real database (PostgreSQL with DATABASE_URL, else the embedded one), with the
 * leads' phones and the telecallers simulated (apps/server/src/test/dialer-world.ts).
 * Answer rate 30%, no answer 50%, failed 20%, ring 5-20 s, talk log-normal with mean 180 s,
 * wrap-up 20 s. Manual is the baseline: the agent looks up and dials each lead by hand (15 s),
 * then waits through the ring like everyone else.
 *
 * For 10 and 30 agents: manual, progressive, power 2.0 and predictive. A second scenario drops the
 * answer rate to 10% for the fourth hour, for the modes that can abandon (power, predictive).
 * Prints one JSON object, then a table. Runs each world in its own process, a few at a time.
 *
 *   npm run bench:dialer [-- --hours 8 --agents 10,30 --parallel 3]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { WorldOptions, WorldResult } from '../../apps/server/src/test/dialer-world.js';

const { values } = parseArgs({
  options: {
    hours: { type: 'string', default: '8' },
    agents: { type: 'string', default: '10,30' },
    parallel: { type: 'string', default: '3' },
    one: { type: 'string' },
  },
});

type Job = { scenario: 'steady' | 'drop'; mode: WorldOptions['mode']; agents: number; hours: number };

/** Answer rate 30%; in the drop scenario 10% through the fourth hour. */
const answerRate = (scenario: Job['scenario']) => (atMs: number) => (scenario === 'drop' && atMs >= 3 * 3_600_000 && atMs < 4 * 3_600_000 ? 0.1 : 0.3);

if (values.one) {
  // A child: one world, its result as the last line.
  const { runWorld } = await import('../../apps/server/src/test/dialer-world.js');
  const job = JSON.parse(values.one) as Job;
  const r = await runWorld({ ...job, ratio: 2, answerRate: answerRate(job.scenario), wrapUpSeconds: 20, manualDialSeconds: 15, seed: 11 });
  process.stdout.write(`${JSON.stringify({ ...job, ...r, mode: r.mode })}\n`);
  process.exit(0);
}

const hours = Number(values.hours);
const sizes = values.agents.split(',').map(Number);
const jobs: Job[] = [];
for (const agents of sizes) {
  for (const mode of ['manual', 'progressive', 'power', 'predictive'] as const) jobs.push({ scenario: 'steady', mode, agents, hours });
  for (const mode of ['power', 'predictive'] as const) jobs.push({ scenario: 'drop', mode, agents, hours });
}
// The longest first, so the pool ends together.
jobs.sort((a, b) => b.agents - a.agents);

const self = fileURLToPath(import.meta.url);
function runChild(job: Job): Promise<Job & WorldResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', self, '--one', JSON.stringify(job)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop();
      if (code !== 0 || !last) reject(new Error(`world ${JSON.stringify(job)} failed (exit ${code})`));
      else resolve(JSON.parse(last) as Job & WorldResult);
    });
  });
}

const started = performance.now();
const results: (Job & WorldResult)[] = [];
const queue = [...jobs];
await Promise.all(
  Array.from({ length: Number(values.parallel) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const r = await runChild(job);
      results.push(r);
      process.stderr.write(`  done: ${job.scenario} ${r.mode} x${job.agents} in ${r.wallSeconds.toFixed(0)} s\n`);
    }
  }),
);

const find = (scenario: Job['scenario'], mode: string, agents: number) =>
  results.find((r) => r.scenario === scenario && r.mode.startsWith(mode) && r.agents === agents);
const targets = sizes.map((agents) => {
  const manual = find('steady', 'manual', agents);
  const progressive = find('steady', 'progressive', agents);
  const predictive = find('steady', 'predictive', agents);
  const paced = results.filter((r) => r.agents === agents && (r.mode.startsWith('power') || r.mode === 'predictive'));
  const need = agents >= 30 ? 50 : 46;
  return {
    agents,
    predictiveTalkMinutes: predictive?.talkMinutesPerAgentHour ?? 0,
    predictiveTarget: need,
    predictiveMet: (predictive?.talkMinutesPerAgentHour ?? 0) >= need,
    progressiveOverManual: manual && progressive ? progressive.talkMinutesPerAgentHour / manual.talkMinutesPerAgentHour : 0,
    progressiveMet: manual && progressive ? progressive.talkMinutesPerAgentHour >= 1.15 * manual.talkMinutesPerAgentHour : false,
    worstAbandonRate: Math.max(0, ...paced.map((r) => r.abandonRate)),
    abandonMet: paced.every((r) => r.abandonRate <= 0.03),
  };
});

const round = (v: number, d = 1) => Number(v.toFixed(d));
const rows = [...results].sort((a, b) => a.scenario.localeCompare(b.scenario) * -1 || a.agents - b.agents || a.mode.localeCompare(b.mode));
console.log(
  JSON.stringify({
    hours,
    database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
    wallSeconds: round((performance.now() - started) / 1000),
    results: rows.map((r) => ({
      scenario: r.scenario,
      mode: r.mode,
      agents: r.agents,
      talkMinutesPerAgentHour: round(r.talkMinutesPerAgentHour),
      abandonRate: round(r.abandonRate, 4),
      occupancy: round(r.occupancy, 3),
      dialsPerAgentHour: round(r.dialsPerAgentHour),
      dialsPerHour: round(r.dials / hours),
      dials: r.dials,
      answered: r.answered,
      abandoned: r.abandoned,
    })),
    targets,
  }),
);
console.log('');
console.log('| scenario | agents | mode | talk min / agent-hour | abandon rate | occupancy | dials / hour | dials / agent-hour |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(
    `| ${r.scenario === 'drop' ? '30% → 10% in hour 4' : 'steady 30%'} | ${r.agents} | ${r.mode} | ${r.talkMinutesPerAgentHour.toFixed(1)} | ${(r.abandonRate * 100).toFixed(2)}% | ${(r.occupancy * 100).toFixed(0)}% | ${(r.dials / hours).toFixed(0)} | ${r.dialsPerAgentHour.toFixed(1)} |`,
  );
}
console.log('');
for (const t of targets) {
  console.log(
    `${t.agents} agents: predictive ${t.predictiveTalkMinutes.toFixed(1)} talk min/agent-hour (target ${t.predictiveTarget}: ${t.predictiveMet ? 'met' : 'MISSED'}); progressive ${t.progressiveOverManual.toFixed(2)}x manual (target 1.15x: ${t.progressiveMet ? 'met' : 'MISSED'}); worst paced abandon rate ${(t.worstAbandonRate * 100).toFixed(2)}% (target <= 3%: ${t.abandonMet ? 'met' : 'MISSED'})`,
  );
}
