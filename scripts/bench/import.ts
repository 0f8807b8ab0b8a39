/**
 * File import at a million rows. Generates a 1,000,000-row CSV (messy on purpose: phone formats,
 * Devanagari names, duplicates, invalid numbers, extra columns), imports it into a fresh
 * PostgreSQL database through the real CLI (`telehub import`, compiled), and measures rows/s and
 * the peak RSS of that process. The baseline, in the same run: a naive importer that inserts
 * row by row (a lookup and an insert per row), timed on the first 20,000 rows.
 *
 *   npm run bench:import [-- --rows 1000000 --baseline-rows 20000]
 * Needs DATABASE_URL (PostgreSQL); prints one JSON object.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { normalizePhone } from '../../apps/server/src/platform/phone.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, 'baseline-rows': { type: 'string', default: '20000' } } });
const ROWS = Number(values.rows);
const BASELINE_ROWS = Number(values['baseline-rows']);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The import benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(root, 'apps/server/dist/cli.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'telehub-bench-import-'));

const FIRST = ['Priya', 'Rahul', 'Sunita', 'Amit', 'Kavya', 'Imran', 'Lakshmi', 'Arjun', 'Fatima', 'Rohan', 'पूजा', 'राहुल', 'सीमा'];
const LAST = ['Sharma', 'Verma', 'Reddy', 'Iyer', 'Khan', 'Patil', 'Das', 'Singh', 'Nair', 'Gupta', 'मिश्रा', 'शर्मा'];
const CITIES = ['Delhi', 'Mumbai', 'Pune', 'Lucknow', 'Patna', 'Chennai', 'लखनऊ', 'Jaipur'];

/** The i-th phone in one of the forms people type; 1% invalid, 2% repeating an earlier row. */
function phoneFor(i: number): string {
  if (i % 100 === 7) return `12${i % 1000}`;
  const n = i % 50 === 3 && i > 100 ? i - 97 : i;
  const digits = String(6_000_000_000 + n * 3);
  switch (i % 5) {
    case 0:
      return digits;
    case 1:
      return `+91 ${digits.slice(0, 5)} ${digits.slice(5)}`;
    case 2:
      return `0${digits}`;
    case 3:
      return `91-${digits.slice(0, 5)}-${digits.slice(5)}`;
    default:
      return `(+91) ${digits}`;
  }
}

async function generate(file: string, rows: number) {
  const out = createWriteStream(file);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('\uFEFFStudent Name,Mobile No.,Email ID,City,School,Class,Remarks\r\n');
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i >> 3) % LAST.length]}`;
    const email = i % 3 === 0 ? `student${i}@example.org` : '';
    const remark = i % 11 === 0 ? '"Called twice, no answer\r\nTry evening"' : '';
    buf += `${name},${phoneFor(i)},${email},${CITIES[i % CITIES.length]},"School ${i % 700}, Block ${i % 9}",${6 + (i % 7)},${remark}\r\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** Runs the compiled CLI and samples its peak resident set (VmHWM) from /proc. */
async function runImport(file: string, url: string) {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'import', file, '--json'], {
    env: { ...process.env, DATABASE_URL: url, TELEHUB_DATA_DIR: path.join(work, 'data'), LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
  });
  let peakKb = 0;
  const sample = () => {
    try {
      const m = readFileSync(`/proc/${child.pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (m?.[1]) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // the process has exited
    }
  };
  const timer = setInterval(sample, 100);
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`import exited with ${code}:\n${stdout}`);
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}');
  return { seconds, peakRssMB: Math.round(peakKb / 1024), result };
}

/** The naive way: for each row a lookup by phone, then an insert (lead, identity), autocommitted. */
async function naive(file: string, url: string, rows: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const lines = readFileSync(file, 'utf8')
    .split('\r\n')
    .slice(1, rows + 1);
  const started = performance.now();
  let done = 0;
  for (const line of lines) {
    const [name, phoneRaw, email, city] = line.split(',');
    const p = normalizePhone(phoneRaw ?? '');
    done++;
    if (!p.ok || !name) continue;
    const found = await client.query('select id from leads where phone = $1 and deleted_at is null', [p.e164]);
    if (found.rows.length > 0) continue;
    const ins = await client.query('insert into leads (name, phone, email, city) values ($1, $2, $3, $4) returning id', [
      name,
      p.e164,
      email || null,
      city || null,
    ]);
    await client.query("insert into lead_identities (lead_id, source, external_id) values ($1, 'naive', $2)", [ins.rows[0].id, `row-${done}`]);
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { rows: done, seconds: Number(seconds.toFixed(1)), rowsPerSecond: Math.round(done / seconds) };
}

const file = path.join(work, 'leads.csv');
try {
  const genStart = performance.now();
  await generate(file, ROWS);
  const genSeconds = (performance.now() - genStart) / 1000;
  const dbA = await createPostgresDatabase(base);
  const dbB = await createPostgresDatabase(base);
  try {
    const imported = await runImport(file, dbA.url ?? '');
    const baseline = await naive(file, dbB.url ?? '', BASELINE_ROWS);
    const rowsPerSecond = Math.round(ROWS / imported.seconds);
    console.log(
      JSON.stringify(
        {
          benchmark: 'lead-import',
          rows: ROWS,
          fileMB: Math.round(statSync(file).size / 1_048_576),
          generateSeconds: Number(genSeconds.toFixed(1)),
          cpus: os.cpus().length,
          import: {
            seconds: Number(imported.seconds.toFixed(1)),
            rowsPerSecond,
            peakRssMB: imported.peakRssMB,
            created: imported.result.created,
            merged: imported.result.merged,
            rejected: imported.result.rejected,
            status: imported.result.status,
          },
          baselineRowByRow: baseline,
          speedup: Number((rowsPerSecond / baseline.rowsPerSecond).toFixed(1)),
          target: { rowsPerSecond: 20_000, peakRssMB: 400 },
          meetsTarget: rowsPerSecond >= 20_000 && imported.peakRssMB < 400,
        },
        null,
        2,
      ),
    );
  } finally {
    await dbA.drop();
    await dbB.drop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
