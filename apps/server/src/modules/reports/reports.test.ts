/**
 * Reports through the app on a real database: calls and leads laid down in their tables, applied
 * to the rollups as their events would, and each report's numbers checked against the same calls
 * counted by hand; the rollups always equal the facts summed again, however often and in whatever
 * order calls are applied; managers see their teams, telecallers their own telecaller report.
 */
import type { CampaignsReport, FunnelReport, HoursReport, ReportCallPage, ReportLeadPage, TelecallersReport } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { presenceDaysFromLog } from '../agents/index.js';
import { qaScoreDaysFromScores } from '../qa/index.js';
import { CALL_MEASURES, LEAD_MEASURES } from './reports.facts.js';
import { CALL_ROLLUPS, LEAD_ROLLUPS, sumsFromFacts } from './reports.rollups.js';

let t: TestApp;
let campaignId: string;
const leadIds: string[] = [];
const callIds: string[] = [];
let seq = 0;

/** Monday 2026-03-02, 10:30 in India. */
const MONDAY = Date.parse('2026-03-02T05:00:00Z');
const at = (days: number, hours = 0) => new Date(MONDAY + days * 86_400_000 + hours * 3_600_000);

type CallSpec = {
  agentId: string | null;
  leadId: string;
  at: Date;
  status?: string;
  talk?: number;
  wrap?: number;
  disposition?: string | null;
  campaign?: boolean;
};

async function insertCall(c: CallSpec): Promise<string> {
  const answered = c.talk !== undefined;
  const start = c.at;
  const answeredAt = answered ? new Date(start.getTime() + 10_000) : null;
  const endedAt = new Date(start.getTime() + 10_000 + (c.talk ?? 20) * 1000);
  const dispositionAt = c.wrap !== undefined ? new Date(endedAt.getTime() + c.wrap * 1000) : null;
  const [row] = rowsOf<{ id: string }>(
    await t.db.database.db.execute(sql`
      insert into calls (lead_id, agent_id, campaign_id, provider, provider_call_id, status, started_at, answered_at, ended_at,
        duration_seconds, disposition, disposition_at, created_at)
      values (${c.leadId}, ${c.agentId}, ${c.campaign ? campaignId : null}, 'simulator', ${`rep-${++seq}`}, ${c.status ?? (answered ? 'completed' : 'no_answer')},
        ${start.toISOString()}, ${answeredAt?.toISOString() ?? null}, ${endedAt.toISOString()}, ${answered ? (c.talk ?? 0) : null},
        ${c.disposition ?? null}, ${dispositionAt?.toISOString() ?? null}, ${start.toISOString()})
      returning id`),
  );
  const id = row?.id ?? '';
  callIds.push(id);
  return id;
}

const get = async <T>(url: string, as = t.cast.admin) => {
  const res = await t.request({ method: 'GET', url, as });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
};
const PERIOD = 'from=2026-03-02&to=2026-03-08';

