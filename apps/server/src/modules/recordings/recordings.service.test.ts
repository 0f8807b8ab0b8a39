import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/context.js';
import { readSetting } from '../../platform/settings/settings.js';
import { createLocalFileStore } from '../../platform/storage/storage.js';
import { type S3Standin, startS3Standin } from '../../platform/storage/testing/s3-standin.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { type Keyring, type RecordingKey, TAG_BYTES } from './recordings.crypto.js';
import { createKeyring, DATABASE_KEY_SETTING, keyringOf } from './recordings.keys.js';
import { createRecordingsService } from './recordings.service.js';
import { createObjectStore, type ObjectStore, type ObjectStoreConfig } from './recordings.store.js';

let t: TestDatabase;
let dir: string;
let standin: S3Standin;
beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'telehub-recordings-'));
  standin = await startS3Standin({ bucket: 'recs', accessKeyId: 'AKIASERVICE', secretAccessKey: 'service-secret' });
});
afterAll(async () => {
  await standin?.close();
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const clock: Clock = { now: () => new Date('2025-06-14T10:00:00Z') };
const key = (id: string): RecordingKey => ({ id, key: randomBytes(32) });
const CHUNK = 1024;

const storeConfig = (over: Partial<ObjectStoreConfig>): ObjectStoreConfig => ({
  TELEHUB_RECORDING_STORE: 'local',
  S3_ENDPOINT: undefined,
  S3_REGION: 'ap-south-1',
  S3_BUCKET: undefined,
  S3_ACCESS_KEY_ID: undefined,
  S3_SECRET_ACCESS_KEY: undefined,
  S3_FORCE_PATH_STYLE: true,
  ...over,
});
const localStore = (): ObjectStore => createObjectStore(storeConfig({}), createLocalFileStore(dir));
const s3Store = (): ObjectStore =>
  createObjectStore(
    storeConfig({
      TELEHUB_RECORDING_STORE: 's3',
      S3_ENDPOINT: standin.url,
      S3_BUCKET: 'recs',
      S3_ACCESS_KEY_ID: 'AKIASERVICE',
      S3_SECRET_ACCESS_KEY: 'service-secret',
    }),
    createLocalFileStore(dir),
  );

const service = (keyring: Keyring, store = localStore()) => createRecordingsService({ db: t.database.db, clock, keyring, store, chunkSize: CHUNK });

/** A lead and a call to hang a recording on (the recordings row references calls). */
async function newCall(): Promise<string> {
  const leadId = randomUUID();
  const callId = randomUUID();
  const phone = `+9198${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await t.database.db.execute(sql`insert into leads (id, name, phone) values (${leadId}, 'Asha Rao', ${phone})`);
  await t.database.db.execute(sql`insert into calls (id, lead_id, provider, status) values (${callId}, ${leadId}, 'simulator', 'completed')`);
  return callId;
}

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

async function row(callId: string) {
  const { rows } = (await t.database.db.execute(
    sql`select object_key, key_id, wrapped_key, size_bytes, chunk_size, store, content_type from recordings where call_id = ${callId}`,
  )) as unknown as {
    rows: { object_key: string; key_id: string; wrapped_key: string | null; size_bytes: number; chunk_size: number; store: string; content_type: string }[];
  };
  return rows[0];
}

/** A mono 8 kHz WAV whose samples repeat one distinctive 64-byte pattern. */
function wav(pattern: Buffer, repeats: number): Buffer {
  const data = Buffer.concat(Array.from({ length: repeats }, () => pattern));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(8000, 24);
  h.writeUInt32LE(16000, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('saving and opening', () => {
  const ring = keyringOf([key('k1')]);

  it('keeps only ciphertext on disk: no run of the audio survives, not even the WAV header', async () => {
    const callId = await newCall();
    const pattern = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));
    const audio = wav(pattern, 2000);
    expect(await service(ring).save(callId, audio, 'audio/wav')).toEqual({ sizeBytes: audio.length });
    const r = await row(callId);
    expect(r).toMatchObject({ store: 'local', key_id: 'k1', size_bytes: audio.length, chunk_size: CHUNK, content_type: 'audio/wav' });
    expect(r?.object_key).toMatch(new RegExp(`^recordings/2025/06/${callId}\\.[0-9a-f]{12}\\.thr$`));
    const onDisk = await readFile(path.join(dir, r?.object_key ?? ''));
    expect(onDisk.subarray(0, 4).toString('ascii')).toBe('THRC');
    expect(onDisk.length).toBeGreaterThan(audio.length);
    expect(onDisk.includes(pattern)).toBe(false);
    expect(onDisk.includes(pattern.subarray(0, 16))).toBe(false);
    expect(onDisk.includes(Buffer.from('WAVEfmt '))).toBe(false);
    // The test can fail: the same check finds the pattern in the plain file.
    expect(audio.includes(pattern)).toBe(true);
  });

  it('opens the whole recording, an inclusive range, an open-ended range, and clamps an end past the last byte', async () => {
    const callId = await newCall();
    const audio = randomBytes(10 * CHUNK + 77);
    const s = service(ring);
    await s.save(callId, audio, 'audio/mpeg');
    const whole = await s.open(callId);
    expect(whole).toMatchObject({ start: 0, end: audio.length - 1, size: audio.length, contentType: 'audio/mpeg' });
    expect((await collect(whole.stream)).equals(audio)).toBe(true);

    const mid = await s.open(callId, { start: 1000, end: 3100 });
    expect(mid).toMatchObject({ start: 1000, end: 3100, size: audio.length });
    expect((await collect(mid.stream)).equals(audio.subarray(1000, 3101))).toBe(true);

    const tail = await s.open(callId, { start: audio.length - 500 });
    expect(tail).toMatchObject({ start: audio.length - 500, end: audio.length - 1 });
    expect((await collect(tail.stream)).equals(audio.subarray(-500))).toBe(true);

    const clamped = await s.open(callId, { start: 5, end: 10 ** 9 });
    expect(clamped.end).toBe(audio.length - 1);
    expect((await collect(clamped.stream)).length).toBe(audio.length - 5);

    await expect(s.open(callId, { start: audio.length })).rejects.toMatchObject({ code: 'RECORDING_RANGE_INVALID' });
    await expect(s.open(callId, { start: 10, end: 9 })).rejects.toMatchObject({ code: 'RECORDING_RANGE_INVALID' });
  });

  it('reads only the chunks a range covers', async () => {
    const callId = await newCall();
    const s3 = s3Store();
    const s = service(ring, s3);
    await s.save(callId, randomBytes(40 * CHUNK), 'audio/wav');
    standin.requests.length = 0;
    await collect((await s.open(callId, { start: 20 * CHUNK + 3, end: 20 * CHUNK + 10 })).stream);
    const ranged = standin.requests.filter((q) => q.method === 'GET').map((q) => q.range ?? '');
    expect(ranged).toHaveLength(2);
    const [, chunkRange = ''] = ranged;
    const [a, b] = chunkRange.replace('bytes=', '').split('-').map(Number);
    expect((b ?? 0) - (a ?? 0) + 1).toBe(CHUNK + TAG_BYTES);
  });

  it('saves and opens through an S3 bucket the same way', async () => {
    const callId = await newCall();
    const audio = randomBytes(3 * CHUNK + 1);
    const s = service(ring, s3Store());
    await s.save(callId, audio, 'audio/wav');
    const r = await row(callId);
    expect(r?.store).toBe('s3');
    expect(standin.objects.get(r?.object_key ?? '')?.length).toBeGreaterThan(audio.length);
    expect((await collect((await s.open(callId, { start: CHUNK - 1, end: CHUNK + 1 })).stream)).equals(audio.subarray(CHUNK - 1, CHUNK + 2))).toBe(true);
  });

  it('replaces the recording when saved again, and removes the old file', async () => {
    const callId = await newCall();
    const s = service(ring);
    await s.save(callId, randomBytes(5000), 'audio/wav');
    const first = await row(callId);
    const second = randomBytes(123);
    expect(await s.save(callId, second, 'audio/mpeg')).toEqual({ sizeBytes: 123 });
    const now = await row(callId);
    expect(now?.object_key).not.toBe(first?.object_key);
    expect((await collect((await s.open(callId)).stream)).equals(second)).toBe(true);
    expect(await s.stat(callId)).toEqual({ size: 123, contentType: 'audio/mpeg', keyId: 'k1', store: 'local' });
    await expect(readFile(path.join(dir, first?.object_key ?? ''))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('ends with one recording and one file when two saves of a call race', async () => {
    const callId = await newCall();
    const s = service(ring);
    const bodies = [randomBytes(3000), randomBytes(4000), randomBytes(5000)];
    await Promise.all(bodies.map((b) => s.save(callId, b, 'audio/wav')));
    const kept = await collect((await s.open(callId)).stream);
    expect(bodies.some((b) => b.equals(kept))).toBe(true);
    expect((await filesUnder(dir)).filter((f) => f.includes(callId))).toEqual([path.join(dir, (await row(callId))?.object_key ?? '')]);
  });

  it('keeps an empty recording', async () => {
    const callId = await newCall();
    const s = service(ring);
    await s.save(callId, Buffer.alloc(0), 'audio/wav');
    const opened = await s.open(callId);
    expect(opened).toMatchObject({ start: 0, end: -1, size: 0 });
    expect((await collect(opened.stream)).length).toBe(0);
    await expect(s.open(callId, { start: 0 })).rejects.toMatchObject({ code: 'RECORDING_RANGE_INVALID' });
  });

  it('says which calls have a recording, and removes one with its file', async () => {
    const callId = await newCall();
    const s = service(ring);
    expect(await s.exists(callId)).toBe(false);
    expect(await s.stat(callId)).toBeUndefined();
    await expect(s.open(callId)).rejects.toMatchObject({ code: 'RECORDING_NOT_FOUND' });
    await s.save(callId, randomBytes(10), 'audio/wav');
    expect(await s.exists(callId)).toBe(true);
    const objectKey = (await row(callId))?.object_key ?? '';
    expect(await s.remove(callId)).toBe(true);
    expect(await s.exists(callId)).toBe(false);
    expect(await s.remove(callId)).toBe(false);
    await expect(readFile(path.join(dir, objectKey))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('seals each file with a key of its own, and once that key is destroyed no copy of the file opens again', async () => {
    const callId = await newCall();
    const other = await newCall();
    const s = service(ring);
    const audio = randomBytes(3 * CHUNK);
    await s.save(callId, audio, 'audio/wav');
    await s.save(other, audio, 'audio/wav');
    const r = await row(callId);
    expect(r?.wrapped_key).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(r?.wrapped_key).not.toBe((await row(other))?.wrapped_key);
    const copy = await readFile(path.join(dir, r?.object_key ?? ''));

    await t.database.db.transaction(async (tx) => expect(await s.destroyKeys(tx, [callId])).toBe(1));
    expect(await s.exists(callId)).toBe(false);
    expect(await s.stat(callId)).toBeUndefined();
    await expect(s.open(callId)).rejects.toMatchObject({ code: 'RECORDING_NOT_FOUND' });
    expect((await s.rekey()).failed.filter((f) => f.callId === callId)).toEqual([]);
    // The file is still on disk (the reaction deletes it), yet even put back under the row with
    // the keyring at hand it cannot be read: its own key is gone.
    await writeFile(path.join(dir, r?.object_key ?? ''), copy);
    await t.database.db.execute(sql`update recordings set wrapped_key = null where call_id = ${callId}`);
    await expect(s.open(callId)).rejects.toThrow();
    // The other call's recording is untouched.
    expect((await collect((await s.open(other)).stream)).equals(audio)).toBe(true);
    expect(await s.remove(callId)).toBe(true);
  });

  it('refuses a recording for a call that does not exist, and leaves no file behind', async () => {
    const before = (await filesUnder(dir)).length;
    await expect(service(ring).save(randomUUID(), randomBytes(10), 'audio/wav')).rejects.toMatchObject({ code: 'RECORDING_CALL_NOT_FOUND' });
    expect((await filesUnder(dir)).length).toBe(before);
  });

  it("does not play one call's file as another's", async () => {
    const a = await newCall();
    const b = await newCall();
    const s = service(ring);
    await s.save(a, randomBytes(3000), 'audio/wav');
    await s.save(b, randomBytes(3000), 'audio/wav');
    const fileA = await readFile(path.join(dir, (await row(a))?.object_key ?? ''));
    await writeFile(path.join(dir, (await row(b))?.object_key ?? ''), fileA);
    await expect(collect((await s.open(b)).stream)).rejects.toMatchObject({ code: 'RECORDING_CORRUPT' });
  });

  it('fails a read of a damaged chunk instead of playing it', async () => {
    const callId = await newCall();
    const s = service(ring);
    await s.save(callId, randomBytes(4 * CHUNK), 'audio/wav');
    const file = path.join(dir, (await row(callId))?.object_key ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    await writeFile(file, bytes);
    expect((await collect((await s.open(callId, { start: 0, end: 99 })).stream)).length).toBe(100);
    await expect(collect((await s.open(callId, { start: 3 * CHUNK })).stream)).rejects.toThrow(/chunk 3 of 4 failed its integrity check/);
  });
});

describe('key rotation', () => {
  it('opens old files with older keys, and rekey moves every file onto the current key', async () => {
    const k1 = key('k1');
    const k2 = key('k2');
    const store = localStore();
    const calls = [await newCall(), await newCall(), await newCall()];
    const audio = calls.map((_, i) => randomBytes(2 * CHUNK + i * 700));
    const before = service(keyringOf([k1]), store);
    for (const [i, id] of calls.entries()) await before.save(id, audio[i] ?? Buffer.alloc(0), 'audio/wav');
    const oldKeys = await Promise.all(calls.map(async (id) => (await row(id))?.object_key));

    const after = service(keyringOf([k2, k1]), store);
    for (const [i, id] of calls.entries()) {
      expect((await row(id))?.key_id).toBe('k1');
      expect((await collect((await after.open(id, { start: 100 })).stream)).equals((audio[i] ?? Buffer.alloc(0)).subarray(100))).toBe(true);
    }
    // Files of other tests are still under other keys; these three are what this test owns.
    const result = await after.rekey({ batchSize: 2 });
    expect(result.failed.filter((f) => calls.includes(f.callId))).toEqual([]);
    for (const [i, id] of calls.entries()) {
      expect((await row(id))?.key_id).toBe('k2');
      const onlyNew = service(keyringOf([k2]), store);
      expect((await collect((await onlyNew.open(id)).stream)).equals(audio[i] ?? Buffer.alloc(0))).toBe(true);
      await expect(readFile(path.join(dir, oldKeys[i] ?? ''))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    // Nothing left to do for these calls.
    const again = await after.rekey();
    expect(again.failed.filter((f) => calls.includes(f.callId))).toEqual([]);
    expect((await Promise.all(calls.map(row))).map((r) => r?.key_id)).toEqual(['k2', 'k2', 'k2']);
  });

  it('reports a file it cannot rekey and leaves it untouched', async () => {
    const k3 = key('k3');
    const k4 = key('k4');
    const store = localStore();
    const damaged = await newCall();
    const fine = await newCall();
    const s3 = service(keyringOf([k3]), store);
    await s3.save(damaged, randomBytes(3 * CHUNK), 'audio/wav');
    await s3.save(fine, randomBytes(3 * CHUNK), 'audio/wav');
    const damagedRow = await row(damaged);
    const file = path.join(dir, damagedRow?.object_key ?? '');
    const bytes = await readFile(file);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
    await writeFile(file, bytes);
    const filesBefore = new Set(await filesUnder(dir));

    const result = await service(keyringOf([k4, k3]), store).rekey();
    expect(result.failed).toContainEqual({ callId: damaged, message: expect.stringMatching(/chunk 2 of 3 failed its integrity check/) });
    expect((await row(damaged))?.key_id).toBe('k3');
    expect((await row(damaged))?.object_key).toBe(damagedRow?.object_key);
    expect((await row(fine))?.key_id).toBe('k4');
    // The half-written copy of the damaged file was cleaned up.
    const added = (await filesUnder(dir)).filter((f) => !filesBefore.has(f));
    expect(added.filter((f) => f.includes(damaged))).toEqual([]);
  });

  it('rekeys files in an S3 bucket too', async () => {
    const k5 = key('k5');
    const k6 = key('k6');
    const store = s3Store();
    const callId = await newCall();
    const audio = randomBytes(5 * CHUNK + 3);
    await service(keyringOf([k5]), store).save(callId, audio, 'audio/wav');
    const oldKey = (await row(callId))?.object_key ?? '';
    const result = await service(keyringOf([k6, k5]), store).rekey();
    expect(result.failed.filter((f) => f.callId === callId)).toEqual([]);
    expect((await row(callId))?.key_id).toBe('k6');
    expect(standin.objects.has(oldKey)).toBe(false);
    expect((await collect((await service(keyringOf([k6]), store).open(callId)).stream)).equals(audio)).toBe(true);
  });
});

describe('the keyring', () => {
  it('without TELEHUB_RECORDING_KEYS, makes one 32-byte key in the database once', async () => {
    const a = await createKeyring({ TELEHUB_RECORDING_KEYS: undefined }, t.database.db);
    const b = await createKeyring({ TELEHUB_RECORDING_KEYS: undefined }, t.database.db);
    expect(a.current.id).toBe('db');
    expect(a.current.key.length).toBe(32);
    expect(b.current.key.equals(a.current.key)).toBe(true);
    expect(Buffer.from((await readSetting<string>(t.database.db, DATABASE_KEY_SETTING)) ?? '', 'base64url').equals(a.current.key)).toBe(true);
  });

  it('with keys configured, seals with the first and still opens files sealed with the database key', async () => {
    const dbRing = await createKeyring({ TELEHUB_RECORDING_KEYS: undefined }, t.database.db);
    const callId = await newCall();
    await service(dbRing).save(callId, randomBytes(2000), 'audio/wav');
    const spec = `2025-06:${randomBytes(32).toString('base64')},2025-01:${randomBytes(32).toString('base64')}`;
    const ring = await createKeyring({ TELEHUB_RECORDING_KEYS: spec }, t.database.db);
    expect(ring.current.id).toBe('2025-06');
    expect(ring.ids).toEqual(['2025-06', '2025-01', 'db']);
    expect((await collect((await service(ring).open(callId)).stream)).length).toBe(2000);
    await expect(createKeyring({ TELEHUB_RECORDING_KEYS: `db:${randomBytes(32).toString('base64')}` }, t.database.db)).rejects.toMatchObject({
      code: 'RECORDING_KEYS_INVALID',
    });
  });
});
