/**
 * Follow-up sequences through the API on a real database, on a clock the test moves: a disposition
 * enrolls the lead (once), the step for "now" goes at once and the day-before-callback reminder at
 * its time, following the callback when it moves; conversion, withdrawn consent, a cancelled
 * callback and a person cancel what is left; the poll finds due steps after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Callback, FollowupRule, FollowupRun, FollowupRunList } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createLogger } from '../../platform/logging.js';
import { WhatsAppStandin } from '../../providers/messaging/whatsapp/testing/whatsapp-standin.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

/** Noon in India today, moved by the test. */
const NOON_IST = (() => {
  const now = new Date();
  const ist = new Date(now.getTime() + 5.5 * 3600_000);
  return Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 12, 0) - 5.5 * 3600_000;
})();
let offset = 0;
const clock: Clock = { now: () => new Date(NOON_IST + offset) };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
const meta = new WhatsAppStandin();
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
let env: Record<string, string> = {};
beforeAll(async () => {
  meta.addTemplate({ name: 'brochure_v2', language: 'en_US', components: [{ type: 'BODY', text: 'Hi {{1}}, {{2}} from admissions here: the brochure.' }] });
  meta.addTemplate({ name: 'callback_reminder', language: 'en_US', components: [{ type: 'BODY', text: 'A reminder: we call you on {{1}}.' }] });
  await meta.start();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  env = { ...meta.env(), SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Admissions <admissions@test.example>' };
  t = await createTestApp({ clock, env });
  expect((await call('POST', '/api/v1/messaging/whatsapp/templates/sync')).statusCode).toBe(200);
  const email = await call('POST', '/api/v1/messaging/email/templates', {
    name: 'prospectus',
    language: 'en',
    subject: 'Your prospectus, {{name}}',
    body: 'Dear {{name}},\n\nThe prospectus is attached.',
  });
  expect(email.statusCode, email.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await meta.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

/** What Meta accepted for this number (digits), in order. */
const whatsAppTo = async (phone: string) => {
  await t.app.services.jobs.idle();
  return meta.accepted.filter((m) => m.to === phone.replace(/\D/g, '')).map((m) => ({ template: m.template?.name, parameters: m.template?.parameters }));
};

let seq = 0;
const as = () => t.cast.telecaller;
const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, who: Person = t.cast.admin) =>
  t.request({ method, url, as: who, ...(payload ? { payload } : {}) });

async function newLead(consent: ('whatsapp' | 'email')[] = ['whatsapp', 'email']) {
  const l = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Asha Verma ${++seq}`,
    phone: `97${String(40_000_000 + seq)}`,
    email: `asha${seq}@example.in`,
    city: 'Pune',
    ownerId: as().id,
  });
  for (const purpose of consent) {
    const res = await call('POST', `/api/v1/leads/${l.id}/consents`, { purpose, granted: true, channel: 'call' }, as());
    expect(res.statusCode, res.body).toBe(201);
  }
  return l;
}

/** A call of the telecaller's that has ended and waits for its wrap-up (as the call engine leaves one). */
async function endedCall(leadId: string) {
  const now = clock.now().getTime();
  const [row] = rowsOf<{ id: string }>(
    await t.db.database.db.execute(sql`
      insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, wrap_up_pending)
      values (${leadId}, ${as().id}, 'simulator', ${`followup-${++seq}`}, 'completed', ${new Date(now - 60_000)}, ${new Date(now - 50_000)}, ${new Date(now)}, 50, true)
      returning id`),
  );
  if (!row) throw new Error('no call');
  return row.id;
}

async function dispose(leadId: string, disposition: string, callbackAt?: Date) {
  const id = await endedCall(leadId);
  const res = await call('POST', `/api/v1/calls/${id}/disposition`, { disposition, ...(callbackAt ? { callbackAt: callbackAt.toISOString() } : {}) }, as());
  expect(res.statusCode, res.body).toBe(200);
  // The reactions run after commit; the sweep would run them within seconds.
  await t.app.services.events.flush();
  return id;
}

const runsOf = async (leadId: string, who: Person = t.cast.admin) => {
  const res = await call('GET', `/api/v1/leads/${leadId}/followups`, undefined, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FollowupRunList>().items;
};
const onlyRun = async (leadId: string): Promise<FollowupRun> => {
  const runs = await runsOf(leadId);
  expect(runs).toHaveLength(1);
  return runs[0] as FollowupRun;
};
const poll = () => t.app.services.scheduler.runNow('followups.due');

/** Moves the clock; everyone signs in again, their tokens having aged with it. */
async function moveTo(next: number) {
  offset = next;
  for (const p of [t.cast.admin, t.cast.manager, t.cast.otherManager, t.cast.telecaller]) p.token = await t.login(p.email);
}

const BROCHURE = {
  name: 'Interested: brochure, then a reminder',
  triggerKind: 'disposition',
  triggerValues: ['interested'],
  steps: [
    {
      channel: 'whatsapp',
      template: 'brochure_v2',
      variables: [
        { key: '1', source: 'lead.first_name' },
        { key: '2', source: 'agent.name' },
      ],
      timing: { kind: 'now' },
    },
    { channel: 'whatsapp', template: 'callback_reminder', variables: [{ key: '1', source: 'callback.time' }], timing: { kind: 'before_callback', hours: 24 } },
    { channel: 'email', template: 'prospectus', variables: [{ key: 'name', source: 'lead.name' }], timing: { kind: 'after', amount: 3, unit: 'days' } },
  ],
};

let rule: FollowupRule;

describe('follow-up rules', () => {
  it('are written by admins, checked field by field, and audited', async () => {
    const bad = await call('POST', '/api/v1/followups/rules', {
      name: ' ',
      triggerKind: 'status',
      triggerValues: ['dreaming'],
      steps: [{ channel: 'sms', template: '', timing: { kind: 'after', amount: 0, unit: 'weeks' } }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toContain('name: must not be empty');
    const status = await call('POST', '/api/v1/followups/rules', { ...BROCHURE, triggerKind: 'status', triggerValues: ['dreaming'] });
    expect(status.json<{ message: string }>().message).toContain('"dreaming" is not a lead status');
    const step = await call('POST', '/api/v1/followups/rules', {
      ...BROCHURE,
      steps: [{ channel: 'email', template: 'x', timing: { kind: 'after', amount: 0, unit: 'days' } }],
    });
    expect(step.statusCode).toBe(400);
    expect(step.json<{ message: string }>().message).toContain('steps.0.timing');
    expect((await call('POST', '/api/v1/followups/rules', BROCHURE, t.cast.manager)).statusCode).toBe(403);

    const created = await call('POST', '/api/v1/followups/rules', BROCHURE);
    expect(created.statusCode, created.body).toBe(201);
    rule = created.json<FollowupRule>();
    expect(rule).toMatchObject({ name: BROCHURE.name, active: true, campaignId: null, activeRuns: 0 });
    expect(rule.steps[1]?.timing).toEqual({ kind: 'before_callback', hours: 24 });

    const list = await call('GET', '/api/v1/followups/rules', undefined, t.cast.manager);
    expect(list.json<{ items: FollowupRule[] }>().items.map((r) => r.id)).toContain(rule.id);
    const renamed = await call('PATCH', `/api/v1/followups/rules/${rule.id}`, { name: 'Interested: brochure and reminder' });
    expect(renamed.json<FollowupRule>().name).toBe('Interested: brochure and reminder');
    const audit = await t.app.services.audit.list({ entityType: 'followup_rule', entityId: rule.id }, 1, 10);
    expect(audit.items.map((e) => e.action).sort()).toEqual(['followup.rule_create', 'followup.rule_update']);
  });
});

describe('a disposition with a rule', () => {
  let leadId: string;

  it('enrolls the lead once and plans each step: now, a day before the callback, after three days', async () => {
    const lead = await newLead();
    leadId = lead.id;
    const callbackAt = new Date(clock.now().getTime() + 3 * DAY);
    const callId = await dispose(leadId, 'interested', callbackAt);
    const run = await onlyRun(leadId);
    expect(run).toMatchObject({ ruleId: rule.id, status: 'active', trigger: { kind: 'disposition', value: 'interested', callId }, leadName: lead.name });
    const [now, reminder, email] = run.steps;
    expect(now).toMatchObject({ status: 'queued', attempts: 1, messageId: expect.any(String), reasonCode: null });
    expect(await whatsAppTo(lead.phone)).toEqual([{ template: 'brochure_v2', parameters: ['Asha', 'caller'] }]);
    expect(reminder).toMatchObject({ status: 'pending', dueAt: new Date(callbackAt.getTime() - DAY).toISOString(), attempts: 0 });
    expect(email).toMatchObject({ status: 'pending', dueAt: new Date(clock.now().getTime() + 3 * DAY).toISOString() });

    // The same event again (reactions run at least once) enrolls nobody twice.
    await t.app.services.followupEngine.onDisposed([{ callId, leadId }]);
    expect(await runsOf(leadId)).toHaveLength(1);
    expect(await whatsAppTo(lead.phone)).toHaveLength(1);
  });

  it('moves the reminder when the callback moves, and sends it at its new time', async () => {
    const phone = (await runsOf(leadId))[0] ? (await t.app.services.leads.forAction(SYSTEM_ACTOR, leadId)).phone : '';
    const callbacks = (await call('GET', '/api/v1/callbacks', undefined, as())).json<{ items: Callback[] }>().items;
    const cb = callbacks.find((c) => c.leadId === leadId);
    if (!cb) throw new Error('no callback');
    const moved = new Date(clock.now().getTime() + 2 * DAY);
    expect((await call('PATCH', `/api/v1/callbacks/${cb.id}`, { dueAt: moved.toISOString() }, as())).statusCode).toBe(200);
    await poll();
    const reminder = (await onlyRun(leadId)).steps[1];
    expect(reminder).toMatchObject({ status: 'pending', dueAt: new Date(moved.getTime() - DAY).toISOString() });

    await moveTo(offset + DAY - 60_000);
    await poll();
    expect((await onlyRun(leadId)).steps[1]?.attempts).toBe(0);
    await moveTo(offset + 60_000);
    await poll();
    expect((await onlyRun(leadId)).steps[1]).toMatchObject({ status: 'queued', attempts: 1 });
    const callbackWords = new Intl.DateTimeFormat('en-IN', {
      timeZone: 'Asia/Kolkata',
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    }).format(moved);
    expect((await whatsAppTo(phone))[1]).toEqual({ template: 'callback_reminder', parameters: [callbackWords] });
  });

  it('stops what is left when the lead converts', async () => {
    const res = await call('PATCH', `/api/v1/leads/${leadId}`, { status: 'converted' });
    expect(res.statusCode, res.body).toBe(200);
    const run = await onlyRun(leadId);
    expect(run).toMatchObject({ status: 'cancelled', cancelReason: 'The lead converted.' });
    expect(run.steps[2]).toMatchObject({ status: 'cancelled', reasonCode: 'lead_converted' });
    await moveTo(offset + 3 * DAY);
    await poll();
    expect((await onlyRun(leadId)).steps[2]?.attempts).toBe(0);
    await t.app.services.jobs.idle();
    expect(mails.filter((m) => m.subject?.includes('prospectus'))).toEqual([]);
  });
});

describe('a follow-up', () => {
  it('cancels a reminder whose callback is cancelled, and skips one whose callback is too soon', async () => {
    const soon = await newLead();
    await dispose(soon.id, 'interested', new Date(clock.now().getTime() + 2 * HOUR));
    expect((await onlyRun(soon.id)).steps[1]).toMatchObject({ status: 'skipped', reasonCode: 'too_late' });

    const later = await newLead();
    await dispose(later.id, 'interested', new Date(clock.now().getTime() + 5 * DAY));
    const cb = (await call('GET', '/api/v1/callbacks', undefined, as())).json<{ items: Callback[] }>().items.find((c) => c.leadId === later.id);
    if (!cb) throw new Error('no callback');
    expect((await call('PATCH', `/api/v1/callbacks/${cb.id}`, { status: 'canceled' }, as())).statusCode).toBe(200);
    await poll();
    expect((await onlyRun(later.id)).steps[1]).toMatchObject({ status: 'cancelled', reasonCode: 'callback_cancelled' });
  });

  it('is refused on a channel the lead has not consented to or withdrew from, and the channel’s later steps stop; email goes on', async () => {
    const withdrawn = await newLead();
    await dispose(withdrawn.id, 'interested', new Date(clock.now().getTime() + 4 * DAY));
    expect((await onlyRun(withdrawn.id)).steps[0]?.status).toBe('queued');
    const res = await call('POST', `/api/v1/leads/${withdrawn.id}/consents`, { purpose: 'whatsapp', granted: false, channel: 'whatsapp' }, as());
    expect(res.statusCode, res.body).toBe(201);

    const lead = await newLead(['email']);
    await dispose(lead.id, 'interested', new Date(clock.now().getTime() + 4 * DAY));
    const run = await onlyRun(lead.id);
    expect(run.steps[0]).toMatchObject({ status: 'refused', reasonCode: 'CONSENT_REQUIRED', attempts: 1 });
    expect(run.steps[1]).toMatchObject({ status: 'cancelled', reasonCode: 'CONSENT_REQUIRED' });
    expect(run.steps[2]).toMatchObject({ status: 'pending', channel: 'email' });
    expect(run.status).toBe('active');
    expect(await whatsAppTo(lead.phone)).toEqual([]);
    // The email three days on still goes: the lead consented to email.
    await moveTo(offset + 3 * DAY);
    await poll();
    expect((await onlyRun(lead.id)).steps[2]).toMatchObject({ status: 'queued' });
    await t.app.services.jobs.idle();
    const mail = mails.find((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === lead.email);
    expect(mail?.subject).toBe(`Your prospectus, ${lead.name}`);
    expect((await onlyRun(lead.id)).status).toBe('completed');
    // The reminder to the lead who withdrew is refused when it falls due; their email goes.
    const after = await onlyRun(withdrawn.id);
    expect(after.steps.map((s) => `${s.status}:${s.reasonCode}`)).toEqual(['queued:null', 'refused:CONSENT_REQUIRED', 'queued:null']);
    expect(await whatsAppTo(withdrawn.phone)).toHaveLength(1);
  });

  it('waits for messaging hours in the lead’s time zone', async () => {
    const statusRule = await call('POST', '/api/v1/followups/rules', {
      name: 'Callback asked: a note by email',
      triggerKind: 'status',
      triggerValues: ['callback'],
      steps: [
        {
          channel: 'email',
          template: 'we_will_call',
          variables: [{ key: 'agent', source: 'agent.name' }],
          timing: { kind: 'after', amount: 10, unit: 'hours' },
        },
      ],
    });
    expect(statusRule.statusCode, statusRule.body).toBe(201);
    const lead = await newLead();
    const res = await call('PATCH', `/api/v1/leads/${lead.id}`, { status: 'callback' }, as());
    expect(res.statusCode).toBe(200);
    const [run] = await runsOf(lead.id);
    expect(run?.trigger).toMatchObject({ kind: 'status', value: 'callback', callId: null });
    // Due at 22:00 India time (noon + 10 h): outside 09:00-21:00, it waits until 09:00 the next day.
    const due = new Date(run?.steps[0]?.dueAt ?? 0);
    await moveTo(due.getTime() - NOON_IST);
    await poll();
    const waiting = (await runsOf(lead.id))[0]?.steps[0];
    expect(waiting).toMatchObject({ status: 'pending', reasonCode: 'outside_hours', attempts: 0 });
    expect(new Date(waiting?.dueAt ?? 0).getTime() - due.getTime()).toBe(11 * HOUR);
    expect((await call('DELETE', `/api/v1/followups/rules/${statusRule.json<FollowupRule>().id}`)).statusCode).toBe(204);
    expect((await runsOf(lead.id))[0]).toMatchObject({ status: 'cancelled', cancelReason: 'The rule was deleted.' });
    // Back to noon, the next day.
    await moveTo(Math.ceil(offset / DAY) * DAY);
  });

  it('is cancelled by whoever may see the lead, and hidden from a manager of another team', async () => {
    const lead = await newLead();
    await dispose(lead.id, 'interested', new Date(clock.now().getTime() + 4 * DAY));
    const run = await onlyRun(lead.id);
    expect((await call('POST', `/api/v1/followups/runs/${run.id}/cancel`, undefined, t.cast.otherManager)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/leads/${lead.id}/followups`, undefined, t.cast.otherManager)).statusCode).toBe(404);
    const cancelled = await call('POST', `/api/v1/followups/runs/${run.id}/cancel`, undefined, as());
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json<FollowupRun>()).toMatchObject({ status: 'cancelled', cancelReason: 'Cancelled by hand.' });
    expect(cancelled.json<FollowupRun>().steps.filter((s) => s.status === 'pending')).toEqual([]);
    expect((await call('POST', `/api/v1/followups/runs/${run.id}/cancel`, undefined, as())).statusCode).toBe(409);
    const all = (await call('GET', '/api/v1/followups/runs?status=cancelled')).json<FollowupRunList>();
    expect(all.items.map((r) => r.id)).toContain(run.id);
  });

  it('is the lead’s data: exported with the lead', async () => {
    const lead = await newLead();
    await dispose(lead.id, 'interested', new Date(clock.now().getTime() + 4 * DAY));
    const exported = (await t.app.services.followups.dataHolder.export({ id: lead.id, phone: lead.phone, email: lead.email })) as FollowupRun[];
    expect(exported).toHaveLength(1);
    expect(exported[0]?.steps).toHaveLength(3);
  });
});

