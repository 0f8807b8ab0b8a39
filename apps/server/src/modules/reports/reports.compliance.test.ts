/**
 * The compliance and sources reports through the API on a real database: refusals made by real
 * dials the rules refuse, abandons against a campaign's cap, recordings with and without their
 * notice, consent withdrawn through the ledger, a file imported with duplicates and bad rows, and
 * leads merged by hand; each number checked against what was done, and against who may see it.
 */
import type { ComplianceReport, ReportCallPage, ReportLeadPage, SourcesReport } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

const clock = noonInIndia();
let t: TestApp;
let campaignId: string;
let n = 0;

const day = (offsetDays: number) => new Date(clock.now().getTime() + offsetDays * 86_400_000 + 5.5 * 3_600_000).toISOString().slice(0, 10);
const PERIOD = () => `from=${day(-1)}&to=${day(0)}`;
const get = async <T>(url: string, as = t.cast.admin) => {
  const res = await t.request({ method: 'GET', url, as });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};
const lead = (extra: { timezone?: string; ownerId?: string } = {}) =>
  t.app.services.leads.create(SYSTEM_ACTOR, { name: `Compliance Lead ${++n}`, phone: `94${String(30_000_000 + n)}`, ownerId: t.cast.telecaller.id, ...extra });

/** A finished call laid down in its table, `hoursAgo` before now. */
async function insertCall(c: { leadId: string; hoursAgo: number; status: string; recorded?: boolean; notice?: boolean }) {
  const start = new Date(clock.now().getTime() - c.hoursAgo * 3_600_000);
  const answered = c.status === 'completed';
  const [row] = rowsOf<{ id: string }>(
    await t.db.database.db.execute(sql`
      insert into calls (lead_id, agent_id, campaign_id, provider, provider_call_id, status, started_at, answered_at, ended_at,
        duration_seconds, recording_available, recording_notice, created_at)
      values (${c.leadId}, ${answered ? t.cast.telecaller.id : null}, ${campaignId}, 'simulator', ${`cmp-${++n}`}, ${c.status},
        ${start.toISOString()}, ${answered ? start.toISOString() : null}, ${new Date(start.getTime() + 60_000).toISOString()},
        ${answered ? 60 : 0}, ${c.recorded ?? false}, ${c.notice ?? false}, ${start.toISOString()})
      returning id`),
  );
  return row?.id ?? '';
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: { SIMULATOR_ANSWER_RATE: '0', SIMULATOR_SPEED: '1000' } });
  const campaign = await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Capped', teamIds: [t.cast.teamId] });
  campaignId = campaign.id;
  await t.db.database.db.execute(sql`update campaigns set max_abandon_rate = 0.2 where id = ${campaignId}`);
});
afterAll(() => t?.close());

