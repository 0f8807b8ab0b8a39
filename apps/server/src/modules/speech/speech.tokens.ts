/**
 * The tokens in media stream URLs. A vendor connecting to /media/<vendor>/<token> carries no
 * session of ours, so the URL itself is the credential: an HMAC-SHA256 over what it grants, with
 * a server secret (TELEHUB_MEDIA_SECRET, else one kept in the database for every node), and an
 * expiry. Two kinds:
 *   call    one call's stream on one leg (Twilio: put in the call's TwiML when it is placed);
 *           short-lived, it only has to last until the vendor connects.
 *   applet  Exotel's stream applet, whose URL is fixed in a flow and so cannot name a call: the
 *           call is named by the stream's start message (call_sid) instead. Long-lived.
 * Format: base64url of a few bytes (version, kind, vendor, leg, expiry, the call's id) "."
 * base64url of their HMAC, cut to 128 bits: short enough for a URL path segment (routers cap those
 * near 100 characters). Compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type MediaVendor = 'twilio' | 'exotel';
export type Leg = 'lead' | 'agent';

export type MediaGrant =
  | { kind: 'call'; vendor: MediaVendor; callId: string; leg: Leg; expiresAt: number }
  | { kind: 'applet'; vendor: 'exotel'; expiresAt: number };

export type TokenCheck = { ok: true; grant: MediaGrant } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const VERSION = 1;
const VENDORS: readonly MediaVendor[] = ['twilio', 'exotel'];
const LEGS: readonly Leg[] = ['lead', 'agent'];
const MAC_BYTES = 16;
const UUID_HEX = /^[0-9a-f]{32}$/;

export function createMediaTokens(secret: string) {
  const mac = (body: Buffer) => createHmac('sha256', secret).update('telehub-media').update(body).digest().subarray(0, MAC_BYTES);

  function sign(grant: MediaGrant): string {
    // version, kind (1 call, 2 applet), vendor, leg, expiry (unix seconds), then the call id's 16 bytes.
    const head = Buffer.alloc(8);
    head.writeUInt8(VERSION, 0);
    head.writeUInt8(grant.kind === 'call' ? 1 : 2, 1);
    head.writeUInt8(VENDORS.indexOf(grant.vendor), 2);
    head.writeUInt8(grant.kind === 'call' ? LEGS.indexOf(grant.leg) : 0, 3);
    head.writeUInt32BE(Math.floor(grant.expiresAt / 1000), 4);
    const body = grant.kind === 'call' ? Buffer.concat([head, Buffer.from(grant.callId.replace(/-/g, ''), 'hex')]) : head;
    return `${body.toString('base64url')}.${mac(body).toString('base64url')}`;
  }

  function verify(token: string, now: Date): TokenCheck {
    const [b, m, extra] = token.split('.');
    if (!b || !m || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(b) || !/^[A-Za-z0-9_-]+$/.test(m)) return { ok: false, reason: 'malformed' };
    const body = Buffer.from(b, 'base64url');
    const given = Buffer.from(m, 'base64url');
    const expected = mac(body);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    if (body.length < 8 || body.readUInt8(0) !== VERSION) return { ok: false, reason: 'malformed' };
    const kind = body.readUInt8(1);
    const vendor = VENDORS[body.readUInt8(2)];
    const leg = LEGS[body.readUInt8(3)];
    const expiresAt = body.readUInt32BE(4) * 1000;
    if (!vendor || !leg) return { ok: false, reason: 'malformed' };
    if (expiresAt <= now.getTime()) return { ok: false, reason: 'expired' };
    if (kind === 1 && body.length === 24) {
      const hex = body.subarray(8).toString('hex');
      if (!UUID_HEX.test(hex)) return { ok: false, reason: 'malformed' };
      const callId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      return { ok: true, grant: { kind: 'call', vendor, callId, leg, expiresAt } };
    }
    if (kind === 2 && body.length === 8 && vendor === 'exotel') return { ok: true, grant: { kind: 'applet', vendor, expiresAt } };
    return { ok: false, reason: 'malformed' };
  }

  return { sign, verify };
}

export type MediaTokens = ReturnType<typeof createMediaTokens>;
