/**
 * Where sealed recordings live, behind one interface: the local file store (TELEHUB_DATA_DIR/files)
 * or an S3-compatible bucket. Stores see only ciphertext; ranges are byte ranges of the sealed file.
 */
import { pipeline, Readable, Transform } from 'node:stream';
import type * as S3 from '@aws-sdk/client-s3';
import type { Config } from '../../config.js';
import { type S3Options, s3Connection, s3OptionsFrom } from '../../platform/storage/s3.js';
import type { FileStore } from '../../platform/storage/storage.js';
import { RecordingErrors } from './recordings.errors.js';

export type ObjectStoreName = 'local' | 's3';
/** Inclusive byte offsets, as in HTTP ranges. */
export type ObjectRange = { start: number; end: number };

export type ObjectStore = {
  readonly name: ObjectStoreName;
  /** Writes the whole object; `size`, when given, is checked (and S3 needs it for a stream). */
  put(key: string, body: Readable | Buffer, size?: number): Promise<void>;
  /** The object or bytes start..end of it; RECORDING_OBJECT_MISSING when there is none. */
  get(key: string, range?: ObjectRange): Promise<Readable>;
  /** Removes the object; removing a missing object is not an error. */
  delete(key: string): Promise<void>;
};

const missing = (key: string) => RecordingErrors.RECORDING_OBJECT_MISSING(`The recording file ${key} is missing from storage`);

export function createLocalObjectStore(files: FileStore): ObjectStore {
  return {
    name: 'local',
    async put(key, body, size) {
      const written = await files.put(key, Buffer.isBuffer(body) ? Readable.from([body]) : body);
      if (size !== undefined && written.size !== size) {
        await files.remove(key);
        throw RecordingErrors.RECORDING_STORE_FAILED(`Wrote ${written.size} bytes of ${key}, expected ${size}`);
      }
    },
    async get(key, range) {
      try {
        return await files.get(key, range);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missing(key);
        throw err;
      }
    },
    delete: (key) => files.remove(key),
  };
}

export type S3StoreOptions = S3Options;

/**
 * Passes `body` through, failing it when it is not exactly `length` bytes: a stream that ends
 * early would otherwise leave the upload waiting for bytes that never come.
 */
function exactly(body: Readable, length: number): Readable {
  let seen = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > length ? new Error(`The upload is longer than ${length} bytes`) : null, chunk);
    },
    flush(done) {
      done(seen === length ? null : new Error(`The upload has ${seen} bytes, not ${length}`));
    },
  });
  pipeline(body, check, () => undefined);
  return check;
}

function s3Failure(op: string, key: string, err: unknown) {
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return RecordingErrors.RECORDING_STORE_FAILED(`S3 ${op} ${key} failed: ${name}: ${message}`, { s3Code: name, status: status ?? null });
}

export function createS3ObjectStore(o: S3StoreOptions): ObjectStore {
  // Sealed files carry their own GCM tags, so the client's default-off checksums lose nothing.
  const connect = s3Connection(o);

  return {
    name: 's3',
    async put(key, body, size) {
      const length = Buffer.isBuffer(body) ? body.length : size;
      if (length === undefined) throw RecordingErrors.RECORDING_STORE_FAILED(`S3 put ${key}: a streamed upload needs its size`);
      if (size !== undefined && size !== length) throw RecordingErrors.RECORDING_STORE_FAILED(`S3 put ${key}: body has ${length} bytes, expected ${size}`);
      const { sdk, client } = await connect();
      const upload = Buffer.isBuffer(body) ? body : exactly(body, length);
      // The SDK pipes a stream into the request and does not notice when the stream fails, so the
      // request would wait for ever; aborting it ends the upload, and S3 keeps nothing of it.
      const abort = new AbortController();
      if (!Buffer.isBuffer(upload)) upload.once('error', (err) => abort.abort(err));
      try {
        await client.send(
          new sdk.PutObjectCommand({ Bucket: o.bucket, Key: key, Body: upload, ContentLength: length, ContentType: 'application/octet-stream' }),
          {
            abortSignal: abort.signal,
          },
        );
      } catch (err) {
        if (abort.signal.aborted) throw abort.signal.reason;
        throw s3Failure('put', key, err);
      }
    },
    async get(key, range) {
      const { sdk, client } = await connect();
      let out: S3.GetObjectCommandOutput;
      try {
        out = await client.send(new sdk.GetObjectCommand({ Bucket: o.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      } catch (err) {
        if (err instanceof Error && err.name === 'NoSuchKey') throw missing(key);
        throw s3Failure('get', key, err);
      }
      const body = out.Body;
      if (!(body instanceof Readable)) throw RecordingErrors.RECORDING_STORE_FAILED(`S3 get ${key}: the response has no readable body`);
      // A store that ignores Range answers 200 with the whole object; decrypting that as the
      // requested chunks would only fail later with a misleading integrity error.
      if (range && !out.ContentRange?.startsWith(`bytes ${range.start}-`)) {
        body.destroy();
        throw RecordingErrors.RECORDING_STORE_FAILED(`S3 get ${key}: the store ignored the byte range ${range.start}-${range.end}`);
      }
      return body;
    },
    async delete(key) {
      const { sdk, client } = await connect();
      try {
        await client.send(new sdk.DeleteObjectCommand({ Bucket: o.bucket, Key: key }));
      } catch (err) {
        throw s3Failure('delete', key, err);
      }
    },
  };
}

export type ObjectStoreConfig = Pick<
  Config['telephony'],
  'TELEHUB_RECORDING_STORE' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

const STORES: Record<ObjectStoreName, (config: ObjectStoreConfig, files: FileStore) => ObjectStore> = {
  local: (_config, files) => createLocalObjectStore(files),
  s3: (c) => createS3ObjectStore(s3OptionsFrom(c, 'TELEHUB_RECORDING_STORE=s3')),
};

/** The store TELEHUB_RECORDING_STORE names; `files` backs the local one. */
export function createObjectStore(config: ObjectStoreConfig, files: FileStore): ObjectStore {
  return STORES[config.TELEHUB_RECORDING_STORE](config, files);
}
