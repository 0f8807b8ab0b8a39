/**
 * Email through a real SMTP server started here: admins keep templates in English and Hindi, a
 * follow-up arrives with the lead's language, subject, body (escaped in HTML) and address, a
 * recipient the server refuses is recorded as bounced, and a bounce report (DSN) marks the
 * message it names. WhatsApp is not configured on this server: sending on it says so.
 */
import type { EmailTemplate, LeadMessages, Message, MessagingTemplates } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';

let t: TestApp;
let smtp: TestSmtp;

let seq = 0;

async function lead(email: string, language: 'en' | 'hi' = 'en', consent = true) {
  const l = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Ravi <b>${++seq}</b>`,
    phone: `+9197400${String(10_000 + seq).slice(-5)}`,
    email,
    language,
    ownerId: t.cast.telecaller.id,
  });
  if (consent)
    await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/consents`,
      as: t.cast.admin,
      payload: { purpose: 'email', granted: true, channel: 'web_form' },
    });
  return l;
}

const template = (payload: Record<string, unknown>) => t.request({ method: 'POST', url: '/api/v1/messaging/email/templates', as: t.cast.admin, payload });
const messageWhen = (leadId: string, id: string, ok: (m: Message) => boolean) =>
  until(
    `message ${id}`,
    async () =>
      (await t.request({ method: 'GET', url: `/api/v1/leads/${leadId}/messages`, as: t.cast.telecaller }))
        .json<LeadMessages>()
        .items.find((m) => m.id === id && ok(m)),
    15_000,
  );

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'TeleHub Admissions <admissions@test.example>' } });
  expect(
    (await template({ name: 'brochure', language: 'en', subject: 'Your brochure, {{name}}', body: 'Dear {{name}},\n\nThe {{course}} brochure is attached.' }))
      .statusCode,
  ).toBe(201);
  expect(
    (await template({ name: 'brochure', language: 'hi', subject: '{{name}}, आपकी पुस्तिका', body: 'प्रिय {{name}},\n\n{{course}} की पुस्तिका संलग्न है।' })).statusCode,
  ).toBe(201);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('email templates', () => {
  it('are kept by admins, one per name and language, with the variables they use', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/messaging/templates', as: t.cast.telecaller })).json<MessagingTemplates>();
    expect(list.email.configured).toBe(true);
    expect(list.whatsapp).toMatchObject({ configured: false, items: [] });
    expect(list.email.items.map((i) => `${i.name}/${i.language}/${i.variables.join(',')}`)).toEqual(['brochure/en/name,course', 'brochure/hi/name,course']);
    const twice = await template({ name: 'brochure', language: 'en', subject: 'x', body: 'y' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'EMAIL_TEMPLATE_EXISTS' });
    expect((await template({ name: 'Bad Name', language: 'en', subject: 'x', body: 'y' })).statusCode).toBe(400);
    const byCaller = await t.request({
      method: 'POST',
      url: '/api/v1/messaging/email/templates',
      as: t.cast.telecaller,
      payload: { name: 'x', language: 'en', subject: 'x', body: 'y' },
    });
    expect(byCaller.statusCode).toBe(403);

    const made = (await template({ name: 'temp', language: 'en', subject: 'S', body: 'B' })).json<EmailTemplate>();
    const changed = await t.request({
      method: 'PUT',
      url: `/api/v1/messaging/email/templates/${made.id}`,
      as: t.cast.admin,
      payload: { name: 'temp', language: 'en', subject: 'S2 {{x}}', body: 'B2' },
    });
    expect(changed.json<EmailTemplate>()).toMatchObject({ subject: 'S2 {{x}}', variables: ['x'] });
    expect((await t.request({ method: 'DELETE', url: `/api/v1/messaging/email/templates/${made.id}`, as: t.cast.admin })).statusCode).toBe(204);
  });
});

