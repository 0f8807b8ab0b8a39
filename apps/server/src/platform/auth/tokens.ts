/**
 * Short-lived access tokens (HS256 JWT) and opaque refresh tokens stored only as hashes.
 *
 * An access token names who (`sub`), which session (`sid`, the refresh-token family it came
 * from) and the user's session version when it was issued (`sv`). It carries no role or team:
 * those are read from the database on every request, and a token whose session has ended or
 * whose version is older than the user's is refused (auth module, sessions).
 */
import { createHash, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { CommonErrors } from '../errors.js';

export type AccessClaims = { sub: string; sid: string; sv: number };
/** What a verified token says, with when it expires (ms since the epoch). */
export type VerifiedToken = AccessClaims & { expiresAt: number };

export type TokenSigner = {
  sign(claims: AccessClaims, now: Date): Promise<string>;
  verify(token: string, now: Date): Promise<VerifiedToken>;
  ttlSeconds: number;
};

const ISSUER = 'telehub';
const AUDIENCE = 'telehub-api';
const invalid = () => CommonErrors.UNAUTHENTICATED('The access token is not valid');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createTokenSigner(secret: string, ttlSeconds: number): TokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ sid: claims.sid, sv: claims.sv })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(key);
    },
    async verify(token, now) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now,
          // jose checks exp only when it is there: a token without one would never expire.
          requiredClaims: ['exp', 'sub'],
        });
        const { sub, sid, sv, exp } = payload;
        if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid) || typeof exp !== 'number') throw invalid();
        if (typeof sv !== 'number' || !Number.isSafeInteger(sv) || sv < 0) throw invalid();
        return { sub, sid, sv, expiresAt: exp * 1000 };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw CommonErrors.TOKEN_EXPIRED();
        if (err instanceof joseErrors.JOSEError) throw invalid();
        throw err;
      }
    },
  };
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
