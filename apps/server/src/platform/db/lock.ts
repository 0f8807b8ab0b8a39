/**
 * One process per embedded data directory. PGlite is single-process; a second server on the
 * same directory would corrupt it, so it must fail fast and leave the first one running.
 *
 * The lock is a listening Unix socket named after the directory, so the kernel holds it and
 * drops it when the process ends, however it ends: a stale lock cannot exist, and no PID is ever
 * trusted (a PID left in a file once kept TeleHub from starting whenever that number belonged to
 * any live process, PID 1 in a container included). On Linux the socket lives in the abstract
 * namespace, where binding is atomic and leaves no file; on Windows it is a named pipe; elsewhere
 * it is a socket file in the directory, and one whose connect is refused has lost its owner.
 * The holder's PID is written beside it for the error message only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `The data directory ${dataDir} is in use by another TeleHub process${pid ? ` (pid ${pid})` : ''}. ` +
        'Stop that process, or point TELEHUB_DATA_DIR at another directory.',
    );
    this.name = 'DataDirLockedError';
  }
}

export type DataDirLock = { dataDir: string; release(): void };

const INFO_FILE = 'telehub.lock';

export type LockOptions = {
  /** Lock with a socket file in the directory, as on macOS and the BSDs, on any platform. */
  socketFile?: boolean;
};

/** Where the lock lives, and whether that is a file a dead holder leaves behind. */
function lockAddress(dir: string, opts: LockOptions): { path: string; file: boolean } {
  const id = `telehub-${createHash('sha256').update(dir).digest('hex')}`;
  if (!opts.socketFile && process.platform === 'linux') return { path: `\0${id}`, file: false };
  if (!opts.socketFile && process.platform === 'win32') return { path: `\\\\.\\pipe\\${id}`, file: false };
  const inDir = path.join(dir, 'telehub.sock');
  // A socket path must fit in about 100 bytes; a deep directory falls back to the temp dir.
  return { path: Buffer.byteLength(inDir) < 100 ? inDir : path.join(os.tmpdir(), `${id.slice(0, 40)}.sock`), file: true };
}

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ path: address, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Whether something listens on the socket file (its holder is alive). */
function answers(address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ path: address });
    socket.setTimeout(2_000, () => {
      socket.destroy();
      resolve(true); // a holder too busy to accept is still a holder
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(false);
      else reject(err);
    });
  });
}

function holderPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(path.join(dataDir, INFO_FILE), 'utf8').trim(), 10);
    return Number.isFinite(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isInUse(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

export async function lockDataDir(dataDir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const address = lockAddress(realpathSync(dataDir), opts);
  // Whoever connects (a starting process checking a socket file) is let go at once.
  const server = net.createServer((socket) => socket.destroy());
  try {
    await listen(server, address.path);
  } catch (err) {
    if (!isInUse(err)) throw err;
    if (!address.file || (await answers(address.path))) throw new DataDirLockedError(dataDir, holderPid(dataDir));
    // The file of a holder that died: take its place. (Two processes starting at the same instant
    // on such a file could both get through; where the bind alone decides, Linux and Windows,
    // they cannot.)
    try {
      unlinkSync(address.path);
    } catch {
      // already removed by the other starter
    }
    try {
      await listen(server, address.path);
    } catch (again) {
      if (isInUse(again)) throw new DataDirLockedError(dataDir, holderPid(dataDir));
      throw again;
    }
  }
  // The lock must never be the reason the process stays up.
  server.unref();
  server.on('error', () => {});
  const info = path.join(dataDir, INFO_FILE);
  try {
    writeFileSync(info, String(process.pid));
  } catch {
    // Only the error message of a second process would miss it.
  }
  let released = false;
  return {
    dataDir,
    release() {
      if (released) return;
      released = true;
      // Closing a listening socket file also removes it.
      server.close();
      try {
        if (readFileSync(info, 'utf8').trim() === String(process.pid)) unlinkSync(info);
      } catch {
        // already gone
      }
    },
  };
}
