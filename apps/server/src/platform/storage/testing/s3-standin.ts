/**
 * A local stand-in of an S3 bucket for tests, strict where S3 is: every request must carry a
 * SigV4 Authorization header that verifies (recomputed with @smithy/signature-v4 from the same
 * credentials), a known access key, a date within 15 minutes, and a body matching its signed
 * x-amz-content-sha256. It keeps objects in memory, answers Range requests with 206 and
 * Content-Range (416 InvalidRange past the end), and fails with S3-shaped XML errors
 * (SignatureDoesNotMatch, InvalidAccessKeyId, NoSuchKey, NoSuchBucket...). Path-style URLs only.
 */
import { createHash, createHmac, type Hmac, type Hash as NodeHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Hash, HttpRequest, SourceData } from '@smithy/types';

export type S3StandinOptions = { bucket: string; accessKeyId: string; secretAccessKey: string; region?: string };

export type S3StandinRequest = { method: string; key: string; range: string | null; status: number; code: string | null };

export type S3Standin = {
  /** Endpoint for the SDK (with forcePathStyle). */
  url: string;
  /** Objects of the bucket by key: tests may read or damage them. */
  objects: Map<string, Buffer>;
  requests: S3StandinRequest[];
  close(): Promise<void>;
};

const UNSIGNED = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = createHash('sha256').digest('hex');
const MAX_SKEW_MS = 15 * 60_000;
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

const bytes = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 and HMAC-SHA256 over node:crypto, in the shape the signer wants. */
class Sha256 implements Hash {
  private readonly hash: NodeHash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest());
  }
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parseAmzDate(v: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

export async function startS3Standin(o: S3StandinOptions): Promise<S3Standin> {
  const objects = new Map<string, Buffer>();
  const requests: S3StandinRequest[] = [];

  async function verify(req: IncomingMessage, rawPath: string, rawQuery: string): Promise<void> {
    const auth = header(req, 'authorization');
    const m = auth ? AUTH.exec(auth) : null;
    if (!m) throw new S3Error(403, 'AccessDenied', 'Access Denied');
    const [, accessKeyId, scopeDate, region, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string];
    if (accessKeyId !== o.accessKeyId) throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    const amzDate = header(req, 'x-amz-date');
    const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
    if (!amzDate || !signingDate || !amzDate.startsWith(scopeDate)) throw new S3Error(403, 'AccessDenied', 'x-amz-date is missing or does not match the scope');
    if (Math.abs(Date.now() - signingDate.getTime()) > MAX_SKEW_MS) {
      throw new S3Error(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    }
    if (!header(req, 'x-amz-content-sha256')) throw new S3Error(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    const headers: Record<string, string> = {};
    for (const name of signedHeaders.split(';')) {
      const value = header(req, name);
      if (value === undefined) throw new S3Error(403, 'SignatureDoesNotMatch', `Signed header ${name} is missing`);
      headers[name] = value;
    }
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(rawQuery)) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const host = header(req, 'host') ?? '';
    const request: HttpRequest = { method: req.method ?? 'GET', protocol: 'http:', hostname: host.replace(/:\d+$/, ''), path: rawPath, query, headers };
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
      sha256: Sha256,
      uriEscapePath: false,
    });
    const expected = (await signer.sign(request, { signingDate })).headers.authorization ?? '';
    const got = /Signature=([0-9a-f]{64})$/.exec(expected)?.[1] ?? '';
    const sameHeaders = expected.includes(`SignedHeaders=${signedHeaders},`);
    if (!sameHeaders || got.length !== signature.length || !timingSafeEqual(Buffer.from(got), Buffer.from(signature))) {
      throw new S3Error(
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      );
    }
  }

  function checkPayload(req: IncomingMessage, body: Buffer): void {
    const declared = header(req, 'x-amz-content-sha256') ?? '';
    if (declared === UNSIGNED) return;
    if (declared.startsWith('STREAMING-')) throw new S3Error(501, 'NotImplemented', `${declared} uploads are not supported here`);
    const actual = body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex');
    if (declared !== actual)
      throw new S3Error(400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  function sendObject(req: IncomingMessage, res: ServerResponse, key: string): number {
    const object = objects.get(key);
    if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    const etag = `"${createHash('md5').update(object).digest('hex')}"`;
    const range = header(req, 'range');
    const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
    if (!m || (m[1] === '' && m[2] === '')) {
      res.writeHead(200, { 'content-length': object.length, 'content-type': 'application/octet-stream', etag, 'accept-ranges': 'bytes' });
      res.end(req.method === 'HEAD' ? undefined : object);
      return 200;
    }
    const size = object.length;
    const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
    const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (start >= size || end < start) throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
    const part = object.subarray(start, end + 1);
    res.writeHead(206, { 'content-length': part.length, 'content-range': `bytes ${start}-${end}/${size}`, 'content-type': 'application/octet-stream', etag });
    res.end(req.method === 'HEAD' ? undefined : part);
    return 206;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<{ key: string; status: number }> {
    const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2);
    const [, bucket = '', ...rest] = rawPath.split('/');
    const key = decodeURIComponent(rest.join('/'));
    await verify(req, rawPath, rawQuery);
    const body = await readBody(req);
    checkPayload(req, body);
    if (bucket !== o.bucket) throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (key === '') throw new S3Error(501, 'NotImplemented', 'Bucket operations are not supported here');
    switch (req.method) {
      case 'PUT': {
        const length = header(req, 'content-length');
        if (length === undefined) throw new S3Error(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
        objects.set(key, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        res.end();
        return { key, status: 200 };
      }
      case 'GET':
      case 'HEAD':
        return { key, status: sendObject(req, res, key) };
      case 'DELETE':
        objects.delete(key);
        res.writeHead(204);
        res.end();
        return { key, status: 204 };
      default:
        throw new S3Error(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  }

  const server = createServer((req, res) => {
    const range = header(req, 'range') ?? null;
    handle(req, res).then(
      ({ key, status }) => requests.push({ method: req.method ?? '', key, range, status, code: null }),
      (err: unknown) => {
        const e = err instanceof S3Error ? err : new S3Error(500, 'InternalError', err instanceof Error ? err.message : String(err));
        const requestId = randomBytes(8).toString('hex').toUpperCase();
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${e.code}</Code><Message>${e.message}</Message><RequestId>${requestId}</RequestId></Error>`;
        requests.push({ method: req.method ?? '', key: req.url ?? '', range, status: e.status, code: e.code });
        // Drain what is left of an upload so the client reads the error instead of a reset.
        req.resume();
        res.writeHead(e.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
        res.end(req.method === 'HEAD' ? undefined : xml);
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
