import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStore } from '../../platform/storage/storage.js';
import { type S3Standin, startS3Standin } from '../../platform/storage/testing/s3-standin.js';
import { createObjectStore, createS3ObjectStore, type ObjectStore, type ObjectStoreConfig } from './recordings.store.js';

const BUCKET = 'telehub-recordings';
const ACCESS_KEY_ID = 'AKIATELEHUBTEST0001';
const SECRET = 'c2VjcmV0LWtleS1mb3ItdGhlLXN0YW5kLWluLTAwMDE';

let standin: S3Standin;
let dir: string;
beforeAll(async () => {
  standin = await startS3Standin({ bucket: BUCKET, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: 'ap-south-1' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'telehub-recstore-'));
});
afterAll(async () => {
  await standin?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

const config = (over: Partial<ObjectStoreConfig> = {}): ObjectStoreConfig => ({
  TELEHUB_RECORDING_STORE: 's3',
  S3_ENDPOINT: standin.url,
  S3_REGION: 'ap-south-1',
  S3_BUCKET: BUCKET,
  S3_ACCESS_KEY_ID: ACCESS_KEY_ID,
  S3_SECRET_ACCESS_KEY: SECRET,
  S3_FORCE_PATH_STYLE: true,
  ...over,
});

const stores: [string, () => ObjectStore][] = [
  ['local', () => createObjectStore(config({ TELEHUB_RECORDING_STORE: 'local' }), createLocalFileStore(dir))],
  ['s3', () => createObjectStore(config(), createLocalFileStore(dir))],
];

describe.each(stores)('the %s object store', (name, make) => {
  it('is the store config names', () => {
    expect(make().name).toBe(name);
  });

  it('keeps a buffer and gives it back whole or by inclusive byte range', async () => {
    const store = make();
    const body = randomBytes(100_000);
    await store.put('recordings/2025/06/a.thr', body);
    expect((await collect(await store.get('recordings/2025/06/a.thr'))).equals(body)).toBe(true);
    for (const [start, end] of [
      [0, 0],
      [10, 20],
      [65_536, 99_999],
      [99_999, 99_999],
    ] as const) {
      const part = await collect(await store.get('recordings/2025/06/a.thr', { start, end }));
      expect(part.equals(body.subarray(start, end + 1)), `${start}-${end}`).toBe(true);
    }
  });

  it('takes a stream of known size, and replaces an object put again', async () => {
    const store = make();
    const first = randomBytes(70_000);
    const second = randomBytes(1234);
    await store.put('recordings/2025/06/b.thr', Readable.from([first.subarray(0, 30_000), first.subarray(30_000)]), first.length);
    expect((await collect(await store.get('recordings/2025/06/b.thr'))).equals(first)).toBe(true);
    await store.put('recordings/2025/06/b.thr', Readable.from([second]), second.length);
    expect((await collect(await store.get('recordings/2025/06/b.thr'))).equals(second)).toBe(true);
  });

  it('refuses a stream that is not the size it was said to be', async () => {
    const store = make();
    await expect(store.put('recordings/2025/06/c.thr', Readable.from([randomBytes(10)]), 11)).rejects.toThrow();
    await expect(store.get('recordings/2025/06/c.thr')).rejects.toMatchObject({ code: 'RECORDING_OBJECT_MISSING' });
  });

  it('deletes, and says clearly when an object is missing', async () => {
    const store = make();
    await store.put('recordings/2025/06/d.thr', Buffer.from('sealed'));
    await store.delete('recordings/2025/06/d.thr');
    await expect(store.get('recordings/2025/06/d.thr')).rejects.toMatchObject({ code: 'RECORDING_OBJECT_MISSING' });
    await expect(store.get('recordings/2025/06/d.thr', { start: 0, end: 1 })).rejects.toMatchObject({ code: 'RECORDING_OBJECT_MISSING' });
    await store.delete('recordings/2025/06/d.thr');
  });
});

describe('the local store', () => {
  it('writes the bytes under the file store root', async () => {
    const store = createObjectStore(config({ TELEHUB_RECORDING_STORE: 'local' }), createLocalFileStore(dir));
    await store.put('recordings/2025/07/e.thr', Buffer.from('ciphertext'));
    expect(await readFile(path.join(dir, 'recordings/2025/07/e.thr'), 'utf8')).toBe('ciphertext');
  });
});

describe('the S3 store against the stand-in', () => {
  it('signs every request, sends ranges as Range headers, and keeps the object in the bucket', async () => {
    const store = createObjectStore(config(), createLocalFileStore(dir));
    const body = randomBytes(5000);
    standin.requests.length = 0;
    await store.put('recordings/2025/06/f.thr', body);
    expect(standin.objects.get('recordings/2025/06/f.thr')?.equals(body)).toBe(true);
    await collect(await store.get('recordings/2025/06/f.thr', { start: 100, end: 199 }));
    expect(standin.requests).toEqual([
      expect.objectContaining({ method: 'PUT', key: 'recordings/2025/06/f.thr', status: 200 }),
      expect.objectContaining({ method: 'GET', key: 'recordings/2025/06/f.thr', range: 'bytes=100-199', status: 206 }),
    ]);
  });

  it('is refused with a wrong secret (SignatureDoesNotMatch) and an unknown access key', async () => {
    const good = createObjectStore(config(), createLocalFileStore(dir));
    await good.put('recordings/2025/06/g.thr', Buffer.from('x'));
    const wrongSecret = createS3ObjectStore({
      bucket: BUCKET,
      region: 'ap-south-1',
      endpoint: standin.url,
      forcePathStyle: true,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: `${SECRET}x`,
    });
    const refused = { code: 'RECORDING_STORE_FAILED', extra: { s3Code: 'SignatureDoesNotMatch', status: 403 } };
    await expect(wrongSecret.get('recordings/2025/06/g.thr')).rejects.toMatchObject(refused);
    await expect(wrongSecret.put('recordings/2025/06/h.thr', Buffer.from('y'))).rejects.toMatchObject(refused);
    await expect(wrongSecret.delete('recordings/2025/06/g.thr')).rejects.toMatchObject(refused);
    expect(standin.objects.has('recordings/2025/06/h.thr')).toBe(false);
    expect(standin.objects.has('recordings/2025/06/g.thr')).toBe(true);
    const unknown = createS3ObjectStore({
      bucket: BUCKET,
      region: 'ap-south-1',
      endpoint: standin.url,
      forcePathStyle: true,
      accessKeyId: 'AKIANOBODY',
      secretAccessKey: SECRET,
    });
    await expect(unknown.get('recordings/2025/06/g.thr')).rejects.toMatchObject({ extra: { s3Code: 'InvalidAccessKeyId', status: 403 } });
  });

  it('reports a missing bucket as a store failure, not as a missing recording', async () => {
    const store = createObjectStore(config({ S3_BUCKET: 'no-such-bucket' }), createLocalFileStore(dir));
    await expect(store.get('recordings/2025/06/a.thr')).rejects.toMatchObject({ code: 'RECORDING_STORE_FAILED', extra: { s3Code: 'NoSuchBucket' } });
  });

  it('needs the size of a streamed upload', async () => {
    const store = createObjectStore(config(), createLocalFileStore(dir));
    await expect(store.put('recordings/2025/06/i.thr', Readable.from([Buffer.from('z')]))).rejects.toThrow(/needs its size/);
  });
});

describe('the stand-in itself', () => {
  it('refuses unsigned requests with an S3 XML error, and answers NoSuchKey and InvalidRange as S3 does', async () => {
    const res = await fetch(`${standin.url}/${BUCKET}/recordings/2025/06/a.thr`);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code>');
    const { S3Client, GetObjectCommand } = await import('@aws-sdk/client-s3');
    const client = new S3Client({
      region: 'ap-south-1',
      endpoint: standin.url,
      forcePathStyle: true,
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    });
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'nothing/here.thr' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
    standin.objects.set('small.bin', Buffer.from('0123456789'));
    await expect(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'small.bin', Range: 'bytes=10-20' }))).rejects.toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
    });
    const suffix = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'small.bin', Range: 'bytes=-3' }));
    expect(suffix.ContentRange).toBe('bytes 7-9/10');
    expect(await suffix.Body?.transformToString()).toBe('789');
    client.destroy();
  });
});
