/**
 * Recordings at rest: AES-256-GCM in fixed-size chunks, so a player's byte range is served by
 * fetching and decrypting only the chunks that cover it, never the whole file.
 *
 * Layout of a sealed file (integers big-endian):
 *
 *   0      4  magic "THRC"
 *   4      1  format version (1)
 *   5      1  key id length L (1..32)
 *   6      L  key id (ASCII), the keyring entry that seals the file
 *   6+L    4  chunk size: plaintext bytes per chunk (the last chunk may be shorter)
 *   10+L   8  plaintext size
 *   18+L  16  file id: random, unique to this file
 *   34+L      chunks: ciphertext of chunk i then its 16-byte GCM tag; at least one chunk, so
 *             even an empty recording carries a tag that authenticates the header
 *
 * Each file is sealed with its own key, HKDF-SHA256(master key, salt = file id), so the nonce can
 * simply be the chunk index without ever repeating under one key. The associated data of chunk i
 * is: the whole header, i, a last-chunk flag, and the caller's context (the call id). Hence a
 * chunk moved within a file, taken from another file, dropped from the end, or a whole file
 * copied over another call's fails authentication, and so does any edit of the header.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { RecordingErrors } from './recordings.errors.js';

export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MIN_CHUNK_SIZE = 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

const MAGIC = Buffer.from('THRC', 'ascii');
const VERSION = 1;
const FILE_ID_BYTES = 16;
const FIXED_HEADER_BYTES = MAGIC.length + 1 + 1 + 4 + 8 + FILE_ID_BYTES;
const HKDF_INFO = Buffer.from('telehub recording v1', 'ascii');

export type RecordingKey = { id: string; key: Buffer };

/** The keys this server holds: `current` seals new files, every key opens files sealed with it. */
export type Keyring = {
  readonly current: RecordingKey;
  readonly ids: readonly string[];
  get(id: string): RecordingKey | undefined;
};

export type RecordingHeader = {
  keyId: string;
  chunkSize: number;
  /** Plaintext bytes. */
  size: number;
  fileId: Buffer;
  /** The header exactly as stored; authenticated with every chunk. */
  bytes: Buffer;
};

/** Which stored bytes to fetch for a plaintext range, and what to keep of what they decrypt to. */
export type ReadPlan = {
  firstChunk: number;
  lastChunk: number;
  /** Offsets in the sealed file, both inclusive. */
  cipherStart: number;
  cipherEnd: number;
  /** Plaintext bytes to drop from the first chunk, then bytes to emit. */
  skip: number;
  length: number;
};

export function headerLength(keyId: string): number {
  return FIXED_HEADER_BYTES + Buffer.byteLength(keyId, 'ascii');
}

export function chunkCount(size: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(size / chunkSize));
}

/** Bytes of the sealed file for `size` plaintext bytes: what a store is told to expect. */
export function sealedSize(size: number, keyId: string, chunkSize = DEFAULT_CHUNK_SIZE): number {
  return headerLength(keyId) + size + chunkCount(size, chunkSize) * TAG_BYTES;
}

function assertChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`chunk size must be a whole number between ${MIN_CHUNK_SIZE} and ${MAX_CHUNK_SIZE}`);
  }
}

export function encodeHeader(h: { keyId: string; chunkSize: number; size: number; fileId: Buffer }): RecordingHeader {
  if (!KEY_ID_PATTERN.test(h.keyId)) throw RecordingErrors.RECORDING_KEYS_INVALID(`Key id "${h.keyId}" must be 1-32 of A-Z a-z 0-9 _ -`);
  assertChunkSize(h.chunkSize);
  if (!Number.isSafeInteger(h.size) || h.size < 0) throw new RangeError('size must be a whole number of bytes');
  if (h.fileId.length !== FILE_ID_BYTES) throw new RangeError(`file id must be ${FILE_ID_BYTES} bytes`);
  const keyId = Buffer.from(h.keyId, 'ascii');
  const bytes = Buffer.alloc(FIXED_HEADER_BYTES + keyId.length);
  let at = MAGIC.copy(bytes, 0);
  at = bytes.writeUInt8(VERSION, at);
  at = bytes.writeUInt8(keyId.length, at);
  at += keyId.copy(bytes, at);
  at = bytes.writeUInt32BE(h.chunkSize, at);
  at = bytes.writeBigUInt64BE(BigInt(h.size), at);
  h.fileId.copy(bytes, at);
  return { keyId: h.keyId, chunkSize: h.chunkSize, size: h.size, fileId: Buffer.from(h.fileId), bytes };
}