/** Every rollup row equals the facts summed again. */
async function expectRollupsTrue() {
  const db = t.db.database.db;
  for (const [rollups, measures] of [
    [CALL_ROLLUPS, CALL_MEASURES],
    [LEAD_ROLLUPS, LEAD_MEASURES],
  ] as const) {
    for (const rollup of rollups) {
      const cols = rollup.dims.map((d) => d.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ');
      const ms = measures.map((m) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ');
      const stored = rowsOf<Record<string, unknown>>(
        await db.execute(
          sql`select ${sql.raw(cols)}, ${sql.raw(ms)} from ${sql.identifier(rollup.table)} where ${sql.raw(measures.map((m) => `${m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} <> 0`).join(' or '))}`,
        ),
      );
      const fresh = rowsOf<Record<string, unknown>>(await db.execute(sumsFromFacts(rollup, measures)));
      const key = (r: Record<string, unknown>) =>
        JSON.stringify(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v === null ? null : String(v)]));
      expect(stored.map(key).sort(), rollup.table).toEqual(fresh.map(key).sort());
    }
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const { telecaller, otherTelecaller } = t.cast;
  const campaign = await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Nursing admissions', teamIds: [t.cast.teamId] });
  campaignId = campaign.id;
  await t.db.database.db.execute(sql`update campaigns set cost = 1200 where id = ${campaignId}`);
  for (let i = 0; i < 6; i++) {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
      name: `Report Lead ${i}`,
      phone: `90011${String(44600 + i)}`,
      ownerId: i < 4 ? telecaller.id : otherTelecaller.id,
    });
    leadIds.push(lead.id);
  }
  const [l0, l1, l2, l3, l4] = leadIds as [string, string, string, string, string, string];
  // The telecaller (first team), in the campaign: 5 dials, 3 connects, 1 conversion.
  await insertCall({ agentId: telecaller.id, leadId: l0, at: at(0), talk: 120, wrap: 30, disposition: 'interested', campaign: true });
  await insertCall({ agentId: telecaller.id, leadId: l1, at: at(0, 1) });
  await insertCall({ agentId: telecaller.id, leadId: l1, at: at(1), talk: 300, wrap: 60, disposition: 'converted', campaign: true });
  await insertCall({ agentId: telecaller.id, leadId: l2, at: at(2), talk: 60, campaign: true });
  await insertCall({ agentId: telecaller.id, leadId: l3, at: at(2, 2), status: 'busy', campaign: true });
  // An abandoned call of the campaign (no agent): the campaign's team.
  await insertCall({ agentId: null, leadId: l3, at: at(3), status: 'abandoned', talk: 0, campaign: true });
  // The other team's telecaller, outside any campaign: 2 dials, 1 connect.
  await insertCall({ agentId: otherTelecaller.id, leadId: l4, at: at(1, 3), talk: 90, wrap: 10, disposition: 'not_interested' });
  await insertCall({ agentId: otherTelecaller.id, leadId: l4, at: at(4) });
  // Outside the period.
  await insertCall({ agentId: telecaller.id, leadId: l0, at: at(9), talk: 50 });
  // Still ringing: counts nothing yet.
  await insertCall({ agentId: telecaller.id, leadId: l2, at: at(3), status: 'ringing' });
  // Statuses: l0 interested, l1 converted, l4 not interested.
  await t.app.services.leads.update(SYSTEM_ACTOR, l0, { status: 'contacted' });
  await t.app.services.leads.update(SYSTEM_ACTOR, l0, { status: 'interested' });
  await t.app.services.leads.update(SYSTEM_ACTOR, l1, { status: 'converted' });
  await t.app.services.leads.update(SYSTEM_ACTOR, l4, { status: 'not_interested' });
  // The leads were created today; their cohort is today's.
  await t.app.services.reportMaintenance.applyCalls(callIds);
});

afterAll(async () => {
  await t?.close();
});

