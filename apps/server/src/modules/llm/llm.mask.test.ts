/** Personal details never reach a vendor: phone numbers, emails, Aadhaar- and PAN-like ids, however written. */
import { describe, expect, it } from 'vitest';
import { maskPii } from './llm.mask.js';

describe('maskPii', () => {
  it.each([
    ['my number is 9876543210', 'my number is [number]'],
    ['call +91 98765 43210 after six', 'call [number] after six'],
    ['+91-98765-43210', '[number]'],
    ['098765 43210', '[number]'],
    ['91 9876543210 pe whatsapp karo', '[number] pe whatsapp karo'],
    ['office (080) 4709-1234', 'office [number]'],
    ['London +44 20 7946 0958', 'London [number]'],
    ['US +1 (415) 555-0100.', 'US [number].'],
    ['aadhaar 1234 5678 9012 hai', 'aadhaar [number] hai'],
    ['aadhaar 1234-5678-9012', 'aadhaar [number]'],
    ['मेरा नंबर ९८७६५४३२१० है', 'मेरा नंबर [number] है'],
    ['mera number 98765.43210 hai', 'mera number [number] hai'],
  ])('masks the number in %j', (input, expected) => {
    expect(maskPii(input)).toBe(expected);
  });

  it('masks emails and PAN-like ids in either case', () => {
    expect(maskPii('mail priya.sharma+admissions@example.co.in please')).toBe('mail [email] please');
    expect(maskPii('PAN ABCDE1234F, pan abcde1234f')).toBe('PAN [id], pan [id]');
  });

  it('leaves the figures a counsellor needs: fees, years, PIN codes, dates, short counts', () => {
    const text = 'Fees are ₹45,000 a year or 1,50,000 in all, batch 2025-26 starts 12/07/2025, PIN 110001, 3 instalments, class 12.';
    expect(maskPii(text)).toBe(text);
  });
});
