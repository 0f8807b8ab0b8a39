import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createDecryptStream,
  createEncryptStream,
  DEFAULT_CHUNK_SIZE,
  decodeHeader,
  headerLength,
  type Keyring,
  readPlan,
  sealedSize,
  TAG_BYTES,
} from './recordings.crypto.js';
import { keyringOf, parseRecordingKeys } from './recordings.keys.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const ring = keyringOf([k1]);
const CONTEXT = 'call:4b0c2d0e-6d1e-4a53-9d0c-2f6a1f0d9a11';

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

async function seal(plain: Buffer, o: { chunkSize?: number; key?: typeof k1; context?: string } = {}): Promise<Buffer> {
  const enc = createEncryptStream({ key: o.key ?? k1, size: plain.length, context: o.context ?? CONTEXT, chunkSize: o.chunkSize });
  return collect(Readable.from([plain]).pipe(enc));
}

/** What the service does: header, plan, fetch only the planned bytes, decrypt them. */
async function open(sealed: Buffer, start: number, end: number, o: { keyring?: Keyring; context?: string } = {}): Promise<Buffer> {
  const header = decodeHeader(sealed);
  const plan = readPlan(header, start, end);
  const dec = createDecryptStream({ header, keyring: o.keyring ?? ring, context: o.context ?? CONTEXT, plan });
  return collect(Readable.from([sealed.subarray(plan.cipherStart, plan.cipherEnd + 1)]).pipe(dec));
}

const openAll = (sealed: Buffer, o?: { keyring?: Keyring; context?: string }) => {
  const { size } = decodeHeader(sealed);
  return open(sealed, 0, size - 1, o);
};

