/** Meta signs each webhook POST: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signWhatsAppBody(appSecret: string, raw: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}

/** Whether `header` is the signature of `raw` under `appSecret`, compared in constant time. */
export function verifyWhatsAppSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  if (!appSecret || !header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signWhatsAppBody(appSecret, raw), 'utf8');
  const given = Buffer.from(header.toLowerCase(), 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
