/**
 * Call recordings kept encrypted: save (seal and store), open a plaintext byte range for playback,
 * remove, and rekey everything onto the current key after a rotation.
 *
 * Every write goes to a fresh object and the database row is then switched to it with a
 * compare-and-set, and only then is the old object deleted: a crash or a failed upload midway
 * never leaves a call pointing at a half-written file, and racing writers cannot lose each other's
 * objects.
 */
import { randomBytes } from 'node:crypto';
import { pipeline, Readable, type Transform } from 'node:stream';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import {
  createDecryptStream,
  createEncryptStream,
  DEFAULT_CHUNK_SIZE,
  decodeHeader,
  headerLength,
  type Keyring,
  type RecordingHeader,
  type RecordingKey,
  readPlan,
  sealedSize,
} from './recordings.crypto.js';
import { DESTROYED, FILE_KEY_ID, fileKeyring, newFileKey, unwrapKey, wrapKey } from './recordings.envelope.js';
import { RecordingErrors } from './recordings.errors.js';
import * as repo from './recordings.repo.js';
import type { ObjectStore, ObjectStoreName } from './recordings.store.js';

export type RecordingsDeps = {
  db: Db;
  clock: Clock;
  keyring: Keyring;
  store: ObjectStore;
  /** Plaintext bytes per sealed chunk for new files; default 64 KiB. */
  chunkSize?: number;
  /** Told about old objects that could not be deleted after a replacement, so an operator can. */
  logger?: Pick<Logger, 'warn'>;
};

export type RecordingStat = { size: number; contentType: string; keyId: string; store: ObjectStoreName };

/** Plaintext bytes start..end (inclusive) of a recording of `size` bytes; an empty recording is 0..-1. */
export type OpenedRecording = { stream: Readable; start: number; end: number; size: number; contentType: string };

export type RekeyResult = { rekeyed: number; failed: { callId: string; message: string }[] };

export type RecordingsService = ReturnType<typeof createRecordingsService>;

/** How often a compare-and-set is retried when other writers keep changing the same row. */
const SWAP_ATTEMPTS = 5;