describe('the rollups', () => {
  it('count each call once, whatever order and however often it is applied, and equal the facts summed again', async () => {
    await expectRollupsTrue();
    const before = await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`);
    // Again, shuffled, in two concurrent batches: nothing moves.
    const shuffled = [...callIds].sort(() => Math.random() - 0.5);
    await Promise.all([
      t.app.services.reportMaintenance.applyCalls(shuffled.slice(0, 5)),
      t.app.services.reportMaintenance.applyCalls(shuffled),
      t.app.services.reportMaintenance.applyCalls(shuffled.slice(3)),
    ]);
    await expectRollupsTrue();
    const after = await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`);
    expect(after.totals).toEqual(before.totals);
  });

  it('move by the difference when a call changes: a disposition saved later, a call that ends', async () => {
    const ringing = callIds[9] as string;
    const noAnswer = callIds[1] as string;
    const before = (await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`)).totals;
    await t.db.database.db.execute(
      sql`update calls set status = 'completed', answered_at = started_at, ended_at = started_at + interval '40 seconds', duration_seconds = 40 where id = ${ringing}`,
    );
    await t.db.database.db.execute(sql`update calls set disposition = 'converted' where id = ${noAnswer}`);
    await t.app.services.reportMaintenance.applyCalls([ringing, noAnswer]);
    const after = (await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`)).totals;
    expect(after.dials).toBe(before.dials + 1);
    expect(after.connects).toBe(before.connects + 1);
    expect(after.talkSeconds).toBe(before.talkSeconds + 40);
    expect(after.conversions).toBe(before.conversions + 1);
    await expectRollupsTrue();
    // Back as it was, for the tests below.
    await t.db.database.db.execute(
      sql`update calls set status = 'ringing', answered_at = null, ended_at = null, duration_seconds = null where id = ${ringing}`,
    );
    await t.db.database.db.execute(sql`update calls set disposition = null where id = ${noAnswer}`);
    await t.app.services.reportMaintenance.applyCalls([ringing, noAnswer]);
    expect((await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`)).totals).toEqual(before);
    await expectRollupsTrue();
  });
});

describe('the reports', () => {
  it('campaigns: dials, connects, talk, handle time, conversions, abandons and cost per conversion, by campaign and by day', async () => {
    const r = await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`);
    const mine = r.items.find((i) => i.campaignId === campaignId);
    expect(mine).toMatchObject({
      name: 'Nursing admissions',
      dials: 5,
      connects: 3,
      talkSeconds: 480,
      conversions: 1,
      abandons: 1,
      cost: 1200,
      costPerConversion: 1200,
    });
    expect(mine?.connectRate).toBeCloseTo(3 / 5, 4);
    // Handle time over the calls with a disposition: (120+30 + 300+60) / 2.
    expect(mine?.averageHandleSeconds).toBe(255);
    expect(mine?.abandonRate).toBeCloseTo(1 / 4, 4);
    const none = r.items.find((i) => i.campaignId === null);
    expect(none).toMatchObject({ dials: 3, connects: 1, talkSeconds: 90 });
    expect(r.totals.dials).toBe(8);
    expect(r.byDay).toHaveLength(7);
    expect(r.byDay[0]).toMatchObject({ day: '2026-03-02', dials: 2, connects: 1 });
    expect(r.byDay.reduce((n, d) => n + d.dials, 0)).toBe(8);
  });

  it('telecallers: each against the median, with a trend by day; every telecaller in scope is listed', async () => {
    const r = await get<TelecallersReport>(`/api/v1/reports/telecallers?${PERIOD}`);
    const me = r.items.find((i) => i.agentId === t.cast.telecaller.id);
    expect(me).toMatchObject({ dials: 5, connects: 3, conversions: 1, talkSeconds: 480, averageWrapSeconds: 45 });
    expect(me?.trend.map((d) => d.dials)).toEqual([2, 1, 2, 0, 0, 0, 0]);
    const other = r.items.find((i) => i.agentId === t.cast.otherTelecaller.id);
    expect(other).toMatchObject({ dials: 2, connects: 1, conversions: 0 });
    // Two telecallers: the median is halfway (rounded for counts).
    expect(r.items).toHaveLength(2);
    expect(r.median.dials).toBe(4);
    expect(r.median.connectRate).toBeCloseTo((3 / 5 + 1 / 2) / 2, 4);
  });

  it('telecallers: signed-in time and occupancy from presence by day, QA average from scores by day, both kept by triggers as rows close and scores change', async () => {
    const db = t.db.database.db;
    const me = t.cast.telecaller.id;
    // Available 08:30–17:30 India on Monday; a break from 23:00 Tuesday to 01:00 Wednesday, closed
    // later (as set() closes a row); and available since 10:00 Sunday, still open.
    await db.execute(sql`insert into agent_presence_log (user_id, state, started_at, ended_at)
      values (${me}, 'available', '2026-03-02T03:00:00Z', '2026-03-02T12:00:00Z'), (${me}, 'offline', '2026-03-02T12:00:00Z', '2026-03-03T17:30:00Z')`);
    const [brk] = rowsOf<{ id: number }>(
      await db.execute(sql`insert into agent_presence_log (user_id, state, started_at) values (${me}, 'break', '2026-03-03T17:30:00Z') returning id`),
    );
    await db.execute(sql`update agent_presence_log set ended_at = '2026-03-03T19:30:00Z' where id = ${brk?.id}`);
    // Closing a row twice adds nothing twice.
    await db.execute(sql`update agent_presence_log set ended_at = '2026-03-03T19:30:00Z' where id = ${brk?.id}`);
    await db.execute(sql`insert into agent_presence_log (user_id, state, started_at) values (${me}, 'available', '2026-03-08T04:30:00Z')`);
    const split = rowsOf<{ day: string; seconds: number }>(
      await db.execute(sql`select day::text as day, seconds from agent_presence_days where user_id = ${me} and state = 'break' order by day`),
    );
    expect(split.map((r) => [r.day, Number(r.seconds)])).toEqual([
      ['2026-03-03', 3600],
      ['2026-03-04', 3600],
    ]);
    // Scores: 80 and 60 in the period, 10 outside it; a review moves 60 to 90; a deleted score leaves.
    const [card] = rowsOf<{ id: string }>(await db.execute(sql`insert into qa_scorecards (name, sections) values ('Report card', '[]'::jsonb) returning id`));
    const score = (callId: string, when: Date, value: number) =>
      db.execute(sql`insert into call_scores (call_id, agent_id, call_at, scorecard_id, scorecard_name, scorecard_version, score, scored_at)
        values (${callId}, ${me}, ${when.toISOString()}, ${card?.id}, 'Report card', 1, ${value}, now())`);
    await score(callIds[0] as string, at(0), 80);
    await score(callIds[2] as string, at(1), 60);
    await score(callIds[8] as string, at(9), 10);
    await score(callIds[3] as string, at(2), 0);
    await db.execute(sql`update call_scores set score = 90, reviewed_at = now() where call_id = ${callIds[2]}`);
    await db.execute(sql`delete from call_scores where call_id = ${callIds[3]}`);
    const days = rowsOf<{ scored: number; sum: number }>(
      await db.execute(sql`select sum(scored)::int as scored, sum(score_sum)::float8 as sum from qa_score_days where agent_id = ${me}`),
    )[0];
    expect(days).toEqual({ scored: 3, sum: 180 });

    // What the triggers kept equals the tables summed afresh (the migration's fill).
    const key = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.values(r).map(String))).sort();
    const kept = await db.execute(sql`select day, user_id, state, seconds from agent_presence_days where seconds <> 0`);
    expect(key(rowsOf(kept))).toEqual(key(rowsOf(await db.execute(presenceDaysFromLog('Asia/Kolkata')))));
    const keptScores = await db.execute(sql`select day, agent_id, scored, score_sum from qa_score_days where scored <> 0`);
    expect(key(rowsOf(keptScores))).toEqual(key(rowsOf(await db.execute(qaScoreDaysFromScores('Asia/Kolkata')))));

    const r = await get<TelecallersReport>(`/api/v1/reports/telecallers?${PERIOD}`);
    const mine = r.items.find((i) => i.agentId === me);
    // 9 h available + 2 h on break + 14 h still available to the period’s end (Sunday midnight).
    const logged = 9 * 3600 + 2 * 3600 + 14 * 3600;
    expect(mine?.loggedInSeconds).toBe(logged);
    expect(mine?.occupancy).toBeCloseTo((480 + 90) / logged, 4);
    expect(mine?.qaScore).toBe(85);
    // The same as the log read row by row over the period.
    const { start, end } = { start: new Date('2026-03-01T18:30:00Z'), end: new Date('2026-03-08T18:30:00Z') };
    const raw = await t.app.services.agents.presence.secondsByStateInPeriods([me], [{ from: start, to: end }]);
    expect(raw.filter((p) => p.state !== 'offline').reduce((n, p) => n + p.seconds, 0)).toBe(logged);
    // One day alone: Wednesday holds the break's second hour only.
    const wed = await get<TelecallersReport>(`/api/v1/reports/telecallers?from=2026-03-04&to=2026-03-04`);
    expect(wed.items.find((i) => i.agentId === me)).toMatchObject({ loggedInSeconds: 3600, qaScore: null });
    await db.execute(sql`delete from call_scores where scorecard_id = ${card?.id}`);
    expect(rowsOf<{ n: number }>(await db.execute(sql`select coalesce(sum(scored), 0)::int as n from qa_score_days where agent_id = ${me}`))[0]?.n).toBe(0);
  });

  it('hours: connect rate by weekday and hour in the lead’s zone', async () => {
    const r = await get<HoursReport>(`/api/v1/reports/hours?${PERIOD}`);
    // Monday 10:30 India: one dial answered; Monday 11:30: one unanswered.
    expect(r.cells.find((c) => c.weekday === 0 && c.hour === 10)).toMatchObject({ dials: 1, connects: 1, connectRate: 1 });
    expect(r.cells.find((c) => c.weekday === 0 && c.hour === 11)).toMatchObject({ dials: 1, connects: 0 });
    expect(r.cells.reduce((n, c) => n + c.dials, 0)).toBe(8);
  });

  it('funnel: the cohort through the stages, by source and campaign, and the leads behind a stage', async () => {
    await t.app.services.reportMaintenance.applyLeads(leadIds);
    const today = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);
    const r = await get<FunnelReport>(`/api/v1/reports/funnel?from=${today}&to=${today}`);
    const stage = (s: string) => r.stages.find((x) => x.stage === s)?.leads;
    expect(stage('created')).toBe(6);
    expect(stage('contacted')).toBe(3);
    expect(stage('interested')).toBe(2);
    expect(stage('converted')).toBe(1);
    expect(r.exits.find((e) => e.status === 'not_interested')?.leads).toBe(1);
    expect(r.byCampaign.find((c) => c.campaignId === campaignId)).toMatchObject({ created: 4, converted: 1 });
    const page = await get<ReportLeadPage>(`/api/v1/reports/funnel/leads?from=${today}&to=${today}&stage=interested`);
    expect(page.items.map((l) => l.name).sort()).toEqual(['Report Lead 0', 'Report Lead 1']);
    expect(page.total).toBe(2);
    // The funnel's Excel carries every lead of the cohort, each with the stages it reached.
    const xlsx = await t.request({ method: 'GET', url: `/api/v1/reports/funnel?from=${today}&to=${today}&format=xlsx`, as: t.cast.admin });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload.buffer.slice(xlsx.rawPayload.byteOffset, xlsx.rawPayload.byteOffset + xlsx.rawPayload.byteLength) as ArrayBuffer);
    const sheet = book.getWorksheet('Leads');
    if (!sheet) throw new Error('no Leads sheet');
    expect(sheet.actualRowCount).toBe(3 + 6);
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    const converted = header.indexOf('Converted') + 1;
    const lead1 = [4, 5, 6, 7, 8, 9].map((r) => sheet.getRow(r)).find((r) => r.getCell(header.indexOf('Leads') + 1).value === 'Report Lead 1');
    expect(lead1?.getCell(converted).value).toBe(1);
  });

  it('drills from a number to its calls', async () => {
    const page = await get<ReportCallPage>(`/api/v1/reports/calls?${PERIOD}&campaign=${campaignId}&outcome=connected`);
    expect(page.total).toBe(3);
    expect(page.items.every((c) => c.campaignName === 'Nursing admissions')).toBe(true);
    const converted = await get<ReportCallPage>(`/api/v1/reports/calls?${PERIOD}&outcome=converted`);
    expect(converted.items.map((c) => c.leadName)).toEqual(['Report Lead 1']);
  });
});