/** Parses the header at the start of `buf` (which may hold more). Nothing here is trusted until a chunk authenticates it. */
export function decodeHeader(buf: Buffer): RecordingHeader {
  const corrupt = (why: string) => RecordingErrors.RECORDING_CORRUPT(`The recording header is not valid: ${why}`);
  if (buf.length < FIXED_HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('not a sealed recording');
  const version = buf.readUInt8(4);
  if (version !== VERSION) throw corrupt(`format version ${version} is not supported`);
  const idLength = buf.readUInt8(5);
  const length = FIXED_HEADER_BYTES + idLength;
  if (buf.length < length) throw corrupt('too short');
  let at = 6;
  const keyId = buf.toString('ascii', at, at + idLength);
  at += idLength;
  if (!KEY_ID_PATTERN.test(keyId)) throw corrupt('bad key id');
  const chunkSize = buf.readUInt32BE(at);
  at += 4;
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) throw corrupt('bad chunk size');
  const size = buf.readBigUInt64BE(at);
  at += 8;
  if (size > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('bad size');
  const fileId = Buffer.from(buf.subarray(at, at + FILE_ID_BYTES));
  return { keyId, chunkSize, size: Number(size), fileId, bytes: Buffer.from(buf.subarray(0, length)) };
}

/** Plans the read of plaintext bytes start..end (inclusive). An empty recording is read as 0..-1. */
export function readPlan(header: Pick<RecordingHeader, 'keyId' | 'chunkSize' | 'size'>, start: number, end: number): ReadPlan {
  const { size, chunkSize } = header;
  const base = headerLength(header.keyId);
  if (size === 0) {
    if (start !== 0 || end !== -1) throw RecordingErrors.RECORDING_RANGE_INVALID('The recording is empty');
    return { firstChunk: 0, lastChunk: 0, cipherStart: base, cipherEnd: base + TAG_BYTES - 1, skip: 0, length: 0 };
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end >= size) {
    throw RecordingErrors.RECORDING_RANGE_INVALID(`Bytes ${start}-${end} are outside the recording of ${size} bytes`);
  }
  const firstChunk = Math.floor(start / chunkSize);
  const lastChunk = Math.floor(end / chunkSize);
  const stride = chunkSize + TAG_BYTES;
  const lastPlain = Math.min(chunkSize, size - lastChunk * chunkSize);
  return {
    firstChunk,
    lastChunk,
    cipherStart: base + firstChunk * stride,
    cipherEnd: base + lastChunk * stride + lastPlain + TAG_BYTES - 1,
    skip: start - firstChunk * chunkSize,
    length: end - start + 1,
  };
}

function fileKey(master: Buffer, fileId: Buffer): Buffer {
  if (master.length !== KEY_BYTES) throw RecordingErrors.RECORDING_KEYS_INVALID(`A recording key must be ${KEY_BYTES} bytes`);
  return Buffer.from(hkdfSync('sha256', master, fileId, HKDF_INFO, KEY_BYTES));
}

function nonce(index: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(index), 4);
  return n;
}

function associatedData(header: RecordingHeader, index: number, last: boolean, context: string): Buffer {
  const position = Buffer.alloc(9);
  position.writeBigUInt64BE(BigInt(index), 0);
  position.writeUInt8(last ? 1 : 0, 8);
  return Buffer.concat([header.bytes, position, Buffer.from(context, 'utf8')]);
}

export type EncryptOptions = {
  key: RecordingKey;
  /** Plaintext bytes that will be written; the header records it, so it must be known up front. */
  size: number;
  /** Binds the file to its owner (the call id): a file copied over another call's will not open. */
  context: string;
  chunkSize?: number;
};

