import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runModule } from '../test/process.js';
import { createLogger, maskPii, redactSecrets } from './logging.js';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, log: createLogger({ level: 'info', destination: sink }) };
}

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

describe('masking stays linear in the length of the text', () => {
  it('masks what a child logger is bound to, and what a message formats in', () => {
    const { lines, log } = capture();
    log.child({ caller: '+91 98765 43210', contact: 'priya.khan@example.org' }).info('dialling %s', '9876543210');
    log.info('lead %j', { phone: '+919812345678' });
    const line = lines.join('\n');
    expect(line).not.toContain('98765 43210');
    expect(line).not.toContain('9876543210');
    expect(line).not.toContain('priya.khan@');
    expect(line).not.toContain('9812345678');
    expect(line).toContain('***10');
  });

  it('masks 2 MB adversarial strings (long runs of address and phone characters) without backtracking', async () => {
    // Each pattern made the old expressions retry from every position of a long run: a 40 KB
    // string took 4 s, so 2 MB would take hours. Linear masking does each in well under a second.
    const code = `
      import { maskPii } from ${JSON.stringify(new URL('./logging.ts', import.meta.url).href)};
      const n = 2 * 1024 * 1024;
      const patterns = {
        letters: 'a'.repeat(n),
        encoded: 'a%'.repeat(n / 2),
        encodedAt: 'a%40'.repeat(n / 4),
        dashes: '1-'.repeat(n / 2),
        spaced: '1 '.repeat(n / 2) + 'x',
        dottedDomain: 'x@' + 'a.'.repeat(n / 2),
        ats: 'a@'.repeat(n / 2),
        mixed: '1.a'.repeat(n / 3),
        brackets: '(1'.repeat(n / 2),
        plusDigits: '%2B' + '1'.repeat(n),
      };
      const times = {};
      for (const [name, text] of Object.entries(patterns)) {
        const started = performance.now();
        const masked = maskPii(text);
        if (typeof masked !== 'string') throw new Error(name);
        times[name] = Math.round(performance.now() - started);
      }
      console.log('DONE ' + JSON.stringify(times));
    `;
    // Run apart, and killed at the deadline: a regression must fail the test, not hang it.
    const run = runModule(code);
    expect(await run.exited(40_000), run.output()).toBe(0);
    expect(run.output()).toMatch(/^DONE /m);
  }, 60_000);

  it('still finds addresses and numbers inside long runs', () => {
    const text = `${'x'.repeat(10_000)} priya.sharma@example.org ${'1-'.repeat(5_000)} call 9876543210 ${'a%'.repeat(5_000)} q=ravi%40example.in`;
    const masked = maskPii(text);
    expect(masked).not.toContain('priya.sharma@');
    expect(masked).toContain('p***@example.org');
    expect(masked).not.toContain('9876543210');
    expect(masked).toContain('r***%40example.in');
  });
});

describe('log lines stay bounded', () => {
  it('truncates very long strings with a marker and keeps the line small', () => {
    const { lines, log } = capture();
    log.info({ note: `reach me at 9876543210 ${'~'.repeat(1_000_000)}` }, `long ${'~'.repeat(100_000)}`);
    const line = lines[0] ?? '';
    expect(line.length).toBeLessThan(40_000);
    const parsed = JSON.parse(line);
    expect(parsed.note).toMatch(/^reach me at \+?\*\*\*10 ~+…\[truncated \d+ of 1000023 chars\]$/);
    expect(parsed.msg).toMatch(/…\[truncated \d+ of 100005 chars\]$/);
  });

  it('never cuts an address or number in half where the text is truncated', () => {
    const { lines, log } = capture();
    for (let pad = 8 * 1024 - 30; pad < 8 * 1024 + 5; pad++) log.info({ note: `${'~'.repeat(pad)} priya.sharma@example.org +91 98765 43210` });
    for (const line of lines) {
      const note: string = JSON.parse(line).note;
      expect(note).not.toMatch(/priya\.s|priya\.sharma|98765|43210/);
    }
  });

  it('walks only a bounded part of huge objects, arrays and deep nesting', () => {
    const { lines, log } = capture();
    type Nested = { next?: Nested; phone: string };
    let deep: Nested = { phone: '+919876543210' };
    for (let i = 0; i < 200; i++) deep = { next: deep, phone: '+919876543210' };
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, `v${i}`]));
    const list = Array.from({ length: 100_000 }, (_, i) => ({ i, email: `person${i}@example.com` }));
    log.info({ deep, keys, list }, 'big');
    const line = lines[0] ?? '';
    expect(line.length).toBeLessThan(100_000);
    expect(line).not.toContain('9876543210');
    expect(line).not.toContain('person1@');
    const parsed = JSON.parse(line);
    expect(Object.keys(parsed.keys).length).toBeLessThan(100);
    expect(parsed.list.length).toBeLessThan(100);
    expect(parsed.list.at(-1)).toMatch(/more items/);
  });

  it('masks personal data nested deeper than the walk goes', () => {
    const { lines, log } = capture();
    log.info({ a: { b: { c: { d: { e: { f: { g: { h: { phone: '+919876543210', email: 'deep.person@example.com' } } } } } } } } });
    expect(lines[0]).not.toContain('9876543210');
    expect(lines[0]).not.toContain('deep.person');
  });

  it('logs errors with their type, code and masked message', () => {
    const { lines, log } = capture();
    const err = Object.assign(new TypeError('call to 9876543210 failed'), { code: 'E_DIAL' });
    log.error({ err }, 'dial failed');
    const parsed = JSON.parse(lines[0] ?? '{}');
    expect(parsed.err).toMatchObject({ type: 'TypeError', code: 'E_DIAL', message: 'call to ***10 failed' });
    expect(parsed.err.stack).toContain('TypeError');
    log.error(err);
    log.error({ err });
    log.info(null);
    log.info(undefined as unknown as string);
    expect(JSON.parse(lines[1] ?? '{}').msg).toBe('call to ***10 failed');
    expect(JSON.parse(lines[2] ?? '{}').msg).toBe('call to ***10 failed');
    expect(lines.join('')).not.toContain('9876543210');
  });
});

describe('secrets in URLs', () => {
  it('hides the Exotel callback token from request logs', () => {
    expect(redactSecrets('/webhooks/exotel/status/s3cr3t-token?x=1')).toBe('/webhooks/exotel/status/[redacted]?x=1');
    expect(redactSecrets('/api/v1/leads')).toBe('/api/v1/leads');
    // Inbound: the Connect applet's dynamic URL, the Passthru and the Greeting carry the same token.
    for (const path of ['incoming', 'passthru', 'greeting']) {
      expect(redactSecrets(`/webhooks/exotel/${path}/s3cr3t-token?CallSid=abc`)).toBe(`/webhooks/exotel/${path}/[redacted]?CallSid=abc`);
    }
  });
});
