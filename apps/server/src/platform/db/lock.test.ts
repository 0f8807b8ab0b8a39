/**
 * The data-directory lock is held by the operating system, not by a PID in a file: it goes when
 * its process goes, however that happens, and a PID left behind blocks nobody.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type Proc, runModule } from '../../test/process.js';
import { DataDirLockedError, type LockOptions, lockDataDir } from './lock.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'telehub-lock-'));
const procs: Proc[] = [];
let n = 0;
const freshDir = () => path.join(root, `data-${++n}`);
afterEach(() => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Another process that takes the lock on `dir` and, if `stayAlive`, keeps running on a timer. */
async function holder(dir: string, options: LockOptions, stayAlive = true): Promise<Proc> {
  const lock = new URL('./lock.ts', import.meta.url).href;
  const proc = runModule(`
    import { lockDataDir } from ${JSON.stringify(lock)};
    await lockDataDir(${JSON.stringify(dir)}, ${JSON.stringify(options)});
    console.log('locked ' + process.pid);
    ${stayAlive ? 'setInterval(() => {}, 1000);' : ''}
  `);
  procs.push(proc);
  await proc.waitFor(/locked \d+/, 30_000);
  return proc;
}

// The platform's own lock (an abstract socket on Linux), and the socket file macOS and the BSDs use.
describe.each([
  { kind: 'default', options: {} },
  { kind: 'socket file', options: { socketFile: true } },
])('data-directory lock ($kind)', ({ options }: { options: LockOptions }) => {
  it('is not blocked by a lock file naming a live process that does not hold it', async () => {
    // The old lock trusted the PID: one naming the test runner, or PID 1 (the server itself in a
    // container, after an unclean stop), kept TeleHub from ever starting again.
    for (const pid of [process.pid, 1]) {
      const dir = freshDir();
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'telehub.lock'), String(pid));
      const lock = await lockDataDir(dir, options);
      lock.release();
    }
  });

  it('refuses a second process while the first lives, and lets it in once the first is killed', async () => {
    const dir = freshDir();
    const first = await holder(dir, options);
    const error = await lockDataDir(dir, options).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(DataDirLockedError);
    expect((error as Error).message).toContain(`in use by another TeleHub process (pid ${first.child.pid})`);
    expect((error as Error).message).toContain('TELEHUB_DATA_DIR');

    // Killed outright, nothing cleans up: a socket file stays behind, its connect refused.
    first.child.kill('SIGKILL');
    await first.exited();
    if (options.socketFile) expect(existsSync(path.join(dir, 'telehub.sock'))).toBe(true);
    const lock = await lockDataDir(dir, options);
    lock.release();
  });

  it('is refused within one process too, and free again once released', async () => {
    const dir = freshDir();
    const lock = await lockDataDir(dir, options);
    await expect(lockDataDir(dir, options)).rejects.toBeInstanceOf(DataDirLockedError);
    lock.release();
    lock.release();
    const again = await lockDataDir(dir, options);
    again.release();
  });

  it('is one lock for one directory, whatever path names it', async () => {
    const dir = freshDir();
    mkdirSync(dir, { recursive: true });
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    const lock = await lockDataDir(link, options);
    await expect(lockDataDir(`${dir}/.`, options)).rejects.toBeInstanceOf(DataDirLockedError);
    lock.release();
  });

  it('does not keep a process alive on its own', async () => {
    const proc = await holder(freshDir(), options, false);
    expect(await proc.exited(15_000)).toBe(0);
  });
});