describe('the files', () => {
  it('gives each report as Excel, PDF and CSV, with the calls behind it, and audits each', async () => {
    const exports = async () =>
      rowsOf<{ n: number }>(await t.db.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'report.export'`))[0]?.n ?? 0;
    const before = await exports();
    const xlsx = await t.request({ method: 'GET', url: `/api/v1/reports/campaigns?${PERIOD}&format=xlsx`, as: t.cast.admin });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="telehub-campaigns-2026-03-02-to-2026-03-08.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload.buffer.slice(xlsx.rawPayload.byteOffset, xlsx.rawPayload.byteOffset + xlsx.rawPayload.byteLength) as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Campaign performance', 'By day', 'Calls']);
    // The calls sheet: a title, a subtitle, the header, then the eight calls of the period.
    expect(book.getWorksheet('Calls')?.actualRowCount).toBe(3 + 8);

    const pdf = await t.request({ method: 'GET', url: `/api/v1/reports/funnel?${PERIOD}&format=pdf&lang=hi`, as: t.cast.manager });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.includes('NotoSansDevanagari')).toBe(true);

    const csv = await t.request({ method: 'GET', url: `/api/v1/reports/telecallers?${PERIOD}&format=csv`, as: t.cast.telecaller });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain('Dials');
    expect(csv.body.split('\r\n').filter((l) => l.startsWith(callIds[0] ?? 'none'))).toHaveLength(1);

    expect(await exports()).toBe(before + 3);
  });

  it('refuses a file the reader may not have before sending a byte of it', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/reports/funnel?${PERIOD}&format=pdf`, as: t.cast.telecaller });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/json/);
  });
});

