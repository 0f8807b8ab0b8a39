/**
 * The FileStore on a bucket, against a local S3 stand-in that checks every request's SigV4
 * signature and payload hash as S3 does: uploads of unknown length, whole and ranged reads, sizes,
 * removal, and a missing file answered like a missing local one.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3FileStore } from './s3.js';
import type { FileStore } from './storage.js';
import { type S3Standin, startS3Standin } from './testing/s3-standin.js';

const BUCKET = 'telehub-uploads';
const ACCESS_KEY_ID = 'AKIATELEHUBTEST0002';
const SECRET = 'c2VjcmV0LWtleS1mb3ItdGhlLXVwbG9hZHMtMDAwMg';

let standin: S3Standin;
let tmpDir: string;
let files: FileStore;
beforeAll(async () => {
  standin = await startS3Standin({ bucket: BUCKET, accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: 'ap-south-1' });
  tmpDir = await mkdtemp(path.join(os.tmpdir(), 'telehub-s3files-'));
  files = createS3FileStore({
    bucket: BUCKET,
    region: 'ap-south-1',
    endpoint: standin.url,
    forcePathStyle: true,
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    prefix: 'uploads/',
    tmpDir,
  });
});
afterAll(async () => {
  await standin?.close();
  if (tmpDir) await rm(tmpDir, { recursive: true, force: true });
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

describe('files in a bucket', () => {
  it('takes an upload of unknown length in pieces, and reads it back whole, in ranges and by size', async () => {
    const body = randomBytes(300_000);
    // A stream of pieces, as a multipart upload arrives: its length is known only at the end.
    const pieces = Readable.from([body.subarray(0, 70_000), body.subarray(70_000, 210_000), body.subarray(210_000)]);
    expect(await files.put('imports/a1/leads.csv', pieces)).toEqual({ size: 300_000 });
    expect(standin.objects.get('uploads/imports/a1/leads.csv')?.equals(body)).toBe(true);
    expect((await bytesOf(await files.get('imports/a1/leads.csv'))).equals(body)).toBe(true);
    expect((await bytesOf(await files.get('imports/a1/leads.csv', { start: 10, end: 19 }))).equals(body.subarray(10, 20))).toBe(true);
    expect(await files.size('imports/a1/leads.csv')).toBe(300_000);
    // The spool is gone once the upload is stored.
    expect(await readdir(tmpDir)).toEqual([]);
  });

  it('answers a missing file as a missing local file (ENOENT), and removes quietly', async () => {
    await expect(files.get('imports/none.csv')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(files.size('imports/none.csv')).rejects.toMatchObject({ code: 'ENOENT' });
    await files.put('imports/b2/x.csv', Readable.from([Buffer.from('phone\n9811111111\n')]));
    await files.remove('imports/b2/x.csv');
    await files.remove('imports/b2/x.csv');
    expect(standin.objects.has('uploads/imports/b2/x.csv')).toBe(false);
  });

  it('names the S3 error when the bucket refuses, and leaves no spool behind', async () => {
    const wrong = createS3FileStore({
      bucket: BUCKET,
      region: 'ap-south-1',
      endpoint: standin.url,
      forcePathStyle: true,
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: 'not-the-secret',
      prefix: 'uploads/',
      tmpDir,
    });
    await expect(wrong.put('imports/c3/x.csv', Readable.from([Buffer.from('a')]))).rejects.toThrow(/S3 put imports\/c3\/x.csv failed: SignatureDoesNotMatch/);
    expect(await readdir(tmpDir)).toEqual([]);
    expect(standin.objects.has('uploads/imports/c3/x.csv')).toBe(false);
  });
});