/** A small deterministic generator, so a failing random range can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s % n;
  };
}

describe('sealing and opening', () => {
  const C = DEFAULT_CHUNK_SIZE;
  it.each([0, 1, C - 1, C, C + 1, 3 * C, 5 * 1024 * 1024 + 17])('round-trips %i bytes, and the sealed size is as predicted', async (size) => {
    const plain = randomBytes(size);
    const sealed = await seal(plain);
    expect(sealed.length).toBe(sealedSize(size, 'k1'));
    expect(decodeHeader(sealed)).toMatchObject({ keyId: 'k1', chunkSize: C, size });
    expect((await openAll(sealed)).equals(plain)).toBe(true);
  });

  it('accepts the plaintext in pieces of any size', async () => {
    const plain = randomBytes(10_000);
    const enc = createEncryptStream({ key: k1, size: plain.length, context: CONTEXT, chunkSize: 1024 });
    const pieces: Buffer[] = [];
    let at = 0;
    for (const n of [3, 1021, 1, 2048, 500, 6427]) {
      pieces.push(plain.subarray(at, at + n));
      at += n;
    }
    expect(at).toBe(plain.length);
    const sealed = await collect(Readable.from(pieces).pipe(enc));
    expect((await openAll(sealed)).equals(plain)).toBe(true);
  });

  it('gives exactly the plaintext slice for random ranges, reading only the chunks that cover them', async () => {
    const chunkSize = 1024;
    const plain = randomBytes(50 * chunkSize + 333);
    const sealed = await seal(plain, { chunkSize });
    const next = prng(42);
    for (let i = 0; i < 200; i++) {
      const a = next(plain.length);
      const b = next(plain.length);
      const [start, end] = a <= b ? [a, b] : [b, a];
      const got = await open(sealed, start, end);
      expect(got.equals(plain.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true);
      const plan = readPlan(decodeHeader(sealed), start, end);
      expect(plan.cipherEnd - plan.cipherStart + 1).toBeLessThanOrEqual(
        (Math.floor(end / chunkSize) - Math.floor(start / chunkSize) + 1) * (chunkSize + TAG_BYTES),
      );
    }
    expect((await open(sealed, plain.length - 1, plain.length - 1)).equals(plain.subarray(-1))).toBe(true);
    expect((await open(sealed, chunkSize, chunkSize)).equals(plain.subarray(chunkSize, chunkSize + 1))).toBe(true);
  });

  it('refuses a range outside the recording', async () => {
    const sealed = await seal(randomBytes(100));
    const header = decodeHeader(sealed);
    expect(() => readPlan(header, 100, 100)).toThrow(expect.objectContaining({ code: 'RECORDING_RANGE_INVALID' }));
    expect(() => readPlan(header, 5, 4)).toThrow(expect.objectContaining({ code: 'RECORDING_RANGE_INVALID' }));
  });

  it('fails when the input is not the declared size', async () => {
    const short = createEncryptStream({ key: k1, size: 10, context: CONTEXT });
    await expect(collect(Readable.from([Buffer.alloc(9)]).pipe(short))).rejects.toThrow(/9 bytes, not the 10 declared/);
    const long = createEncryptStream({ key: k1, size: 10, context: CONTEXT });
    await expect(collect(Readable.from([Buffer.alloc(11)]).pipe(long))).rejects.toThrow(/longer than the 10 bytes declared/);
  });

  it('seals the same audio differently every time', async () => {
    const plain = randomBytes(3000);
    const a = await seal(plain);
    const b = await seal(plain);
    expect(a.subarray(headerLength('k1')).equals(b.subarray(headerLength('k1')))).toBe(false);
  });
});

describe('tampering', () => {
  const chunkSize = 1024;
  const corrupt = expect.objectContaining({ code: 'RECORDING_CORRUPT' });

  it('detects one flipped byte in any chunk, in the ciphertext or the tag', async () => {
    const plain = randomBytes(4 * chunkSize + 100);
    const sealed = await seal(plain, { chunkSize });
    const base = headerLength('k1');
    const stride = chunkSize + TAG_BYTES;
    for (const at of [base, base + 500, base + stride - 1, base + 2 * stride + 7, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = (bad[at] ?? 0) ^ 0x01;
      await expect(openAll(bad), `byte ${at}`).rejects.toThrow(/chunk \d+ of 5 failed its integrity check/);
    }
  });

  it('detects an edited header even when only one chunk is read', async () => {
    const sealed = await seal(randomBytes(3 * chunkSize), { chunkSize });
    const bad = Buffer.from(sealed);
    const fileIdAt = headerLength('k1') - 1;
    bad[fileIdAt] = (bad[fileIdAt] ?? 0) ^ 0x80;
    await expect(open(bad, 2 * chunkSize, 2 * chunkSize + 5)).rejects.toThrow(corrupt);
  });

  it('detects two chunks swapped within a file', async () => {
    const sealed = await seal(randomBytes(3 * chunkSize), { chunkSize });
    const base = headerLength('k1');
    const stride = chunkSize + TAG_BYTES;
    const swapped = Buffer.concat([
      sealed.subarray(0, base),
      sealed.subarray(base + stride, base + 2 * stride),
      sealed.subarray(base, base + stride),
      sealed.subarray(base + 2 * stride),
    ]);
    expect(swapped.length).toBe(sealed.length);
    await expect(openAll(swapped)).rejects.toThrow(/chunk 0 of 3 failed/);
  });

  it('detects a chunk taken from another file sealed with the same key and layout', async () => {
    const a = await seal(randomBytes(2 * chunkSize), { chunkSize });
    const b = await seal(randomBytes(2 * chunkSize), { chunkSize });
    const base = headerLength('k1');
    const stride = chunkSize + TAG_BYTES;
    const mixed = Buffer.concat([a.subarray(0, base + stride), b.subarray(base + stride)]);
    await expect(openAll(mixed)).rejects.toThrow(/chunk 1 of 2 failed/);
    // Even with b's header, a's first chunk does not open as b's.
    const other = Buffer.concat([b.subarray(0, base), a.subarray(base, base + stride), b.subarray(base + stride)]);
    await expect(openAll(other)).rejects.toThrow(/chunk 0 of 2 failed/);
  });

  it('detects a whole file presented as another call’s recording', async () => {
    const sealed = await seal(randomBytes(500));
    await expect(openAll(sealed, { context: 'call:someone-else' })).rejects.toThrow(corrupt);
  });

  it('detects a truncated file, including one cut at a chunk boundary', async () => {
    const sealed = await seal(randomBytes(3 * chunkSize), { chunkSize });
    const base = headerLength('k1');
    await expect(openAll(sealed.subarray(0, base + 2 * (chunkSize + TAG_BYTES)))).rejects.toThrow(/truncated/);
    await expect(openAll(sealed.subarray(0, sealed.length - 3))).rejects.toThrow(/truncated/);
  });

  it('authenticates an empty recording too', async () => {
    const sealed = await seal(Buffer.alloc(0));
    expect((await openAll(sealed)).length).toBe(0);
    const bad = Buffer.from(sealed);
    bad[bad.length - 1] = (bad[bad.length - 1] ?? 0) ^ 0x01;
    await expect(openAll(bad)).rejects.toThrow(corrupt);
  });

  it('rejects a file that is not a sealed recording', () => {
    expect(() => decodeHeader(Buffer.from('RIFF....WAVEfmt '))).toThrow(/not a sealed recording/);
  });
});

describe('keys', () => {
  it('opens a file only with the key that sealed it, named in its header', async () => {
    const sealed = await seal(randomBytes(2000), { key: k2 });
    expect(decodeHeader(sealed).keyId).toBe('k2');
    await expect(openAll(sealed)).rejects.toThrow(expect.objectContaining({ code: 'RECORDING_KEY_UNKNOWN' }));
    expect((await openAll(sealed, { keyring: keyringOf([k1, k2]) })).length).toBe(2000);
    // The same id with other key bytes does not open it.
    await expect(openAll(sealed, { keyring: keyringOf([{ id: 'k2', key: randomBytes(32) }]) })).rejects.toThrow(
      expect.objectContaining({ code: 'RECORDING_CORRUPT' }),
    );
  });

  it('parses TELEHUB_RECORDING_KEYS, newest first', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const keys = parseRecordingKeys(`2025-06:${a.toString('base64')},old_1:${b.toString('base64')}`);
    expect(keys.map((k) => k.id)).toEqual(['2025-06', 'old_1']);
    const r = keyringOf(keys);
    expect(r.current.id).toBe('2025-06');
    expect(r.get('old_1')?.key.equals(b)).toBe(true);
    expect(r.ids).toEqual(['2025-06', 'old_1']);
  });

  it.each([
    ['a short key', `k:${randomBytes(16).toString('base64')}`, /32 bytes/],
    ['a key with a typo', `k:${randomBytes(32).toString('base64').replace(/^./, '*')}`, /32 bytes/],
    ['no id', `:${randomBytes(32).toString('base64')}`, /needs an id/],
    ['a repeated id', `k:${randomBytes(32).toString('base64')},k:${randomBytes(32).toString('base64')}`, /appears twice/],
  ])('refuses %s without echoing the key', (_name, spec, message) => {
    let error: unknown;
    try {
      keyringOf(parseRecordingKeys(spec));
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'RECORDING_KEYS_INVALID', message: expect.stringMatching(message) });
    expect(String((error as Error).message)).not.toContain(spec.split(',')[0]?.split(':')[1]);
  });
});
