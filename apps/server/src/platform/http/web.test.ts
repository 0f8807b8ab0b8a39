import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

const webDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-web-'));
let t: TestApp;
beforeAll(async () => {
  mkdirSync(path.join(webDir, 'assets'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>TeleHub</title><div id="root"></div>');
  writeFileSync(path.join(webDir, 'assets', 'app-3f2a1b.js'), 'console.log(1)');
  t = await createTestApp({ env: { TELEHUB_WEB_DIR: webDir } });
});
afterAll(async () => {
  await t?.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it('serves index.html for deep links, never cached', async () => {
    for (const url of ['/', '/leads', '/leads/3f2b8c1e-1234-4abc-9def-123456789012', '/settings/users?x=1']) {
      const res = await t.request({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches fingerprinted assets for good', async () => {
    const res = await t.request({ method: 'GET', url: '/assets/app-3f2a1b.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps API paths out of the fallback', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/missing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect((await t.request({ method: 'POST', url: '/leads' })).statusCode).toBe(404);
  });

  it('answers 404 for a missing asset instead of index.html', async () => {
    const res = await t.request({ method: 'GET', url: '/assets/app-old.js' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('<div id="root">');
  });
});