/** Pipes `source` into `transform` and hands back `transform`; a failure of either reaches its reader. */
function chain(source: Readable, transform: Transform): Transform {
  pipeline(source, transform, () => undefined);
  return transform;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function* pieces(body: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

const isMissing = (err: unknown) => err instanceof Error && 'code' in err && err.code === 'RECORDING_OBJECT_MISSING';

export function createRecordingsService(deps: RecordingsDeps) {
  const { db, store, keyring } = deps;
  const chunkSize = deps.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const context = (callId: string) => `call:${callId}`;

  /** A fresh object key; a rekeyed file stays in the month folder it was first filed in. */
  function newObjectKey(callId: string, previous?: string): string {
    const folder = previous ? previous.slice(0, previous.lastIndexOf('/')) : `recordings/${deps.clock.now().toISOString().slice(0, 7).replace('-', '/')}`;
    return `${folder}/${callId}.${randomBytes(6).toString('hex')}.thr`;
  }

  function assertSameStore(row: repo.RecordingRow): void {
    if (row.store !== store.name) {
      throw RecordingErrors.RECORDING_STORE_FAILED(`The recording of call ${row.callId} is in the ${row.store} store, but this server uses ${store.name}`);
    }
  }

  async function readHeader(row: repo.RecordingRow): Promise<RecordingHeader> {
    const headerKeyId = row.wrappedKey === null ? row.keyId : FILE_KEY_ID;
    const header = decodeHeader(await readAll(await store.get(row.objectKey, { start: 0, end: headerLength(headerKeyId) - 1 })));
    if (header.keyId !== headerKeyId || header.size !== row.sizeBytes || header.chunkSize !== row.chunkSize) {
      throw RecordingErrors.RECORDING_CORRUPT(`The recording file of call ${row.callId} does not match its database row`);
    }
    return header;
  }

  /** The keys that open the row's file: its own key unwrapped, or the keyring for files sealed directly. */
  function ringFor(row: repo.RecordingRow): Keyring {
    if (row.wrappedKey === DESTROYED) throw RecordingErrors.RECORDING_NOT_FOUND('The recording’s key was destroyed');
    if (row.wrappedKey === null) return keyring;
    const by = keyring.get(row.keyId);
    if (!by)
      throw RecordingErrors.RECORDING_KEY_UNKNOWN(`The recording of call ${row.callId} is sealed under key "${row.keyId}", which this server does not hold`);
    return fileKeyring(unwrapKey(row.wrappedKey, by, context(row.callId)));
  }

  /** A new file key for `callId` and its wrapped form under the current keyring key. */
  function sealingKey(callId: string): { key: RecordingKey; wrappedKey: string } {
    const key = newFileKey();
    return { key, wrappedKey: wrapKey(key.key, keyring.current, context(callId)) };
  }

  async function deleteQuietly(objectKey: string, why: string): Promise<void> {
    try {
      await store.delete(objectKey);
    } catch (err) {
      deps.logger?.warn({ err, objectKey }, `recording object left behind (${why}); delete it by hand`);
    }
  }

  /** Seals `plaintext` (exactly `size` bytes) under `key` into a new object. */
  async function writeSealed(objectKey: string, callId: string, plaintext: Readable, size: number, key: RecordingKey): Promise<void> {
    const body = chain(plaintext, createEncryptStream({ key, size, context: context(callId), chunkSize }));
    try {
      await store.put(objectKey, body, sealedSize(size, key.id, chunkSize));
    } catch (err) {
      body.destroy();
      // A local file may be partly written; a bucket keeps nothing of a failed upload. The
      // original error is what the caller needs to see.
      await store.delete(objectKey).catch(() => undefined);
      throw err;
    }
  }

  /** Points the call's row at `values.objectKey`; returns the object it replaced. */
  async function swapIn(values: repo.RecordingValues): Promise<string | undefined> {
    for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
      const current = await repo.findRecording(db, values.callId);
      if (!current) {
        if (await repo.insertRecordingIfAbsent(db, values)) return undefined;
      } else if (await repo.replaceRecordingIf(db, values, current.objectKey)) return current.objectKey;
    }
    throw RecordingErrors.RECORDING_STORE_FAILED(`The recording row of call ${values.callId} kept changing; try again`);
  }

  async function rekeyOne(row: repo.RecordingRow): Promise<boolean> {
    if (row.wrappedKey === DESTROYED) return false;
    assertSameStore(row);
    const current = keyring.current;
    const header = await readHeader(row);
    const plan = readPlan(header, 0, header.size - 1);
    const decrypt = createDecryptStream({ header, keyring: ringFor(row), context: context(row.callId), plan });
    const source = await store.get(row.objectKey, { start: plan.cipherStart, end: plan.cipherEnd });
    const objectKey = newObjectKey(row.callId, row.objectKey);
    const { key, wrappedKey } = sealingKey(row.callId);
    // Chunks are checked as they stream through, so a damaged file fails the upload and the row
    // keeps pointing at the old object.
    await writeSealed(objectKey, row.callId, chain(source, decrypt), header.size, key);
    const values = {
      callId: row.callId,
      store: store.name,
      objectKey,
      keyId: current.id,
      wrappedKey,
      contentType: row.contentType,
      sizeBytes: header.size,
      chunkSize,
    };
    if (!(await repo.replaceRecordingIf(db, values, row.objectKey))) {
      // Saved again meanwhile, so already under the current key; this copy is stale.
      await deleteQuietly(objectKey, 'stale rekey copy');
      return false;
    }
    await deleteQuietly(row.objectKey, 'replaced by rekey');
    return true;
  }

  return {
    /** Seals and stores the recording of a call; saving again replaces it. Returns the plaintext size. */
    async save(callId: string, body: Buffer, contentType: string): Promise<{ sizeBytes: number }> {
      const { key, wrappedKey } = sealingKey(callId);
      const objectKey = newObjectKey(callId);
      await writeSealed(objectKey, callId, Readable.from(pieces(body, chunkSize)), body.length, key);
      let replaced: string | undefined;
      try {
        replaced = await swapIn({
          callId,
          store: store.name,
          objectKey,
          keyId: keyring.current.id,
          wrappedKey,
          contentType,
          sizeBytes: body.length,
          chunkSize,
        });
      } catch (err) {
        await deleteQuietly(objectKey, 'row not written');
        throw err;
      }
      if (replaced) await deleteQuietly(replaced, 'replaced by a new save');
      return { sizeBytes: body.length };
    },

    async stat(callId: string): Promise<RecordingStat | undefined> {
      const row = await repo.findRecording(db, callId);
      return row && row.wrappedKey !== DESTROYED
        ? { size: row.sizeBytes, contentType: row.contentType, keyId: row.keyId, store: row.store as ObjectStoreName }
        : undefined;
    },

    async exists(callId: string): Promise<boolean> {
      const row = await repo.findRecording(db, callId);
      return row !== undefined && row.wrappedKey !== DESTROYED;
    },

    /**
     * Destroys the keys of these calls' recordings inside `tx` (an erasure's transaction): from its
     * commit on they can never be opened again, wherever copies of the files are. The files and
     * rows themselves go with `remove`, in the reaction that follows.
     */
    async destroyKeys(tx: Db, callIds: string[]): Promise<number> {
      return repo.destroyKeys(tx, callIds);
    },

    /**
     * Plaintext bytes `range.start`..`range.end` (inclusive; `end` past the last byte or left out
     * means to the end), fetching and decrypting only the chunks that cover them. A start at or
     * past the end is RECORDING_RANGE_INVALID: parse the HTTP header with parseRange first.
     */
    async open(callId: string, range?: { start: number; end?: number }): Promise<OpenedRecording> {
      // A save or rekey may replace the object between reading the row and fetching it: look again once.
      for (let attempt = 0; ; attempt++) {
        const row = await repo.findRecording(db, callId);
        if (!row) throw RecordingErrors.RECORDING_NOT_FOUND();
        assertSameStore(row);
        const ring = ringFor(row);
        const size = row.sizeBytes;
        const start = range?.start ?? 0;
        const end = range?.end === undefined ? size - 1 : Math.min(range.end, size - 1);
        if (range && (!Number.isSafeInteger(start) || start < 0 || start >= size || end < start)) {
          throw RecordingErrors.RECORDING_RANGE_INVALID(`Bytes ${range.start}-${range.end ?? ''} are outside the recording of ${size} bytes`);
        }
        try {
          const header = await readHeader(row);
          const plan = readPlan(header, start, end);
          const decrypt = createDecryptStream({ header, keyring: ring, context: context(callId), plan });
          const source = await store.get(row.objectKey, { start: plan.cipherStart, end: plan.cipherEnd });
          return { stream: chain(source, decrypt), start, end, size, contentType: row.contentType };
        } catch (err) {
          if (!isMissing(err) || attempt > 0 || (await repo.findRecording(db, callId))?.objectKey === row.objectKey) throw err;
        }
      }
    },

    /** Deletes the recording (object first, so a failure leaves nothing unreferenced). False when there was none. */
    async remove(callId: string): Promise<boolean> {
      for (let attempt = 0; attempt < SWAP_ATTEMPTS; attempt++) {
        const row = await repo.findRecording(db, callId);
        if (!row) return attempt > 0;
        assertSameStore(row);
        await store.delete(row.objectKey);
        if (await repo.deleteRecordingIf(db, callId, row.objectKey)) return true;
      }
      throw RecordingErrors.RECORDING_STORE_FAILED(`The recording row of call ${callId} kept changing; try again`);
    },

    /**
     * Re-seals every recording not under the current key, streaming chunk by chunk. One failure
     * (a damaged file, a key no longer held) is reported and does not stop the rest.
     */
    async rekey(opts: { batchSize?: number } = {}): Promise<RekeyResult> {
      const batchSize = opts.batchSize ?? 50;
      const result: RekeyResult = { rekeyed: 0, failed: [] };
      let after: string | undefined;
      for (;;) {
        const rows = await repo.listNotUnderKey(db, keyring.current.id, after, batchSize);
        if (rows.length === 0) return result;
        for (const row of rows) {
          after = row.callId;
          try {
            if (await rekeyOne(row)) result.rekeyed++;
          } catch (err) {
            result.failed.push({ callId: row.callId, message: err instanceof Error ? err.message : String(err) });
          }
        }
      }
    },
  };
}
