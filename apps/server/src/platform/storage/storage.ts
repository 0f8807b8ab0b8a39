/**
 * Files (uploaded imports, reject reports, later recordings and exports) behind one interface.
 * The local implementation keeps them under TELEHUB_DATA_DIR/files.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileStore {
  put(key: string, body: Readable): Promise<{ size: number }>;
  /** The file, or the bytes start..end (inclusive) of it. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  size(key: string): Promise<number>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_.-]*$/i;

export function createLocalFileStore(root: string): FileStore {
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`Unsafe file key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, body) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      await pipeline(body, createWriteStream(file));
      return { size: (await stat(file)).size };
    },
    async get(key, range) {
      const file = resolve(key);
      await stat(file); // fail here, not mid-stream, when the file is missing
      return createReadStream(file, range);
    },
    async size(key) {
      return (await stat(resolve(key))).size;
    },
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
