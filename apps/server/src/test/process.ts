/** Runs the real entry points (main.ts, cli.ts) as child processes, from source. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const SERVER_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A local port nobody listens on, for a server started later by its own process. Taken below the
 * kernel's ephemeral range (32768-60999 on Linux): a port the kernel hands out for `listen(0)` is
 * also handed to outgoing connections, and with test files running side by side one of their
 * database sockets could take it between this probe and the server's listen (EADDRINUSE).
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000 after 50 tries');
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export type Proc = {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(timeoutMs?: number): Promise<number | null>;
};

/** Starts `src/<entry>` with tsx, resolving workspace packages to their TypeScript source. */
export function runEntry(entry: 'main.ts' | 'cli.ts', env: Record<string, string>, args: string[] = []): Proc {
  return track(
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', `src/${entry}`, ...args], {
      cwd: SERVER_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/** Runs `code`, an ES module that may import our TypeScript sources by file URL, in its own process. */
export function runModule(code: string): Proc {
  return track(
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--input-type=module', '--eval', code], {
      cwd: SERVER_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

function track(child: ChildProcess): Proc {
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs = 120_000) {
      const started = Date.now();
      while (Date.now() - started < timeoutMs) {
        const m = out.match(pattern);
        if (m) return m[0];
        if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${pattern}:\n${out}`);
    },
    async exited(timeoutMs = 30_000) {
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      const r = await Promise.race([exit, timer]);
      if (r === 'timeout') {
        child.kill('SIGKILL');
        throw new Error(`process did not exit within ${timeoutMs} ms:\n${out}`);
      }
      return r;
    },
  };
}
