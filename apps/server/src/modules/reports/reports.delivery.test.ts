/**
 * Reports leaving TeleHub: an export written in the background with its progress and then
 * downloaded by the one who asked (and nobody else), and a scheduled report emailed as PDF and
 * Excel through a real SMTP server started here, which also refuses a recipient to show the
 * error kept on the subscription.
 */
import type { ReportExport, ReportSubscription } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.js';
import { nextRun, periodOf } from './reports.schedules.js';

let t: TestApp;
let smtp: TestSmtp;

beforeAll(async () => {
  smtp = await startTestSmtp();
  t = await createTestApp({ env: { SMTP_URL: smtp.url, SMTP_FROM: 'TeleHub <reports@test.example>' } });
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Delivered Lead', phone: '9001144700', ownerId: t.cast.telecaller.id });
  const ids: string[] = [];
  for (let i = 0; i < 30; i++) {
    const at = new Date(Date.parse('2026-03-02T05:00:00Z') + i * 600_000).toISOString();
    const [row] = rowsOf<{ id: string }>(
      await t.db.database.db.execute(sql`
        insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, created_at)
        values (${lead.id}, ${t.cast.telecaller.id}, 'simulator', ${`del-${i}`}, 'completed', ${at}, ${at}, ${at}, 60, ${at}) returning id`),
    );
    ids.push(row?.id ?? '');
  }
  await t.app.services.reportMaintenance.applyCalls(ids);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('exports', () => {
  it('are written in the background with their progress, then downloaded by the one who asked', async () => {
    const started = await t.request({
      method: 'POST',
      url: '/api/v1/reports/exports',
      as: t.cast.manager,
      payload: { kind: 'campaigns', format: 'xlsx', query: { from: '2026-03-01', to: '2026-03-07' } },
    });
    expect(started.statusCode).toBe(202);
    const { id } = started.json<ReportExport>();
    const done = await until(
      'the export finishes',
      async () => {
        const e = (await t.request({ method: 'GET', url: `/api/v1/reports/exports/${id}`, as: t.cast.manager })).json<ReportExport>();
        return e.status === 'done' || e.status === 'failed' ? e : undefined;
      },
      20_000,
    );
    expect(done).toMatchObject({
      status: 'done',
      rows: 30,
      totalRows: 30,
      downloadUrl: `/api/v1/reports/exports/${id}/file`,
      filename: 'telehub-campaigns-2026-03-01-to-2026-03-07.xlsx',
    });
    const file = await t.request({ method: 'GET', url: done.downloadUrl ?? '', as: t.cast.manager });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain('telehub-campaigns-2026-03-01-to-2026-03-07.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload.buffer.slice(file.rawPayload.byteOffset, file.rawPayload.byteOffset + file.rawPayload.byteLength) as ArrayBuffer);
    expect(book.getWorksheet('Calls')?.actualRowCount).toBe(3 + 30);
    // Someone else's export is not there for them.
    const other = await t.request({ method: 'GET', url: `/api/v1/reports/exports/${id}`, as: t.cast.otherManager });
    expect(other.statusCode).toBe(404);
    const otherFile = await t.request({ method: 'GET', url: `/api/v1/reports/exports/${id}/file`, as: t.cast.admin });
    expect(otherFile.statusCode).toBe(404);
  });

  it('are refused up front for a report the reader may not have', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/reports/exports',
      as: t.cast.telecaller,
      payload: { kind: 'funnel', format: 'pdf', query: { from: '2026-03-01', to: '2026-03-07' } },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('scheduled reports', () => {
  it('run at the hour of the organisation’s day, on the day asked', () => {
    const now = new Date('2026-03-04T04:00:00Z'); // Wednesday 09:30 in India
    expect(nextRun({ frequency: 'daily', weekday: null, hour: 8 }, now, 'Asia/Kolkata').toISOString()).toBe('2026-03-05T02:30:00.000Z');
    expect(nextRun({ frequency: 'daily', weekday: null, hour: 10 }, now, 'Asia/Kolkata').toISOString()).toBe('2026-03-04T04:30:00.000Z');
    expect(nextRun({ frequency: 'weekly', weekday: 0, hour: 8 }, now, 'Asia/Kolkata').toISOString()).toBe('2026-03-09T02:30:00.000Z');
    expect(periodOf('daily', new Date('2026-03-05T02:30:00Z'), 'Asia/Kolkata')).toEqual({ from: '2026-03-04', to: '2026-03-04' });
    expect(periodOf('weekly', new Date('2026-03-09T02:30:00Z'), 'Asia/Kolkata')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
  });

  it('are emailed as PDF and Excel when due, and a refused address is kept as the error', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/reports/subscriptions',
      as: t.cast.manager,
      payload: { kind: 'campaigns', frequency: 'weekly', weekday: 0, hour: 8, lang: 'hi' },
    });
    expect(created.statusCode).toBe(201);
    const sub = created.json<ReportSubscription>();
    expect(sub.email).toBe(t.cast.manager.email);
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/reports/subscriptions',
      as: t.cast.manager,
      payload: { kind: 'telecallers', frequency: 'daily', hour: 7, email: 'nobody@refused.example' },
    });
    expect(refused.statusCode).toBe(201);
    // Due: the Monday run that covers 2 to 8 March.
    await t.db.database.db.execute(sql`update report_subscriptions set next_run_at = '2026-03-09T02:30:00Z'`);
    expect(await t.app.services.reportSchedules.sendDue()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0] as ParsedMail;
    expect(mail.subject).toBe('TeleHub: कैंपेन का प्रदर्शन, 2026-03-02 – 2026-03-08');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe(t.cast.manager.email);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['telehub-campaigns-2026-03-02-to-2026-03-08.pdf', 'application/pdf'],
      ['telehub-campaigns-2026-03-02-to-2026-03-08.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(mail.attachments[0]?.content.subarray(0, 5).toString()).toBe('%PDF-');

    const list = (await t.request({ method: 'GET', url: '/api/v1/reports/subscriptions', as: t.cast.manager })).json<{ items: ReportSubscription[] }>().items;
    const sent = list.find((s) => s.id === sub.id);
    expect(sent?.lastSentAt).not.toBeNull();
    expect(sent?.nextRunAt).toBe(nextRun({ frequency: 'weekly', weekday: 0, hour: 8 }, new Date(), 'Asia/Kolkata').toISOString());
    const failed = list.find((s) => s.email === 'nobody@refused.example');
    expect(failed?.lastError).toMatch(/550|mailbox unavailable/);

    expect((await t.request({ method: 'DELETE', url: `/api/v1/reports/subscriptions/${sub.id}`, as: t.cast.manager })).statusCode).toBe(204);
    expect((await t.request({ method: 'DELETE', url: `/api/v1/reports/subscriptions/${sub.id}`, as: t.cast.manager })).statusCode).toBe(404);
  });

  it('need a weekday when weekly, and are for staff', async () => {
    const noDay = await t.request({
      method: 'POST',
      url: '/api/v1/reports/subscriptions',
      as: t.cast.manager,
      payload: { kind: 'funnel', frequency: 'weekly' },
    });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.body).toMatch(/weekday/);
    const telecaller = await t.request({
      method: 'POST',
      url: '/api/v1/reports/subscriptions',
      as: t.cast.telecaller,
      payload: { kind: 'telecallers', frequency: 'daily' },
    });
    expect(telecaller.statusCode).toBe(403);
  });
});