describe('sending email', () => {
  it('arrives in the lead’s language with its subject, body and address; values are escaped in HTML', async () => {
    const l = await lead('ravi@school.example', 'hi');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/messages`,
      as: t.cast.telecaller,
      payload: { channel: 'email', template: 'brochure', variables: { name: l.name, course: 'B.Tech' } },
    });
    expect(res.statusCode).toBe(202);
    const { id } = res.json<{ id: string }>();
    const sent = await messageWhen(l.id, id, (m) => m.status === 'sent');
    expect(sent).toMatchObject({ channel: 'email', language: 'hi', subject: `${l.name}, आपकी पुस्तिका` });
    const mail = await until('the email arrives', () => smtp.received.find((m) => m.subject === `${l.name}, आपकी पुस्तिका`));
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ravi@school.example');
    expect(mail.from?.text).toContain('admissions@test.example');
    expect(mail.text).toContain(`प्रिय ${l.name},`);
    expect(mail.text).toContain('B.Tech की पुस्तिका संलग्न है।');
    expect(mail.html).toContain(`प्रिय Ravi &lt;b&gt;${seq}&lt;/b&gt;,`);
    expect(mail.html).not.toContain('<b>');
  });

  it('records a recipient the server refuses as bounced, with its reply', async () => {
    const l = await lead('gone@refused.example');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/messages`,
      as: t.cast.telecaller,
      payload: { channel: 'email', template: 'brochure', variables: { name: 'Ravi', course: 'MBA' } },
    });
    const bounced = await messageWhen(l.id, res.json<{ id: string }>().id, (m) => m.status === 'bounced');
    expect(bounced.errorCode).toBe('smtp_550');
    expect(bounced.errorTitle).toContain('Mailbox unavailable');
  });

  it('marks a message bounced from a delivery status notification', async () => {
    const l = await lead('later@school.example');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/leads/${l.id}/messages`,
      as: t.cast.telecaller,
      payload: { channel: 'email', template: 'brochure', variables: { name: 'Ravi', course: 'MBA' } },
    });
    const { id } = res.json<{ id: string }>();
    await messageWhen(l.id, id, (m) => m.status === 'sent');
    const mail = await until('the email arrives', () => smtp.received.find((m) => m.to && !Array.isArray(m.to) && m.to.text === 'later@school.example'));
    const dsn = [
      'From: MAILER-DAEMON@mx.school.example',
      'Message-ID: <dsn-1@mx.school.example>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.school.example',
      '',
      'Final-Recipient: rfc822; later@school.example',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <later@school.example>: Recipient address rejected:',
      '  User unknown in virtual mailbox table',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${mail.messageId}`,
      'Subject: Your brochure, Ravi',
      '--b--',
    ].join('\r\n');
    const byCaller = await t.request({ method: 'POST', url: '/api/v1/messaging/email/bounces', as: t.cast.telecaller, payload: { dsn } });
    expect(byCaller.statusCode).toBe(403);
    const reported = await t.request({ method: 'POST', url: '/api/v1/messaging/email/bounces', as: t.cast.admin, payload: { dsn } });
    expect(reported.json()).toEqual({ matched: true, messageId: id, status: '5.1.1' });
    const bounced = await messageWhen(l.id, id, (m) => m.status === 'bounced');
    expect(bounced).toMatchObject({
      errorCode: '5.1.1',
      errorTitle: '550 5.1.1 <later@school.example>: Recipient address rejected: User unknown in virtual mailbox table',
    });
  });

  it('is refused without email consent, to a lead without an address, and on WhatsApp when it is not configured', async () => {
    const noConsent = await lead('quiet@school.example', 'en', false);
    const send = (leadId: string, payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url: `/api/v1/leads/${leadId}/messages`, as: t.cast.telecaller, payload });
    expect((await send(noConsent.id, { channel: 'email', template: 'brochure', variables: { name: 'A', course: 'B' } })).json()).toMatchObject({
      code: 'CONSENT_REQUIRED',
    });
    const missing = await send((await lead('some@school.example')).id, { channel: 'email', template: 'brochure', variables: { name: 'A' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'VARIABLES_MISMATCH', message: 'The template brochure needs {{course}}' });
    const whatsapp = await send(noConsent.id, { channel: 'whatsapp', template: 'brochure', variables: ['A', 'B'] });
    expect(whatsapp.statusCode).toBe(503);
    expect(whatsapp.json()).toMatchObject({ code: 'WHATSAPP_NOT_CONFIGURED' });
    const verify = await t.app.inject({ method: 'GET', url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' });
    expect(verify.statusCode).toBe(403);
  });
});
