/** The delivery status merge is the same whatever order Meta's statuses arrive in, and however often. */
import { describe, expect, it } from 'vitest';
import { parseDsn } from './messaging.dsn.js';
import { mergeStatus, type StatusState } from './messaging.status.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 10, 0, s));
const start: StatusState = { status: 'queued', sentAt: null, deliveredAt: null, readAt: null, failedAt: null };
type Ev = ['sent' | 'delivered' | 'read' | 'failed', number];

function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}
const apply = (evs: Ev[]) => evs.reduce((s, [status, sec]) => mergeStatus(s, status, at(sec)), start);

describe('delivery status', () => {
  it('ends the same in every order, with duplicates', () => {
    const evs: Ev[] = [
      ['sent', 1],
      ['delivered', 2],
      ['read', 3],
      ['delivered', 2],
    ];
    const results = permutations(evs).map(apply);
    for (const r of results) expect(r).toEqual({ status: 'read', sentAt: at(1), deliveredAt: at(2), readAt: at(3), failedAt: null });
  });

  it('fails only what was never delivered, in any order', () => {
    for (const p of permutations<Ev>([
      ['sent', 1],
      ['failed', 2],
    ]))
      expect(apply(p).status).toBe('failed');
    for (const p of permutations<Ev>([
      ['sent', 1],
      ['delivered', 2],
      ['failed', 3],
    ]))
      expect(apply(p).status).toBe('delivered');
  });

  it('leaves a bounced email bounced', () => {
    expect(mergeStatus({ ...start, status: 'bounced' }, 'delivered', at(1)).status).toBe('bounced');
  });
});

describe('delivery status notifications', () => {
  it('give the recipient, status, diagnostic and the returned message id', () => {
    const dsn = [
      'Message-ID: <report@mx>',
      '',
      'Final-Recipient: rfc822; a@b.example',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 no such user',
      '',
      'Message-ID: <original@telehub>',
    ].join('\n');
    expect(parseDsn(dsn)).toEqual({ recipient: 'a@b.example', status: '5.1.1', diagnostic: '550 no such user', messageId: '<original@telehub>' });
    expect(parseDsn('nothing useful')).toBeNull();
  });
});
