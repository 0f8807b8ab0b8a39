/**
 * The Graph client against the stand-in: the template list followed across pages, Meta's errors
 * sorted into retry-or-not, a wrong token refused, and the signature checked over the raw bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WhatsAppStandin } from './testing/whatsapp-standin.js';
import { createWhatsAppClient } from './whatsapp.client.js';
import { kindOf, WhatsAppError } from './whatsapp.errors.js';
import { readWhatsAppEvents } from './whatsapp.events.js';
import { signWhatsAppBody, verifyWhatsAppSignature } from './whatsapp.signature.js';

const meta = new WhatsAppStandin();
const client = () =>
  createWhatsAppClient({ baseUrl: meta.baseUrl, token: meta.token, phoneNumberId: meta.phoneNumberId, businessAccountId: meta.businessAccountId });

beforeAll(async () => {
  for (let i = 0; i < 130; i++)
    meta.addTemplate({ name: `t_${String(i).padStart(3, '0')}`, language: 'en_US', components: [{ type: 'BODY', text: 'Hi {{1}}' }] });
  meta.addTemplate({
    name: 'with_header',
    language: 'hi',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello {{1}}' },
      { type: 'BODY', text: '{{1}} {{2}}' },
    ],
  });
  await meta.start();
});
afterAll(() => meta.stop());

describe('the WhatsApp client', () => {
  it('reads every template across pages, with its variables and whether TeleHub can fill it', async () => {
    const all = await client().listTemplates();
    expect(all).toHaveLength(131);
    expect(meta.requests.filter((r) => r.path.endsWith('/message_templates'))).toHaveLength(2);
    expect(all.find((t) => t.name === 'with_header')).toMatchObject({ language: 'hi', variableCount: 2, sendable: false, status: 'APPROVED' });
  });

  it('sorts Meta’s errors: rate limits and outages are retried, the rest are not', async () => {
    meta.faults = [{ code: 131056, httpStatus: 400 }];
    const limited = await client()
      .sendTemplate({ to: '+919876500001', name: 't_001', language: 'en_US', parameters: ['A'] })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(WhatsAppError);
    expect(limited).toMatchObject({ code: 131056, kind: 'rate_limited', retryable: true });
    meta.faults = [{ code: 131000, httpStatus: 500 }];
    expect(
      await client()
        .sendTemplate({ to: '919876500001', name: 't_001', language: 'en_US', parameters: ['A'] })
        .catch((e: unknown) => e),
    ).toMatchObject({ kind: 'transient' });
    const mismatch = await client()
      .sendTemplate({ to: '919876500001', name: 't_001', language: 'en_US', parameters: [] })
      .catch((e: unknown) => e);
    expect(mismatch).toMatchObject({ code: 132000, kind: 'permanent', retryable: false });
    const outside = await client()
      .sendText({ to: '919876500001', body: 'hello' })
      .catch((e: unknown) => e);
    expect(outside).toMatchObject({ code: 131047, kind: 'permanent' });
    const wrongToken = await createWhatsAppClient({ baseUrl: meta.baseUrl, token: 'wrong', phoneNumberId: meta.phoneNumberId, businessAccountId: null })
      .sendText({ to: '919876500001', body: 'x' })
      .catch((e: unknown) => e);
    expect(wrongToken).toMatchObject({ code: 190, kind: 'permanent' });
    expect(kindOf(4, 400)).toBe('rate_limited');
    expect(kindOf(80007, 400)).toBe('rate_limited');
    expect(kindOf(null, 429)).toBe('rate_limited');
    expect(kindOf(null, null)).toBe('transient');
    expect(kindOf(131026, 400)).toBe('permanent');
  });

  it('sends a template with its body parameters and the callback data', async () => {
    const { wamid } = await client().sendTemplate({ to: '+91 98765 00002', name: 't_002', language: 'en_US', parameters: ['Priya'], callbackData: 'msg:x' });
    expect(meta.accepted.find((m) => m.wamid === wamid)).toMatchObject({ to: '919876500002', template: { parameters: ['Priya'] }, callbackData: 'msg:x' });
  });

  it('checks the signature over the exact bytes, in constant time', () => {
    const body = Buffer.from(JSON.stringify(meta.statusPayload('wamid.1', 'read')));
    const sig = signWhatsAppBody(meta.appSecret, body);
    expect(verifyWhatsAppSignature(meta.appSecret, body, sig)).toBe(true);
    expect(verifyWhatsAppSignature(meta.appSecret, Buffer.concat([body, Buffer.from(' ')]), sig)).toBe(false);
    expect(verifyWhatsAppSignature('other', body, sig)).toBe(false);
    expect(verifyWhatsAppSignature(meta.appSecret, body, undefined)).toBe(false);
    expect(verifyWhatsAppSignature(meta.appSecret, body, 'sha256=zz')).toBe(false);
    expect(readWhatsAppEvents(JSON.parse(body.toString()), new Date())).toEqual([
      expect.objectContaining({ kind: 'status', wamid: 'wamid.1', status: 'read' }),
    ]);
  });
});