describe('after a restart', () => {
  it('a step that fell due while no server ran is found by the next server’s poll', async () => {
    const lead = await newLead();
    await dispose(lead.id, 'interested', new Date(clock.now().getTime() + 4 * DAY));
    const before = await onlyRun(lead.id);
    await t.app.close();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-followups-'));
    offset += 3 * DAY + HOUR;
    const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', TELEHUB_DATA_DIR: dataDir, ...env });
    const again = await buildApp({ config, database: t.db.database, logger: createLogger({ level: 'silent' }), clock });
    await again.ready();
    try {
      expect(await again.services.scheduler.runNow('followups.due')).toBe(true);
      const [run] = (await again.services.followups.leadRuns(SYSTEM_ACTOR, lead.id)).items;
      expect(run?.id).toBe(before.id);
      // The reminder a day before the callback, and the email after three days, have gone.
      expect(run?.steps.map((s) => s.status)).toEqual(['queued', 'queued', 'queued']);
      await again.services.jobs.idle();
      expect(mails.some((m) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === lead.email)).toBe(true);
      expect(meta.accepted.filter((m) => m.to === lead.phone.replace(/\D/g, '')).map((m) => m.template?.name)).toEqual(['brochure_v2', 'callback_reminder']);
    } finally {
      await again.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