describe('the compliance report', () => {
  it('counts each dial a rule refused, by the rule, as the refusals happen', async () => {
    const dnd = await lead();
    await t.app.services.leads.dnd.apply([{ phone: dnd.phone, blocked: true, categories: [0] }]);
    const night = await lead({ timezone: 'America/Los_Angeles' }); // 22:30 the day before
    const dial = (leadId: string) => t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId } });
    expect((await dial(dnd.id)).json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'dnd' });
    expect((await dial(night.id)).json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'calling_hours' });
    expect((await dial(night.id)).json()).toMatchObject({ code: 'DIAL_BLOCKED', reason: 'calling_hours' });

    const r = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}`);
    expect(r.refusals.byReason).toEqual([
      { reason: 'calling_hours', refusals: 2 },
      { reason: 'dnd', refusals: 1 },
    ]);
    expect(r.refusals.total).toBe(3);
    expect(r.refusals.byDay).toEqual([
      { day: day(-1), refusals: 0 },
      { day: day(0), refusals: 3 },
    ]);
    // The telecaller's refusals count for their team, and by them.
    const mine = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}&agentId=${t.cast.telecaller.id}`, t.cast.manager);
    expect(mine.refusals.total).toBe(3);
    const other = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}&teamId=${t.cast.otherTeamId}`);
    expect(other.refusals.total).toBe(0);
    // An event delivered twice (the outbox runs reactions at least once) counts once.
    const again = {
      id: '0d6c7a4e-3f1b-4c2d-9e8f-1a2b3c4d5e6f',
      at: clock.now().toISOString(),
      reason: 'dnd',
      agentId: null,
      teamId: null,
      campaignId: null,
      source: null,
    };
    for (let i = 0; i < 2; i++) {
      await t.db.database.db.transaction((tx) => t.app.services.events.emit(tx, 'dial.refused', again));
      await t.app.services.events.flush();
    }
    expect((await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}`)).refusals.total).toBe(4);
    // Each refusal is in the audit log too, now with the telecaller it was for.
    const audited = rowsOf<{ n: number }>(
      await t.db.database.db.execute(
        sql`select count(*)::int as n from audit_log where action = 'call.blocked' and details->>'agentId' = ${t.cast.telecaller.id}`,
      ),
    );
    expect(audited[0]?.n).toBe(3);
  });

  it('sets abandons against the campaign’s cap, day by day, and drills to the abandoned calls', async () => {
    const l = await lead();
    // Yesterday: 1 answered, 1 abandoned (50%, over the 20% cap). Today: 3 answered.
    await insertCall({ leadId: l.id, hoursAgo: 24, status: 'completed' });
    const abandoned = await insertCall({ leadId: l.id, hoursAgo: 23, status: 'abandoned' });
    for (const h of [1, 2, 3]) await insertCall({ leadId: l.id, hoursAgo: h, status: 'completed', recorded: true, notice: h !== 3 });
    await t.app.services.reportMaintenance.fill(1000);

    const r = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}`);
    expect(r.abandons.items).toEqual([
      {
        campaignId,
        name: 'Capped',
        connects: 4,
        abandons: 1,
        abandonRate: 0.2,
        cap: 0.2,
        overCap: false,
        daysOverCap: 1,
        worstDay: day(-1),
        worstRate: 0.5,
      },
    ]);
    expect(r.abandons.byDay.map((d) => d.abandonRate)).toEqual([0.5, 0]);
    const calls = await get<ReportCallPage>(`/api/v1/reports/calls?${PERIOD()}&campaign=${campaignId}&outcome=abandoned`);
    expect(calls.items.map((c) => c.id)).toEqual([abandoned]);

    // Recordings: three recorded, one without its notice, which the drill-down finds.
    expect(r.recordings).toEqual({ connects: 4, recorded: 3, noticed: 2, withoutNotice: 1, recordedRate: 0.75, noticeRate: 0.6667 });
    const unnoticed = await get<ReportCallPage>(`/api/v1/reports/calls?${PERIOD()}&outcome=no_notice`);
    expect(unnoticed.total).toBe(1);
    expect((await get<ReportCallPage>(`/api/v1/reports/calls?${PERIOD()}&outcome=recorded`)).total).toBe(3);
  });

  it('counts consent given and withdrawn by purpose, and lists the leads who withdrew', async () => {
    const [a, b] = [await lead(), await lead({ ownerId: t.cast.otherTelecaller.id })];
    const consent = (leadId: string, purpose: string, granted: boolean) =>
      t.request({ method: 'POST', url: `/api/v1/leads/${leadId}/consents`, as: t.cast.admin, payload: { purpose, granted, channel: 'call' } });
    for (const [id, purpose, granted] of [
      [a.id, 'calls', true],
      [a.id, 'recording', true],
      [a.id, 'recording', false],
      [b.id, 'calls', false],
    ] as const) {
      expect((await consent(id, purpose, granted)).statusCode).toBe(201);
    }
    const r = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}`);
    expect(r.consents).toMatchObject({
      grants: 2,
      withdrawals: 2,
      byPurpose: [
        { purpose: 'calls', grants: 1, withdrawals: 1 },
        { purpose: 'recording', grants: 1, withdrawals: 1 },
      ],
    });
    expect(r.consents.byDay.at(-1)).toEqual({ day: day(0), grants: 2, withdrawals: 2 });
    const withdrew = await get<ReportLeadPage>(`/api/v1/reports/compliance/consents?${PERIOD()}&granted=false`);
    expect(withdrew.items.map((x) => x.id).sort()).toEqual([a.id, b.id].sort());
    // A manager sees the leads of their teams only.
    const managers = await get<ComplianceReport>(`/api/v1/reports/compliance?${PERIOD()}`, t.cast.manager);
    expect(managers.consents.withdrawals).toBe(1);
    const theirs = await get<ReportLeadPage>(`/api/v1/reports/compliance/consents?${PERIOD()}&granted=false`, t.cast.manager);
    expect(theirs.items.map((x) => x.id)).toEqual([a.id]);
  });

  it('is for managers and admins, and comes as Excel with the calls behind it', async () => {
    for (const url of ['/api/v1/reports/compliance', '/api/v1/reports/sources', '/api/v1/reports/compliance/consents']) {
      const res = await t.request({ method: 'GET', url: `${url}?${PERIOD()}`, as: t.cast.telecaller });
      expect(res.statusCode, url).toBe(403);
    }
    const xlsx = await t.request({ method: 'GET', url: `/api/v1/reports/compliance?${PERIOD()}&format=xlsx`, as: t.cast.admin });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload.buffer.slice(xlsx.rawPayload.byteOffset, xlsx.rawPayload.byteOffset + xlsx.rawPayload.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Dials refused by each rule',
      'Abandoned calls against the cap',
      'Recordings and their notice',
      'Consent',
      'Calls',
    ]);
    const pdf = await t.request({ method: 'GET', url: `/api/v1/reports/compliance?${PERIOD()}&format=pdf&lang=hi`, as: t.cast.manager });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the sources report', () => {
  it('counts leads per source, rows received, matched and rejected, the reasons, the files and the merges', async () => {
    await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Held Already', phone: '9822200001' });
    const csv = [
      'Name,Phone',
      'Asha Rani,9822200002', // new
      'Held Again,+91 98222 00001', // matches the lead held already
      'Asha R,98222-00002', // matches row 1
      'No Phone,', // rejected
      'Bad Phone,"12ab"', // rejected
      'Short,"123"', // rejected
    ].join('\n');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.manager,
      ...multipart({ source: 'fair-2026' }, { name: 'fair.csv', content: csv }),
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.services.jobs.idle();
    // Two leads of the same person merged by hand.
    const [x, y] = [await lead(), await lead()];
    const merged = await t.request({ method: 'POST', url: `/api/v1/leads/${x.id}/merge`, as: t.cast.admin, payload: { otherId: y.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    await t.app.services.reportMaintenance.sweepLeads();

    const r = await get<SourcesReport>(`/api/v1/reports/sources?${PERIOD()}`);
    expect(r.intakeShown).toBe(true);
    expect(r.items.find((i) => i.source === 'fair-2026')).toMatchObject({ created: 1, received: 6, matched: 2, rejected: 3, rejectRate: 0.5 });
    expect(r.items.find((i) => i.source === 'manual')?.created).toBeGreaterThan(0);
    expect(r.rejectReasons.reduce((s, x) => s + x.rows, 0)).toBe(3);
    expect(r.rejectReasons.map((x) => x.reason)).toContain('phone is empty');
    // The row's own values are blanked so that one problem counts once.
    expect(r.rejectReasons.every((x) => !x.reason.includes('12ab') && !x.reason.includes('123'))).toBe(true);
    expect(r.imports).toMatchObject([{ filename: 'fair.csv', source: 'fair-2026', total: 6, created: 1, merged: 2, rejected: 3 }]);
    expect(r.merges).toMatchObject({ total: 1, undone: 0 });
    expect(r.merges.byDay.at(-1)).toEqual({ day: day(0), merges: 1 });

    // Narrowed to a team, the organisation's intake is left out and said to be.
    const team = await get<SourcesReport>(`/api/v1/reports/sources?${PERIOD()}&teamId=${t.cast.teamId}`);
    expect(team.intakeShown).toBe(false);
    expect(team.imports).toEqual([]);
    expect(team.items.every((i) => i.received === 0)).toBe(true);
    const csvFile = await t.request({ method: 'GET', url: `/api/v1/reports/sources?${PERIOD()}&format=csv`, as: t.cast.admin });
    expect(csvFile.statusCode).toBe(200);
    expect(csvFile.body).toContain('fair.csv');
    expect(csvFile.body).toContain('Why rows were rejected');
    // The leads behind it, one row each: the lead the file brought.
    expect(csvFile.body.split('\r\n').filter((l) => l.includes('Asha Rani') && l.includes('fair-2026'))).toHaveLength(1);
  });
});
