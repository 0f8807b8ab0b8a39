/**
 * WhatsApp and email follow-ups in the browser: a telecaller sends a WhatsApp template from the
 * lead page and sees it delivered and read (the Graph stand-in sends Meta's signed status
 * webhooks to the server), and an email follow-up arrives in a real SMTP server started here;
 * after a call, the wrap-up sends a template as it is saved, and the lead page shows it read.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { CallPage, Lead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../apps/server/src/platform/testing/until.js';
import { WhatsAppStandin } from '../apps/server/src/providers/messaging/whatsapp/testing/whatsapp-standin.js';
import { startTestSmtp, type TestSmtp } from '../apps/server/src/test/smtp.js';
import { apiClientAs, axeProblems, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness } from './harness.js';

let h: Harness;
const meta = new WhatsAppStandin();
let smtp: TestSmtp;

beforeAll(async () => {
  meta.addTemplate({ name: 'course_brochure', language: 'en_US', components: [{ type: 'BODY', text: 'Hi {{1}}, here is the {{2}} brochure you asked for.' }] });
  await meta.start();
  smtp = await startTestSmtp();
  h = await startHarness({
    leads: 40,
    env: {
      ...meta.env(),
      SIMULATOR_ANSWER_RATE: '1',
      SIMULATOR_SPEED: '5',
      TELEHUB_CALLING_HOURS: '00:00-24:00',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Admissions <admissions@test.example>',
    },
  });
  // Meta plays each accepted message forward: sent, delivered, read, as signed webhooks to the server.
  meta.webhookTarget = `${h.server.url}/webhooks/whatsapp`;
  meta.autoProgressMs = 300;
  const admin = await apiClientAs(h, h.server.accounts.admin);
  expect((await admin('POST', '/messaging/whatsapp/templates/sync')).status).toBe(200);
  const template = {
    name: 'brochure_followup',
    language: 'en',
    subject: 'Your {{course}} brochure',
    body: 'Dear {{name}},\n\nThe {{course}} brochure is attached.',
  };
  expect((await admin('POST', '/messaging/email/templates', template)).status).toBe(201);
});

afterAll(async () => {
  await h?.close();
  await meta.stop();
  await smtp?.close();
});

describe('messaging in the browser', () => {
  it('a telecaller sends a WhatsApp template and sees it read, then an email follow-up arrives', async () => {
    const email = h.server.accounts.telecallers[0] ?? '';
    const as = await apiClientAs(h, email);
    const lead = (await as<{ items: Lead[] }>('GET', '/leads?ownerId=me&pageSize=1')).body.items[0];
    if (!lead) throw new Error('the telecaller owns no lead');
    expect((await as('PATCH', `/leads/${lead.id}`, { email: 'parent@family.example' })).status).toBe(200);
    for (const purpose of ['whatsapp', 'email'])
      expect((await as('POST', `/leads/${lead.id}/consents`, { purpose, granted: true, channel: 'call' })).status).toBe(201);

    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, email);
    await page.goto(`${h.server.url}/leads/${lead.id}`);
    const panel = page.getByRole('region', { name: 'Messages' });
    await panel.getByRole('button', { name: 'Message' }).click();
    const dialog = page.getByRole('dialog', { name: `Message ${lead.name}` });
    await dialog.getByLabel('Template').click();
    await page.getByRole('option', { name: /course_brochure/ }).click();
    await expect.poll(() => dialog.getByLabel('Value for {{1}}').inputValue()).toBe(lead.name);
    await dialog.getByLabel('Value for {{2}}').fill('B.Tech');
    await expect.poll(() => dialog.getByTestId('message-preview').textContent()).toBe(`Hi ${lead.name}, here is the B.Tech brochure you asked for.`);
    await shot(page, 'messaging-send-dialog');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Meta's statuses come back through the signed webhook: the ticks turn to Read.
    await panel.locator('[data-testid="message"][data-status="read"]').waitFor({ timeout: 20_000 });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByText(`sent the WhatsApp template “course_brochure”`).waitFor();
    await timeline.locator('[data-status="read"]').first().waitFor({ timeout: 15_000 });
    expect(meta.accepted.at(-1)).toMatchObject({ to: lead.phone.slice(1), template: { name: 'course_brochure', parameters: [lead.name, 'B.Tech'] } });

    // The email follow-up, in the same dialog.
    await panel.getByRole('button', { name: 'Message' }).click();
    await dialog.getByLabel('Channel').click();
    await page.getByRole('option', { name: 'Email' }).click();
    await dialog.getByLabel('Template').click();
    await page.getByRole('option', { name: /brochure_followup/ }).click();
    await dialog.getByLabel('Value for {{course}}').fill('MBA');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.waitFor({ state: 'detached' });
    const mail = await until('the email arrives', () => smtp.received.find((m) => m.subject === 'Your MBA brochure'), 20_000);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('parent@family.example');
    expect(mail.text).toContain(`Dear ${lead.name},`);
    await panel.locator('[data-testid="message"][data-status="sent"]').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'messaging-lead');

    // The lead writes back: the inbox shows it unread, with the reply window open, at phone width.
    await meta.customerWrites(lead.phone, 'Thank you! What are the fees?');
    await page.setViewportSize(PHONE);
    await page.goto(`${h.server.url}/inbox`);
    const item = page.getByTestId('inbox-item').filter({ hasText: 'What are the fees?' });
    await item.getByText('1 unread').waitFor();
    await item.getByRole('button', { name: 'Reply' }).click();
    await item
      .getByTestId('window-countdown')
      .getByText(/Reply window open/)
      .waitFor();
    await shot(page, 'messaging-inbox-phone');
    expect((await axeProblems(page)).filter((p) => p.impact === 'serious' || p.impact === 'critical')).toEqual([]);
    await context.close();
  });

  it('after a call, the wrap-up sends a WhatsApp template as it is saved, and the lead page shows it read', async () => {
    const email = h.server.accounts.telecallers[1] ?? '';
    const as = await apiClientAs(h, email);
    // Whichever lead the workspace offers next has agreed to WhatsApp.
    for (const l of (await as<{ items: Lead[] }>('GET', '/leads?ownerId=me&pageSize=100')).body.items)
      expect((await as('POST', `/leads/${l.id}/consents`, { purpose: 'whatsapp', granted: true, channel: 'call' })).status).toBe(201);

    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, email);
    await page.goto(`${h.server.url}/workspace`);
    await page.getByRole('button', { name: 'Ready to call' }).click();
    await page.locator('[data-presence="available"]').waitFor();
    await page.getByRole('button', { name: /^Dial/ }).click();
    await page.locator('[data-call-status="in_progress"]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: /^Hang up/ }).click();
    const wrapUp = page.getByRole('form', { name: 'Wrap up' });
    await wrapUp.waitFor();
    // The outcome's radio is drawn as a card; its label takes the click.
    await wrapUp.getByRole('radio', { name: 'Interested', exact: true }).check({ force: true });
    await expect(wrapUp.getByRole('radio', { name: 'Interested', exact: true }).isChecked()).resolves.toBe(true);
    await wrapUp.getByLabel('Send a follow-up message when I save').check();
    await wrapUp.getByLabel('Template').click();
    await page.getByRole('option', { name: /course_brochure/ }).click();
    await wrapUp.getByLabel('Value for {{2}}').fill('B.Ed');
    await shot(page, 'messaging-wrap-up-follow-up');
    await wrapUp.getByRole('button', { name: /^Save and next/ }).click();
    await wrapUp.waitFor({ state: 'detached' });

    const [call] = (await as<CallPage>('GET', '/calls?pageSize=1')).body.items;
    if (!call) throw new Error('the call is not listed');
    expect(call).toMatchObject({ disposition: 'interested', wrapUpPending: false });
    expect(meta.accepted.at(-1)).toMatchObject({ template: { name: 'course_brochure', parameters: [call.leadName, 'B.Ed'] } });
    await page.goto(`${h.server.url}/leads/${call.leadId}`);
    await page.getByRole('region', { name: 'Messages' }).locator('[data-testid="message"][data-status="read"]').waitFor({ timeout: 20_000 });
    await page.getByRole('region', { name: 'Timeline' }).locator('[data-status="read"]').first().waitFor({ timeout: 15_000 });
    await context.close();
  });

  it('an admin sees WhatsApp connected, its approved templates and the email templates', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/messaging`);
    await page.getByTestId('whatsapp-state').getByText('Connected').waitFor();
    await page.getByRole('cell', { name: /course_brochure/ }).waitFor();
    await page.getByText('brochure_followup · English').waitFor();
    await shot(page, 'messaging-settings');
    expect((await axeProblems(page)).filter((p) => p.impact === 'serious' || p.impact === 'critical')).toEqual([]);
    await context.close();
  });
});
