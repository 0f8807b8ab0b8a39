import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, maskPii, redactSecrets } from './logging.js';

describe('masking personal data in logs', () => {
  it('masks phone numbers in the forms people write them', () => {
    for (const phone of ['+919876543210', '9876543210', '+91 98765 43210', '098765-43210', '(022) 2412 3456']) {
      const masked = maskPii(`call to ${phone} failed`);
      expect(masked).not.toContain(phone);
      expect(masked).toMatch(/\*\*\*\d\d failed$/);
    }
  });

  it('masks emails, including URL-encoded ones, and leaves ids alone', () => {
    expect(maskPii('priya.sharma@example.org')).toBe('p***@example.org');
    expect(maskPii('/api/v1/leads?q=priya%40example.org')).toBe('/api/v1/leads?q=p***%40example.org');
    expect(maskPii('/api/v1/leads?q=%2B919876543210')).not.toContain('919876543210');
    const id = 'lead 3f2b8c1e-1234-4abc-9def-123456789012 at 2026-11-25T01:02:03Z';
    expect(maskPii(id)).toBe(id);
  });

  it('masks fields, messages and request URLs in real log lines, and redacts secrets', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger({ level: 'info', destination: sink });
    log.info({ lead: { phone: '+919876543210', email: 'a.b@example.com' }, password: 'hunter2-secret' }, 'dialing 9876543210');
    log.info({ req: { method: 'GET', url: '/api/v1/leads?q=9876543210', id: 'r1' } }, 'request');
    log.info({ res: { statusCode: 201, headers: { 'set-cookie': 'x' } } }, 'done');
    expect(JSON.parse(lines[2] ?? '{}').res).toEqual({ statusCode: 201 });
    const out = lines.join('');
    expect(out).not.toContain('9876543210');
    expect(out).not.toContain('a.b@example.com');
    expect(out).not.toContain('hunter2-secret');
    expect(out).toContain('[redacted]');
    expect(JSON.parse(lines[0] ?? '{}').lead.phone).toBe('+***10');
  });
});

describe('secrets in URLs', () => {
  it('hides the Exotel callback token from request logs', () => {
    expect(redactSecrets('/webhooks/exotel/status/s3cr3t-token?x=1')).toBe('/webhooks/exotel/status/[redacted]?x=1');
    expect(redactSecrets('/api/v1/leads')).toBe('/api/v1/leads');
  });
});
