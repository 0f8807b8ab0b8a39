import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { fastIndianMobile, normalizePhone, phoneSearchTerm } from './phone.js';

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

  it('takes the fast path for Indian mobiles exactly as the full parser would', () => {
    // Deterministic pseudo-random numbers in every form people type them.
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const forms = [
      (d: string) => d,
      (d: string) => `+91 ${d.slice(0, 5)} ${d.slice(5)}`,
      (d: string) => `0${d}`,
      (d: string) => `91${d}`,
      (d: string) => `0091-${d}`,
      (d: string) => `(+91) ${d.slice(0, 3)}-${d.slice(3)}`,
    ];
    let fast = 0;
    for (let i = 0; i < 30_000; i++) {
      const d = Array.from({ length: 10 }, (_, k) => String(k === 0 && next() % 5 > 0 ? 6 + (next() % 4) : next() % 10)).join('');
      const input = (forms[i % forms.length] as (d: string) => string)(d);
      const viaFast = fastIndianMobile(input);
      const full = parsePhoneNumberFromString(input, 'IN');
      if (viaFast) {
        fast++;
        expect({ input, e164: full?.isValid() ? full.number : null }).toEqual({ input, e164: viaFast });
      }
    }
    // Mobile numbers start with 6-9: a good share of random ten-digit strings take the fast path.
    expect(fast).toBeGreaterThan(5_000);
  });
});
