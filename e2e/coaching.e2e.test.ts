/**
 * Coaching through the web app against a real server with the demo organisation: scored calls are
 * laid down in the server's database for one team (as the QA and analysis modules store them), a
 * manager reads the team's skill matrix, asks for suggestions, assigns a skill (the server's word
 * on a bad count shows beside the field), works the review queue, and the telecaller finds it all
 * in My coaching, on a desktop and a phone. Build the web app first: `npm run build -w apps/web`.
 */
import type { Calibration, CallScore, SkillMatrix } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../apps/server/src/platform/db/client.js';
import { apiAs, apiClientAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness, tallShot } from './harness.js';

const MANAGER = 'meera.nair';
const TEAM = ['Pooja Sharma', 'Ravi Kumar', 'Sunita Yadav', 'Imran Ansari', 'Neha Verma', 'Deepak Mishra'];
const COACHED = 'Pooja Sharma';
const CALLS_EACH = 12;

/** The demo scorecard's questions and weights. */
const QUESTIONS = [
  ['greeting', 'Opening', 'Greets the lead and says who is calling', 1, 'checkpoint'],
  ['recording-notice', 'Opening', 'Says the call is recorded within the first 30 seconds', 3, 'checkpoint'],
  ['needs', 'Conversation', 'Asks about the lead’s needs', 2, 'checkpoint'],
  ['objections', 'Conversation', 'Answers every objection raised', 3, 'objection_handled'],
  ['listening', 'Conversation', 'Lets the lead talk (agent’s share of speech 35–70%)', 2, 'talk_ratio'],
  ['lead-mood', 'Conversation', 'The lead is not left unhappy', 1, 'sentiment'],
  ['no-false-promise', 'Compliance and close', 'Makes no guarantee of a job, admission or refund', 3, 'phrase'],
  ['next-step', 'Compliance and close', 'Agrees a next step (callback, visit, form)', 2, 'checkpoint'],
] as const;
const NEXT_STEP = 'Agrees a next step (callback, visit, form)';

let h: Harness;
const agents = new Map<string, string>();
const callsOf = new Map<string, string[]>();
const managerEmail = () => h.server.accounts.managers.find((m) => m.startsWith(MANAGER)) ?? '';
const emailOf = (name: string) => h.server.accounts.telecallers.find((e) => e.startsWith(name.toLowerCase().replace(' ', '.'))) ?? '';

/**
 * One scored call: the telecaller `a` (0 is the coached one, who misses price objections and the
 * recording notice) on their `i`th call, `daysAgo` days back.
 */
async function scoredCall(agentId: string, leadId: string, cardId: string, a: number, i: number, daysAgo: number): Promise<string> {
  const db = h.server.db;
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const coached = a === 0;
  const objection = i % 4 === 3 ? 'timing' : 'price';
  const handled = coached ? (objection === 'price' ? i % 5 === 0 : true) : (i + a) % (4 + a) !== 0;
  const talkRatio = 0.4 + ((i * 7 + a * 3) % 10) / 25;
  const deadAir = (i * 3 + a * 5) % 16;
  const leadMood = (i + 2 * a) % 8 === 0 ? 'negative' : i % 2 ? 'positive' : 'neutral';
  const verdicts: Record<string, boolean> = {
    greeting: (i + a) % 9 !== 0,
    'recording-notice': coached ? i % 3 === 0 : (i + a) % 6 !== 0,
    needs: (i * (a + 1) + a) % 5 !== 0,
    objections: handled,
    listening: talkRatio >= 0.35 && talkRatio <= 0.7,
    'lead-mood': leadMood !== 'negative',
    'no-false-promise': true,
    'next-step': coached ? i % 2 === 0 : (i + a) % 3 !== 0,
  };
  const total = QUESTIONS.reduce((s, q) => s + q[3], 0);
  const score = Math.round((100 * QUESTIONS.reduce((s, q) => s + (verdicts[q[0]] ? q[3] : 0), 0)) / total);
  const answers = QUESTIONS.map(([key, section, text, weight, kind]) => ({
    key,
    section,
    text,
    textHi: null,
    weight,
    kind,
    auto: verdicts[key] ? 'pass' : 'fail',
    evidence: null,
    atMs: null,
    override: null,
    comment: null,
  }));
  const [c] = rowsOf<{ id: string }>(
    await db.execute(sql`insert into calls (lead_id, agent_id, provider, provider_call_id, status, started_at, answered_at, ended_at, duration_seconds, disposition)
      values (${leadId}, ${agentId}, 'simulator', ${`coaching-${a}-${i}`}, 'completed', ${at}, ${at}, ${at}, ${120 + i * 17}, 'interested') returning id`),
  );
  const callId = c?.id ?? '';
  const analysis = {
    talkRatio,
    deadAirSeconds: deadAir,
    sentiment: { lead: leadMood, agent: 'positive' },
    objections: [{ type: objection, handled, atMs: 20_000 }],
    qaScore: score,
  };
  await db.execute(sql`insert into call_analyses (call_id, status, analyzed_at, result) values (${callId}, 'done', ${at}, ${JSON.stringify(analysis)}::jsonb)`);
  await db.execute(sql`insert into call_scores (call_id, agent_id, call_at, scorecard_id, scorecard_name, scorecard_version, answers, auto_score, score, scored_at)
    values (${callId}, ${agentId}, ${at}, ${cardId}, 'Admissions call', 1, ${JSON.stringify(answers)}::jsonb, ${score}, ${score}, ${at})`);
  return callId;
}

