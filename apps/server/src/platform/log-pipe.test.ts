/**
 * A process whose log reader has gone away (the parent died, the pipe closed) must still stop:
 * a failed log write is dropped, never retried in a loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Proc, runEntry, runModule } from '../test/process.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-pipe-'));
const procs: Proc[] = [];
afterAll(() => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

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
    const proc = runModule(code);
    procs.push(proc);
    await proc.waitFor(/ready/, 30_000);
    await proc.waitFor(/"msg":"started"/, 5_000);
    proc.child.stdout?.destroy();
    proc.child.kill('SIGTERM');
    expect(await proc.exited(10_000)).toBe(0);
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
    expect(await proc.exited(15_000)).toBe(0);
  }, 240_000);
});
