/**
 * What the server shows the outside world besides the API: security headers on every answer,
 * HSTS only behind https, the operator endpoints (/metrics, /docs) closed in production to all
 * but the metrics token and admins, and no source maps in production unless switched on.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const METRICS_TOKEN = 'metrics-token-0123456789abcdef0123';
const webDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-web-security-'));
mkdirSync(path.join(webDir, 'assets'));
writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>TeleHub</title><div id="root"></div>');
writeFileSync(path.join(webDir, 'assets', 'app-3f2a1b.js'), 'console.log(1)\n//# sourceMappingURL=app-3f2a1b.js.map');
writeFileSync(path.join(webDir, 'assets', 'app-3f2a1b.js.map'), '{"version":3,"sources":["../src/secret.ts"],"mappings":""}');

const production = { NODE_ENV: 'production', TELEHUB_WEB_DIR: webDir, TELEHUB_METRICS_TOKEN: METRICS_TOKEN };

let prod: TestApp;
/** Production behind plain http, with the operator endpoints and the source maps switched open. */
let opened: TestApp;
let dev: TestApp;
beforeAll(async () => {
  [prod, opened, dev] = await Promise.all([
    createTestApp({ env: { ...production, PUBLIC_BASE_URL: 'https://telehub.example.org' } }),
    createTestApp({
      env: { ...production, PUBLIC_BASE_URL: 'http://telehub.internal:3000', TELEHUB_OPS_PUBLIC: '1', TELEHUB_SOURCE_MAPS: 'on' },
    }),
    createTestApp({ env: { TELEHUB_WEB_DIR: webDir } }),
  ]);
});
afterAll(async () => {
  await Promise.all([prod?.close(), opened?.close(), dev?.close()]);
  rmSync(webDir, { recursive: true, force: true });
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Record<string, string[]> {
  expect(typeof header).toBe('string');
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers', () => {
  it('answers the web app, the API and errors with a CSP, frame, type, referrer and HSTS headers behind https', async () => {
    for (const url of ['/', '/leads', '/api/v1/auth/me', '/api/v1/nope', '/healthz']) {
      const res = await prod.request({ method: 'GET', url, as: prod.cast.admin });
      const csp = directives(res.headers['content-security-policy']);
      expect(csp['default-src'], url).toEqual(["'self'"]);
      expect(csp['script-src'], url).toEqual(["'self'"]);
      expect(csp['object-src'], url).toEqual(["'none'"]);
      expect(csp['frame-ancestors'], url).toEqual(["'none'"]);
      expect(csp['base-uri'], url).toEqual(["'self'"]);
      // The live views talk graphql-ws to the same origin.
      expect(csp['connect-src'], url).toEqual(["'self'", 'wss://telehub.example.org']);
      expect(csp).toHaveProperty('upgrade-insecure-requests');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['strict-transport-security'], url).toMatch(/^max-age=\d{7,}/);
    }
  });

  it('sends no HSTS and does not upgrade requests when the public address is plain http', async () => {
    const res = await opened.request({ method: 'GET', url: '/' });
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const csp = directives(res.headers['content-security-policy']);
    expect(csp).not.toHaveProperty('upgrade-insecure-requests');
    expect(csp['connect-src']).toEqual(["'self'", 'ws://telehub.internal:3000']);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('operator endpoints in production', () => {
  const OPS = ['/metrics', '/docs', '/docs/', '/docs/json', '/docs/static/swagger-ui.css'];

  it('refuses /metrics and /docs without a token, with a wrong one, and with a non-admin session', async () => {
    for (const url of OPS) {
      const none = await prod.request({ method: 'GET', url });
      expect({ url, status: none.statusCode }).toEqual({ url, status: 401 });
      expect(none.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      expect(none.headers['www-authenticate']).toBe('Bearer');
      const wrong = await prod.request({ method: 'GET', url, headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
      expect({ url, status: wrong.statusCode }).toEqual({ url, status: 401 });
      for (const who of [prod.cast.manager, prod.cast.telecaller]) {
        const res = await prod.request({ method: 'GET', url, as: who });
        expect({ url, who: who.role, status: res.statusCode }).toEqual({ url, who: who.role, status: 403 });
      }
    }
    expect((await prod.request({ method: 'HEAD', url: '/metrics' })).statusCode).toBe(401);
  });

  it('serves them with the metrics token or an admin’s access token', async () => {
    for (const url of OPS) {
      const token = await prod.request({ method: 'GET', url, headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect({ url, status: token.statusCode }).toEqual({ url, status: 200 });
      const admin = await prod.request({ method: 'GET', url, as: prod.cast.admin });
      expect({ url, status: admin.statusCode }).toEqual({ url, status: 200 });
    }
    const metrics = await prod.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.body).toContain('telehub_http_request_duration_seconds');
  });

  it('keeps health and readiness open for the load balancer', async () => {
    expect((await prod.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await prod.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('stays open outside production, and in production when switched on', async () => {
    for (const url of OPS) expect({ url, status: (await dev.request({ method: 'GET', url })).statusCode }).toEqual({ url, status: 200 });
    for (const url of OPS) expect({ url, status: (await opened.request({ method: 'GET', url })).statusCode }).toEqual({ url, status: 200 });
  });
});

describe('source maps', () => {
  it('are not served in production, though the bundle is', async () => {
    expect((await prod.request({ method: 'GET', url: '/assets/app-3f2a1b.js' })).statusCode).toBe(200);
    const map = await prod.request({ method: 'GET', url: '/assets/app-3f2a1b.js.map' });
    expect(map.statusCode).toBe(404);
    expect(map.body).not.toContain('secret.ts');
    expect((await prod.request({ method: 'GET', url: '/assets/app-3f2a1b.js.map?x=1', as: prod.cast.admin })).statusCode).toBe(404);
  });

  it('are served outside production, and in production when switched on', async () => {
    expect((await dev.request({ method: 'GET', url: '/assets/app-3f2a1b.js.map' })).statusCode).toBe(200);
    expect((await opened.request({ method: 'GET', url: '/assets/app-3f2a1b.js.map' })).statusCode).toBe(200);
  });
});
