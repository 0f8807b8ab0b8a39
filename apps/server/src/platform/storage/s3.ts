/**
 * S3-compatible buckets: one lazily loaded client (the SDK is large; only installations that use
 * a bucket load it), and a FileStore on a bucket, so that uploads are not tied to one node's disk.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type * as S3 from '@aws-sdk/client-s3';
import type { FileStore } from './storage.js';

export type S3Options = {
  bucket: string;
  region: string;
  /** Unset: AWS itself for `region`. */
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
};

/** The S3_* variables (config.telephony holds them). */
export type S3Settings = {
  S3_BUCKET?: string;
  S3_REGION: string;
  S3_ENDPOINT?: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
};

/** The bucket the S3_* variables name, for `use` (e.g. TELEHUB_FILE_STORE=s3); config has refused it incomplete. */
export function s3OptionsFrom(c: S3Settings, use: string): S3Options {
  if (!c.S3_BUCKET || !c.S3_ACCESS_KEY_ID || !c.S3_SECRET_ACCESS_KEY) throw new Error(`${use} needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY`);
  return {
    bucket: c.S3_BUCKET,
    region: c.S3_REGION,
    endpoint: c.S3_ENDPOINT,
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    accessKeyId: c.S3_ACCESS_KEY_ID,
    secretAccessKey: c.S3_SECRET_ACCESS_KEY,
  };
}

export type S3Connection = { sdk: typeof S3; client: S3.S3Client };

/** The client for these options, created on first use. */
export function s3Connection(o: S3Options): () => Promise<S3Connection> {
  let connection: Promise<S3Connection> | undefined;
  return () => {
    connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: o.region,
        endpoint: o.endpoint,
        forcePathStyle: o.forcePathStyle,
        credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
        // The SDK's default CRC checksums send aws-chunked uploads, which many S3-compatible stores
        // (older MinIO, Ceph, some vendors) reject.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return connection;
  };
}

/** What callers of a FileStore expect for a missing file: the error a missing local file gives. */
function notFound(key: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`No file ${key} in the bucket`), { code: 'ENOENT' });
}

const isMissing = (err: unknown) => err instanceof Error && (err.name === 'NoSuchKey' || err.name === 'NotFound');

function failure(op: string, key: string, err: unknown): Error {
  const name = err instanceof Error ? err.name : 'Error';
  return new Error(`S3 ${op} ${key} failed: ${name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/**
 * Files in a bucket, under `prefix`. S3 needs an upload's length before it starts, and an upload
 * (an import file) arrives as a stream of unknown length: it is spooled to `tmpDir` first, then
 * sent with its length, and the spool is removed whatever happens.
 */
export function createS3FileStore(o: S3Options & { prefix: string; tmpDir: string }): FileStore {
  const connect = s3Connection(o);
  const keyOf = (key: string) => `${o.prefix}${key}`;
  return {
    async put(key, body) {
      await mkdir(o.tmpDir, { recursive: true });
      const spool = path.join(o.tmpDir, `upload-${randomUUID()}`);
      try {
        await pipeline(body, createWriteStream(spool));
        const { size } = await stat(spool);
        const { sdk, client } = await connect();
        try {
          await client.send(
            new sdk.PutObjectCommand({
              Bucket: o.bucket,
              Key: keyOf(key),
              Body: createReadStream(spool),
              ContentLength: size,
              ContentType: 'application/octet-stream',
            }),
          );
        } catch (err) {
          throw failure('put', key, err);
        }
        return { size };
      } finally {
        await rm(spool, { force: true });
      }
    },

    async get(key, range) {
      const { sdk, client } = await connect();
      let out: S3.GetObjectCommandOutput;
      try {
        out = await client.send(
          new sdk.GetObjectCommand({ Bucket: o.bucket, Key: keyOf(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
        );
      } catch (err) {
        if (isMissing(err)) throw notFound(key);
        throw failure('get', key, err);
      }
      if (!(out.Body instanceof Readable)) throw failure('get', key, new Error('the response has no readable body'));
      if (range && !out.ContentRange?.startsWith(`bytes ${range.start}-`)) {
        out.Body.destroy();
        throw failure('get', key, new Error(`the store ignored the byte range ${range.start}-${range.end}`));
      }
      return out.Body;
    },

    async size(key) {
      const { sdk, client } = await connect();
      try {
        const head = await client.send(new sdk.HeadObjectCommand({ Bucket: o.bucket, Key: keyOf(key) }));
        return head.ContentLength ?? 0;
      } catch (err) {
        if (isMissing(err)) throw notFound(key);
        throw failure('head', key, err);
      }
    },

    async remove(key) {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: o.bucket, Key: keyOf(key) }));
      } catch (err) {
        if (!isMissing(err)) throw failure('delete', key, err);
      }
    },
  };
}