beforeAll(async () => {
  h = await startHarness();
  const db = h.server.db;
  const users = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, name from users where role = 'telecaller'`));
  for (const u of users) agents.set(u.name, u.id);
  const [card] = rowsOf<{ id: string }>(await db.execute(sql`select id from qa_scorecards where name = 'Admissions call'`));
  for (const [a, name] of TEAM.entries()) {
    const agentId = agents.get(name) ?? '';
    const [lead] = rowsOf<{ id: string }>(await db.execute(sql`select id from leads where owner_id = ${agentId} order by created_at limit 1`));
    const ids: string[] = [];
    for (let i = 0; i < CALLS_EACH; i++) ids.push(await scoredCall(agentId, lead?.id ?? '', card?.id ?? '', a, i, 19 - i * 1.5 - a * 0.1));
    callsOf.set(name, ids);
  }
  // An item worked on last month and measured since, as the measuring job leaves it.
  const measuredAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await db.execute(sql`insert into coaching_items (agent_id, skill, source, status, baseline, team_baseline, baseline_calls, measure_after_calls, result, closed_at, created_at)
    values (${agents.get(COACHED) ?? ''}, 'dead_air', 'engine', 'measured', 0.5, 0.85, 10, 10,
      ${JSON.stringify({ value: 0.8, calls: 10, moved: 'up', measuredAt })}::jsonb, ${measuredAt}, ${new Date(Date.now() - 40 * 86_400_000).toISOString()})`);
});
afterAll(async () => {
  await h?.close();
});

const queueItem = (page: Page, agent: string, skill: string) =>
  page.getByRole('region', { name: 'Coaching queue' }).getByRole('article', { name: `${agent}: ${skill}`, exact: true });

/** The text of one telecaller's cell under the skill whose column header holds `skill`. */
async function matrixCell(page: Page, agent: string, skill: string): Promise<string> {
  const matrix = page.getByRole('table', { name: 'Skills of each telecaller' });
  const headers = await matrix.locator('thead th').allInnerTexts();
  const col = headers.findIndex((t) => t.includes(skill));
  expect(col, `a column for ${skill}`).toBeGreaterThan(1);
  const row = matrix.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: agent, exact: true }) });
  return (await row.locator('th, td').nth(col).textContent()) ?? '';
}

describe('coaching', () => {
  it('a manager reads the team’s skills, asks for suggestions and assigns a skill', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, managerEmail());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coaching' }).click();
    await page.getByRole('heading', { name: 'Coaching', level: 1 }).waitFor();

    // The matrix shows the coached telecaller's price objections as the server measures them, well under the team.
    const api = await apiAs(h, managerEmail());
    const m = await api<SkillMatrix>('/coaching/skills');
    const price = m.agents.find((a) => a.name === COACHED)?.skills['objection:price'];
    expect(price?.n).toBe(9);
    const cell = await matrixCell(page, COACHED, 'Answers price objections');
    expect(cell).toContain(`${Math.round((price?.value ?? 0) * 100)}%`);
    expect(cell).toContain('n 9');
    expect(cell).toContain('Well below the team');
    await expect(matrixCell(page, 'Ravi Kumar', 'Answers price objections')).resolves.not.toContain('below the team');
    await page.getByText('No open items.').waitFor();

    // The engine suggests where the coached telecaller is far under the rest of the team.
    await page.getByRole('button', { name: 'Suggest now' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /new suggestions?\./ })
      .waitFor();
    const suggested = queueItem(page, COACHED, 'Answers price objections');
    await suggested.getByText('Suggested').waitFor();
    const own = suggested.getByRole('list', { name: `Calls of ${COACHED} where it was missed` }).getByRole('link');
    await expect(own.count()).resolves.toBe(3);
    expect(callsOf.get(COACHED)).toContain((await own.first().getAttribute('href'))?.replace('/calls/', ''));

    // Nothing chosen: the form says so before asking the server; a count out of range: the server's words.
    const form = page.getByRole('region', { name: 'Assign a skill' });
    await form.getByRole('button', { name: 'Assign' }).click();
    await form.getByText('Choose a telecaller.').waitFor();
    await form.getByLabel('Telecaller', { exact: true }).click();
    await page.getByRole('option', { name: COACHED }).click();
    await form.getByLabel('Skill', { exact: true }).click();
    await page.getByRole('option', { name: NEXT_STEP }).click();
    await form.getByLabel('Note to the telecaller').fill('Before you hang up, fix the day of the campus visit.');
    await form.getByLabel('Measure again after').fill('1');
    await form.getByRole('button', { name: 'Assign' }).click();
    await form.getByText('measure after 3 to 100 calls').waitFor();
    await form.getByLabel('Measure again after').fill('5');
    await form.getByRole('button', { name: 'Assign' }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `Assigned to ${COACHED}.` })
      .waitFor();
    const assigned = queueItem(page, COACHED, NEXT_STEP);
    await assigned.getByText('Assigned by Meera Nair').waitFor();
    await assigned.getByText('0 of 5 calls').waitFor();

    // A suggestion the manager does not want goes away.
    const dismissed = queueItem(page, COACHED, 'Answers every objection raised');
    await dismissed.getByRole('button', { name: `Dismiss: Answers every objection raised for ${COACHED}` }).click();
    await dismissed.waitFor({ state: 'detached' });

    // Measured items show where the skill went.
    const measured = page.getByRole('region', { name: 'Measured' });
    await measured.getByText('50% → 80%').waitFor();
    await measured.getByText('Moved up').waitFor();
    await tallShot(page, 'coaching-manager', 1700);

    // At phone width the matrix scrolls inside its own box; the page itself does not.
    await page.setViewportSize(PHONE);
    const box = page.getByRole('table', { name: 'Skills of each telecaller' }).locator('..');
    await box.scrollIntoViewIfNeeded();
    const widths = await box.evaluate((el) => ({ box: el.scrollWidth, shown: el.clientWidth, page: document.documentElement.scrollWidth }));
    expect(widths.box).toBeGreaterThan(widths.shown);
    expect(widths.page).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'coaching-matrix-phone');
    await context.close();
  });

  it('a manager works the review queue: disputes first, each call opening its page, and calibration', async () => {
    const pooja = callsOf.get(COACHED) ?? [];
    const disputed = pooja[4] ?? '';
    const asTelecaller = await apiClientAs(h, emailOf(COACHED));
    const dispute = await asTelecaller<CallScore>('POST', `/calls/${disputed}/score/disputes`, {
      reason: 'I did say the call is recorded, at the very start.',
    });
    expect(dispute.status).toBe(201);
    const asManager = await apiClientAs(h, managerEmail());
    const review = await asManager<CallScore>('POST', `/calls/${callsOf.get('Ravi Kumar')?.[2]}/score/review`, {
      answers: [{ key: 'no-false-promise', verdict: 'fail', comment: 'Said the seat is sure if she pays today.' }],
    });
    expect(review.status).toBe(200);

    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, managerEmail());
    await page.goto(`${h.server.url}/coaching`);
    await page.getByRole('navigation', { name: 'Coaching sections' }).getByRole('link', { name: 'Review queue' }).click();
    await page.getByRole('heading', { name: 'Review queue', level: 1 }).waitFor();
    const queue = page.getByRole('table', { name: 'Calls to review' });
    const first = queue.locator('tbody tr').first();
    await first.getByText('Disputed').waitFor();
    await expect(first.getByRole('link').getAttribute('href')).resolves.toBe(`/calls/${disputed}`);
    const reasons = await queue.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-reason')));
    expect(reasons.indexOf('low_score')).toBeGreaterThan(0);
    expect(reasons.lastIndexOf('low_score')).toBeLessThan(reasons.indexOf('unreviewed'));

    const api = await apiAs(h, managerEmail());
    const calibration = await api<Calibration>('/qa/calibration');
    expect(calibration.reviewedCalls).toBe(1);
    const figures = page.getByRole('region', { name: 'Calibration' });
    await figures
      .getByText(`${Math.round((calibration.agreement ?? 0) * 100)}%`, { exact: true })
      .first()
      .waitFor();
    await figures.getByRole('table', { name: 'By question' }).getByRole('cell', { name: 'Makes no guarantee of a job, admission or refund' }).waitFor();
    await figures.getByRole('table', { name: 'By reviewer' }).getByRole('cell', { name: 'Meera Nair' }).waitFor();
    await tallShot(page, 'coaching-review', 1300);
    await context.close();
  });

  it('the telecaller sees the item in My coaching, with examples, results and their skills by week', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, emailOf(COACHED));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Coaching' }).click();
    await page.getByRole('heading', { name: 'My coaching', level: 1 }).waitFor();
    // Staff only: no review queue.
    await expect(page.getByRole('navigation', { name: 'Coaching sections' }).count()).resolves.toBe(0);

    const working = page.getByRole('region', { name: 'Working on' });
    const assigned = working.getByRole('article', { name: NEXT_STEP });
    await assigned.getByText('Before you hang up, fix the day of the campus visit.').waitFor();
    await assigned.getByText('0 of 5 calls').waitFor();
    const price = working.getByRole('article', { name: 'Answers price objections' });
    await price.getByText('Suggested').waitFor();
    await expect(price.getByRole('list', { name: 'Your calls where it was missed' }).getByRole('link').count()).resolves.toBe(3);
    const best = price.getByRole('list', { name: 'The team’s best calls' }).getByRole('link');
    await expect(best.count()).resolves.toBe(3);
    const bestId = (await best.first().getAttribute('href'))?.replace('/calls/', '') ?? '';
    expect(TEAM.filter((n) => n !== COACHED).some((n) => callsOf.get(n)?.includes(bestId))).toBe(true);
    await page.getByRole('region', { name: 'Measured' }).getByText('Moved up').waitFor();
    await expect(working.getByRole('article', { name: 'Answers every objection raised' }).count()).resolves.toBe(0);

    const skills = page.getByRole('table', { name: 'My skills' });
    const row = skills.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Answers price objections' }) });
    await row.getByText('Well below the team').waitFor();
    await page.getByRole('img', { name: 'QA score, week by week: you and the team' }).waitFor();
    await page.getByRole('combobox', { name: 'Week by week' }).click();
    await page.getByRole('option', { name: 'Answers price objections' }).click();
    await page.getByRole('img', { name: 'Answers price objections, week by week: you and the team' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await tallShot(page, 'coaching-telecaller', 1320);

    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'My coaching', level: 1 }).scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'coaching-phone', true);

    // The review queue is for staff.
    await page.goto(`${h.server.url}/coaching/review`);
    await page.getByRole('heading', { name: 'Not available for your role' }).waitFor();

    // In Hindi, skills are named by kind and objection type; a QA question by the scorecard's Hindi words.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${h.server.url}/coaching`);
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.getByRole('heading', { name: 'मेरी कोचिंग', level: 1 }).waitFor();
    const hindi = page.getByRole('table', { name: 'मेरे कौशल' });
    await hindi.getByRole('rowheader', { name: 'फीस की आपत्ति का जवाब देता है' }).waitFor();
    await hindi.getByRole('rowheader', { name: 'क्वालिटी स्कोर' }).waitFor();
    await hindi.getByRole('rowheader', { name: 'अगला कदम तय करता है (कॉलबैक, विज़िट, फॉर्म)' }).waitFor();
    await page.getByRole('region', { name: 'मापे गए' }).getByText('सुधार हुआ').waitFor();
    await context.close();
  });
});
