import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneSearchTerm } from './phone.js';

describe('phone numbers', () => {
  it.each([
    ['9876543210', '+919876543210'],
    ['09876543210', '+919876543210'],
    ['919876543210', '+919876543210'],
    ['+91 98765 43210', '+919876543210'],
    ['+91-98765-43210', '+919876543210'],
    ['(+91) 98765 43210', '+919876543210'],
    ['0091 98765 43210', '+919876543210'],
    ['022 2412 3456', '+912224123456'],
    ['(0522) 229-8872', '+915222298872'],
    ['+1 415 555 2671', '+14155552671'],
  ])('normalizes %s to %s', (input, e164) => {
    expect(normalizePhone(input)).toMatchObject({ ok: true, e164 });
  });

  it.each(['', '12345', '98765 4321x', '+91 12345', '1111111111111111', 'call me'])('rejects %j with a reason', (input) => {
    const r = normalizePhone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
  });

  it('turns search text into an exact number or digits', () => {
    expect(phoneSearchTerm('98765 43210')).toEqual({ e164: '+919876543210', digits: '919876543210' });
    expect(phoneSearchTerm('0543')).toEqual({ digits: '543' });
    expect(phoneSearchTerm('priya')).toEqual({});
    expect(phoneSearchTerm('12')).toEqual({});
  });
});
