/** Short-lived access tokens (HS256 JWT) and opaque refresh tokens stored only as hashes. */
import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@telehub/shared';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { CommonErrors } from '../errors.js';

export type AccessClaims = { sub: string; role: Role; teamId: string | null };

export type TokenSigner = {
  sign(claims: AccessClaims, now: Date): Promise<string>;
  verify(token: string, now: Date): Promise<AccessClaims>;
  ttlSeconds: number;
};

const ISSUER = 'telehub';
const AUDIENCE = 'telehub-api';
const ROLE_SET = new Set<string>(['admin', 'manager', 'telecaller']);

export function createTokenSigner(secret: string, ttlSeconds: number): TokenSigner {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async sign(claims, now) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ role: claims.role, tid: claims.teamId })
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
        });
        const role = payload.role;
        if (typeof payload.sub !== 'string' || typeof role !== 'string' || !ROLE_SET.has(role)) {
          throw CommonErrors.UNAUTHENTICATED('The access token is not valid');
        }
        const tid = typeof payload.tid === 'string' ? payload.tid : null;
        return { sub: payload.sub, role: role as Role, teamId: tid };
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw CommonErrors.TOKEN_EXPIRED();
        if (err instanceof joseErrors.JOSEError) throw CommonErrors.UNAUTHENTICATED('The access token is not valid');
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
