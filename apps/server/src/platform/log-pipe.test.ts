/**
 * A process whose log reader has gone away (the parent died, the pipe closed) must still stop:
 * a failed log write is dropped, never retried in a loop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Proc, runEntry, SERVER_ROOT } from '../test/process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-pipe-'));
const procs: Proc[] = [];
afterAll(() => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves with the exit code, or 'hung' (after killing it) if the child is still there after `ms`. */
function exitWithin(child: ReturnType<typeof spawn>, ms: number): Promise<number | null | 'hung'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve('hung');
    }, ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('logging to a closed pipe', () => {
  it('a logger whose stdout reader is gone lets the process exit right after logging', async () => {
    // What a shutdown does: log, then exit at once. The first write to the dead pipe is still in
    // flight when exit flushes the rest; pino's default destination retried that flush forever.
    const logging = new URL('./logging.ts', import.meta.url).href;
    const code = `
      import { createLogger } from ${JSON.stringify(logging)};
      const log = createLogger({ level: 'info' });
      log.info('started');
      process.on('SIGTERM', () => {
        for (let i = 0; i < 5; i++) log.info({ i }, 'shutting down');
        process.exit(0);
      });
      setInterval(() => {}, 1000);
      process.stderr.write('ready\\n');
    `;
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', code], {
      cwd: SERVER_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        err += String(d);
        if (err.includes('ready')) resolve();
      });
      child.once('exit', () => reject(new Error(`child exited early:\n${err}`)));
    });
    expect(await new Promise((r) => child.stdout.once('data', (d) => r(String(d))))).toContain('started');
    child.stdout.destroy();
    child.kill('SIGTERM');
    expect(await exitWithin(child, 10_000)).toBe(0);
  }, 60_000);

  it('the server exits on SIGTERM after the reader of its stdout has gone', async () => {
    const port = await freePort();
    const proc = runEntry('main.ts', { TELEHUB_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', TELEHUB_DEMO: '0', LOG_LEVEL: 'info' });
    procs.push(proc);
    await proc.waitFor(/TeleHub is running at/, 180_000);
    proc.child.stdout?.destroy();
    // Requests log access lines into the dead pipe, then the shutdown logs too.
    for (let i = 0; i < 5; i++) expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await exitWithin(proc.child, 15_000)).toBe(0);
  }, 240_000);
});