describe('who sees what', () => {
  it('a manager sees their teams only; another team is refused by name', async () => {
    const r = await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`, t.cast.manager);
    expect(r.totals.dials).toBe(6);
    const other = await t.request({ method: 'GET', url: `/api/v1/reports/campaigns?${PERIOD}&teamId=${t.cast.otherTeamId}`, as: t.cast.manager });
    expect(other.statusCode).toBe(403);
    expect(other.json<{ message: string }>().message).toMatch(/teamId/);
  });

  it('a telecaller has their own telecaller report and no other', async () => {
    const r = await get<TelecallersReport>(`/api/v1/reports/telecallers?${PERIOD}`, t.cast.otherTelecaller);
    expect(r.items.map((i) => i.agentId)).toEqual([t.cast.otherTelecaller.id]);
    for (const kind of ['funnel', 'campaigns', 'hours']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/reports/${kind}?${PERIOD}`, as: t.cast.otherTelecaller });
      expect(res.statusCode, kind).toBe(403);
    }
    const someoneElse = await t.request({
      method: 'GET',
      url: `/api/v1/reports/telecallers?${PERIOD}&agentId=${t.cast.telecaller.id}`,
      as: t.cast.otherTelecaller,
    });
    expect(someoneElse.statusCode).toBe(403);
  });

  it('names a bad period', async () => {
    const backwards = await t.request({ method: 'GET', url: '/api/v1/reports/campaigns?from=2026-03-08&to=2026-03-02', as: t.cast.admin });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toMatch(/on or after from/);
    const long = await t.request({ method: 'GET', url: '/api/v1/reports/campaigns?from=2020-01-01&to=2026-03-02', as: t.cast.admin });
    expect(long.statusCode).toBe(400);
    expect(long.body).toMatch(/at most 800 days/);
    const bad = await t.request({ method: 'GET', url: '/api/v1/reports/campaigns?from=2026-3-2&to=2026-03-02', as: t.cast.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/YYYY-MM-DD/);
  });
});