/** Plaintext in, sealed file out (header first). Fails if the input is not exactly `size` bytes. */
export function createEncryptStream(o: EncryptOptions): Transform {
  const header = encodeHeader({ keyId: o.key.id, chunkSize: o.chunkSize ?? DEFAULT_CHUNK_SIZE, size: o.size, fileId: randomBytes(FILE_ID_BYTES) });
  const key = fileKey(o.key.key, header.fileId);
  const { chunkSize } = header;
  const total = chunkCount(header.size, chunkSize);
  let index = 0;
  let received = 0;
  let started = false;
  let pending: Buffer = Buffer.alloc(0);

  const seal = (plain: Buffer): Buffer => {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(index), { authTagLength: TAG_BYTES });
    cipher.setAAD(associatedData(header, index, index === total - 1, o.context));
    const out = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    index++;
    return out;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      received += chunk.length;
      if (received > header.size) return done(new Error(`The recording is longer than the ${header.size} bytes declared`));
      if (!started) {
        started = true;
        this.push(header.bytes);
      }
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let at = 0;
      while (pending.length - at >= chunkSize) {
        this.push(seal(pending.subarray(at, at + chunkSize)));
        at += chunkSize;
      }
      pending = pending.subarray(at);
      done();
    },
    flush(done: TransformCallback) {
      if (received !== header.size) return done(new Error(`The recording has ${received} bytes, not the ${header.size} declared`));
      if (!started) this.push(header.bytes);
      // The short last chunk, or the single empty chunk of an empty recording.
      if (index < total) this.push(seal(pending));
      done();
    },
  });
}

export type DecryptOptions = { header: RecordingHeader; keyring: Keyring; context: string; plan: ReadPlan };

/**
 * Sealed chunks plan.firstChunk..plan.lastChunk in (exactly those bytes), the planned plaintext
 * out. A chunk is released only after its tag checks, so altered audio never reaches a listener.
 */
export function createDecryptStream(o: DecryptOptions): Transform {
  const { header, plan } = o;
  const master = o.keyring.get(header.keyId);
  if (!master) throw RecordingErrors.RECORDING_KEY_UNKNOWN(`The recording is sealed with key "${header.keyId}", which is not in the keyring`);
  const key = fileKey(master.key, header.fileId);
  const total = chunkCount(header.size, header.chunkSize);
  if (plan.lastChunk >= total) throw RecordingErrors.RECORDING_RANGE_INVALID();
  let index = plan.firstChunk;
  let skip = plan.skip;
  let remaining = plan.length;
  let pending: Buffer = Buffer.alloc(0);

  const sealedLength = (i: number) => Math.min(header.chunkSize, header.size - i * header.chunkSize) + TAG_BYTES;
  const open = (sealed: Buffer): Buffer => {
    const tagAt = sealed.length - TAG_BYTES;
    const decipher = createDecipheriv('aes-256-gcm', key, nonce(index), { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(header, index, index === total - 1, o.context));
    decipher.setAuthTag(sealed.subarray(tagAt));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(0, tagAt)), decipher.final()]);
    } catch {
      throw RecordingErrors.RECORDING_CORRUPT(
        `Recording chunk ${index} of ${total} failed its integrity check: it was altered, moved, or taken from another recording`,
      );
    }
    index++;
    const out = plain.subarray(skip, skip + remaining);
    skip = 0;
    remaining -= out.length;
    return out;
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      try {
        pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
        let at = 0;
        while (index <= plan.lastChunk && pending.length - at >= sealedLength(index)) {
          const end = at + sealedLength(index);
          const out = open(pending.subarray(at, end));
          at = end;
          if (out.length > 0) this.push(out);
        }
        pending = pending.subarray(at);
        if (index > plan.lastChunk && pending.length > 0) throw RecordingErrors.RECORDING_CORRUPT('The recording has bytes after its last chunk');
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      if (index <= plan.lastChunk) return done(RecordingErrors.RECORDING_CORRUPT(`The recording ends inside chunk ${index} of ${total}: it was truncated`));
      done();
    },
  });
}