describe('keeping them current', () => {
  it('walks every call and lead already there once, then sweeps the leads that change', async () => {
    const m = t.app.services.reportMaintenance;
    // Forget everything and walk it in again: the same sums.
    const db = t.db.database.db;
    const before = await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`);
    for (const table of ['report_call_facts', ...CALL_ROLLUPS.map((r) => r.table), 'report_lead_facts', ...LEAD_ROLLUPS.map((r) => r.table), 'report_state']) {
      await db.execute(sql`delete from ${sql.identifier(table)}`);
    }
    expect((await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`)).totals.dials).toBe(0);
    expect(await m.fill(1000)).toBe(true);
    expect((await get<CampaignsReport>(`/api/v1/reports/campaigns?${PERIOD}`)).totals).toEqual(before.totals);
    await expectRollupsTrue();
    // A lead converted now is in the funnel after the next sweep.
    const today = new Date(Date.now() + 5.5 * 3_600_000).toISOString().slice(0, 10);
    const converted = async () =>
      (await get<FunnelReport>(`/api/v1/reports/funnel?from=${today}&to=${today}`)).stages.find((s) => s.stage === 'converted')?.leads;
    const was = await converted();
    await t.app.services.leads.update(SYSTEM_ACTOR, leadIds[2] as string, { status: 'converted' });
    expect(await converted()).toBe(was);
    expect(await m.sweepLeads()).toBeGreaterThan(0);
    expect(await converted()).toBe((was ?? 0) + 1);
    // Reached once, it stays reached: the funnel counts how far each lead got.
    await t.app.services.leads.update(SYSTEM_ACTOR, leadIds[2] as string, { status: 'lost' });
    await m.sweepLeads();
    expect(await converted()).toBe((was ?? 0) + 1);
    await expectRollupsTrue();
  });
});
