/**
 * Campaigns and the auto-dialer against a real server and the call simulator. A manager builds a
 * progressive campaign in the editor, adds its leads and starts it; a telecaller joins it from the
 * workspace and three calls come to her without a dial, each with the lead and the script, each
 * wrapped up from the keyboard, while the manager watches the campaign's figures move. Then a
 * predictive campaign feeds three telecallers under the abandon cap, the command center shows
 * who works which campaign, and both pages fit a phone.
 * The tests run in order and build on each other. Build the web app first: `npm run build -w apps/web`.
 */
import type { CallPage, Campaign, CampaignStats, Lead, LeadPage, Presence, User } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness, tallShot } from './harness.js';

let h: Harness;
let manager: string;
let asManager: Awaited<ReturnType<typeof apiClientAs>>;
let team: { id: string; telecallers: User[] };
/** Leads of the manager's team, none on the DND registry: three for the progressive campaign, the rest for the predictive one. */
let leads: Lead[];
let progressive: Campaign;
let predictive: Campaign;

const PROGRESSIVE = 'Class 10 re-enrolment, follow-up';
const PREDICTIVE = 'Winter camp volunteers';
const WIDE = { width: 1440, height: 1000 };

/** A number on the campaign's live page, as shown: a figure card or a queue count. */
const figure = (page: Page, name: 'dialed' | 'answered') => page.locator(`[data-figure="${name}"] dd`).first().textContent();
const queued = (page: Page, state: 'pending' | 'done') => page.locator(`[data-queue="${state}"] dd`).textContent();

/** Every "dialed / answered / done" the live page shows, in order, however briefly. */
async function recordFigures(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.assign(window, { figuresSeen: seen });
    const text = (sel: string) => document.querySelector(sel)?.textContent ?? '?';
    const look = () => {
      const now = [text('[data-figure="dialed"] dd'), text('[data-figure="answered"] dd'), text('[data-queue="done"] dd')].join('/');
      if (!now.includes('?') && seen.at(-1) !== now) seen.push(now);
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const figuresSeen = (page: Page) => page.evaluate(() => (window as unknown as { figuresSeen: string[] }).figuresSeen);

/** The page's own requests that would place a call (a dial button pressed). */
function dialRequests(page: Page) {
  const made: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (r.method() === 'POST' && (pathname === '/api/v1/calls' || /^\/api\/v1\/campaigns\/[^/]+\/dial$/.test(pathname))) made.push(pathname);
  });
  return made;
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The agents working the predictive campaign until the file ends: each loop stops when `closing` is set. */
const floor: Promise<void>[] = [];
const floorErrors: unknown[] = [];
const onFloor = (work: Promise<void>) => floor.push(work.catch((e: unknown) => void floorErrors.push(e)));
let closing = false;
let imranDesk: Awaited<ReturnType<typeof newPage>> | undefined;

/** A telecaller working over the API: saves an outcome as soon as a call of theirs ends, as a quick agent would. */
async function workOverApi(api: Awaited<ReturnType<typeof apiClientAs>>) {
  while (!closing) {
    const me = await api<Presence>('GET', '/presence/me');
    if (me.body.state === 'wrap_up' && me.body.callId) {
      const saved = await api('POST', `/calls/${me.body.callId}/disposition`, { disposition: 'not_interested' });
      if (saved.status !== 200 && saved.status !== 409) throw new Error(`disposition refused: ${saved.status} ${JSON.stringify(saved.body)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A telecaller at the workspace: each wrap-up form that opens is saved from the keyboard (1 and Enter). */
async function wrapUpByKeyboard(page: Page) {
  const form = page.getByRole('form', { name: 'Wrap up' });
  while (!closing) {
    if (
      !(await form.waitFor({ timeout: 1000 }).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await form.waitFor({ state: 'detached', timeout: 15_000 });
  }
}

describe('campaigns and the auto-dialer', () => {
  beforeAll(async () => {
    h = await startHarness({
      env: {
        SIMULATOR_ANSWER_RATE: '1',
        SIMULATOR_MACHINE_RATE: '0',
        SIMULATOR_SPEED: '5',
        TELEHUB_CALLING_HOURS: '00:00-24:00',
      },
    });
    manager = h.server.accounts.managers[0] ?? '';
    asManager = await apiClientAs(h, manager);
    const users = (await asManager<{ items: User[] }>('GET', '/users')).body.items;
    // The first four demo telecallers (one team, the manager's): Pooja, Ravi, Sunita, Imran.
    const telecallers = h.server.accounts.telecallers.slice(0, 4).map((email) => users.find((u) => u.email === email));
    const teamId = telecallers[0]?.teamId;
    if (!teamId || !telecallers.every((u) => u?.teamId === teamId)) throw new Error('the demo manager does not have the first four telecallers in one team');
    team = { id: teamId, telecallers: telecallers.filter((u) => u !== undefined) };
    const page = await asManager<LeadPage>('GET', '/leads?dnd=false&status=new,contacted,interested,callback&pageSize=100');
    leads = page.body.items;
    if (leads.length < 60) throw new Error('the demo manager sees fewer than 60 callable leads');
  }, 120_000);

  afterAll(async () => {
    closing = true;
    await Promise.allSettled(floor);
    await imranDesk?.context.close();
    await h?.close();
  });

  it('a manager builds a progressive campaign; three calls come to the telecaller by themselves and she wraps each up by keyboard', async () => {
    const pooja = team.telecallers[0];
    if (!pooja) throw new Error('no telecaller');
    const mine = leads.slice(0, 3);

    // The manager: the campaigns, then a new one in the editor.
    const boss = await newPage(h, DESKTOP);
    await signIn(h, boss.page, manager);
    await boss.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Campaigns' }).click();
    await boss.page.waitForURL('**/campaigns');
    await boss.page.getByRole('table', { name: 'Campaigns' }).locator('tr[data-campaign]').first().waitFor();
    await shot(boss.page, 'campaigns-list');

    await boss.page.getByRole('link', { name: 'New campaign' }).click();
    await boss.page.waitForURL('**/campaigns/new');
    const form = boss.page.getByRole('form', { name: 'Campaign' });
    await form.getByLabel('Name', { exact: true }).fill(PROGRESSIVE);
    await form.getByLabel(/^Description/).fill('Girls who left school last year: the new Class 10 batch starts in March.');
    await form.getByRole('radio', { name: /^Progressive/ }).check();
    await form.getByLabel('Wrap-up time (seconds)').fill('120');
    await form
      .getByRole('group', { name: 'Teams' })
      .getByText(/^North/)
      .click();
    await form.getByRole('radio', { name: /^Only leads I add/ }).check();
    const stages = [
      {
        key: 'opening',
        title: 'Opening',
        text: 'Namaste, I am calling from the Second Chance programme about the new Class 10 batch. Is this a good time to talk?',
        titleHi: 'शुरुआत',
        textHi: 'नमस्ते, मैं सेकंड चांस कार्यक्रम से कक्षा 10 के नए बैच के बारे में बात कर रही हूँ। क्या अभी बात करने का सही समय है?',
      },
      {
        key: 'batch',
        title: 'The batch',
        text: 'Classes run every weekday, 10 am to 1 pm, at the centre near the bus stand. Books are free.',
        titleHi: '',
        textHi: '',
      },
    ];
    for (const [i, s] of stages.entries()) {
      await form.getByRole('button', { name: 'Add a stage' }).click();
      const stage = form.getByRole('listitem', { name: `Stage ${i + 1}` });
      await stage.getByLabel('Key').fill(s.key);
      await stage.getByLabel('Title (English)').fill(s.title);
      await stage.getByLabel('What to say (English)').fill(s.text);
      if (s.titleHi) await stage.getByLabel(/^Title \(Hindi\)/).fill(s.titleHi);
      if (s.textHi) await stage.getByLabel(/^What to say \(Hindi\)/).fill(s.textHi);
    }
    await boss.page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, 0);
    });
    await tallShot(boss.page, 'campaign-editor', await boss.page.evaluate(() => document.documentElement.scrollHeight));
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await boss.page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const id = new URL(boss.page.url()).pathname.split('/').at(-1) ?? '';
    progressive = (await asManager<Campaign>('GET', `/campaigns/${id}`)).body;
    expect(progressive).toMatchObject({ name: PROGRESSIVE, dialMode: 'progressive', status: 'draft', wrapUpSeconds: 120, teamIds: [team.id], segment: null });
    expect(progressive.script.map((s) => s.key)).toEqual(['opening', 'batch']);

    // Its leads, pasted on the campaign's page; then it starts.
    await boss.page.getByText('This campaign is a draft.').waitFor();
    await boss.page.getByLabel('Lead ids').fill(mine.map((l) => l.id).join('\n'));
    await boss.page.getByRole('button', { name: 'Add to the queue' }).click();
    await boss.page.getByText('3 leads added to the queue.').waitFor();
    await expect.poll(() => queued(boss.page, 'pending')).toBe('3');
    await boss.page.getByRole('button', { name: 'Start', exact: true }).click();
    await boss.page.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
    await boss.page.getByRole('heading', { level: 1 }).getByText('Running').waitFor();
    await expect.poll(() => figure(boss.page, 'dialed')).toBe('0');
    await recordFigures(boss.page);

    // The telecaller joins it from the campaign bar, and waits: nothing to dial.
    const agent = await newPage(h, DESKTOP);
    const dials = dialRequests(agent.page);
    await signIn(h, agent.page, pooja.email);
    await agent.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workspace' }).click();
    await agent.page.waitForURL('**/workspace');
    const bar = agent.page.getByRole('region', { name: 'Campaign' });
    await bar.getByRole('combobox', { name: 'Join a campaign' }).click();
    await agent.page.getByRole('option', { name: new RegExp(PROGRESSIVE) }).click();
    await bar.getByRole('button', { name: 'Join' }).click();
    await bar.locator(`[data-my-campaign="${PROGRESSIVE}"]`).waitFor();

    const called: string[] = [];
    const wrapUp = agent.page.getByRole('form', { name: 'Wrap up' });
    for (let n = 1; n <= 3; n++) {
      // The call comes by itself: the lead's card, the script beside it, the lead's history.
      await agent.page.locator('[data-call-status="in_progress"]').waitFor({ timeout: 60_000 });
      const name = (await agent.page.locator('#ws-lead-name').textContent()) ?? '';
      called.push(name);
      expect(mine.map((l) => l.name)).toContain(name);
      const script = agent.page.getByRole('region', { name: 'Script', exact: true });
      await script.getByRole('tab', { name: /Opening/ }).waitFor();
      await script.getByText(/^Namaste, I am calling from the Second Chance programme/).waitFor();
      await agent.page.getByRole('region', { name: `About ${name}` }).waitFor();
      await expect(agent.page.getByRole('button', { name: 'Dial', exact: true }).count()).resolves.toBe(0);
      if (n === 1) {
        await agent.page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').nth(1).waitFor();
        await shot(agent.page, 'workspace-campaign-call');
        // ] steps the script on.
        await agent.page.locator('h1').click();
        await agent.page.keyboard.press(']');
        await script.getByText(/^Classes run every weekday/).waitFor();
      }
      if (n === 3) {
        // The manager sees her on this call (the figures are read every 5 s).
        await boss.page.locator(`[data-agent="${pooja.name}"][data-state="on_call"]`).waitFor({ timeout: 20_000 });
        await tallShot(boss.page, 'campaign-live', 1150);
        // She asks for a tea break on the call: it waits for the call, and says so; she can take it back and ask again.
        await bar.getByRole('button', { name: 'Pause' }).click();
        await agent.page.getByRole('menuitem', { name: 'Tea' }).click();
        const waiting = agent.page.locator('[data-next-move="break"]');
        await waiting.getByText('Break (Tea) after this call').waitFor();
        await expect(agent.page.locator('[data-presence]').getAttribute('data-presence')).resolves.toBe('on_call');
        await shot(agent.page, 'workspace-break-after-call');
        // At phone width the note wraps under her status; nothing runs off the side.
        const wide = agent.page.viewportSize();
        await agent.page.setViewportSize(PHONE);
        await waiting.getByRole('button', { name: 'Stay available' }).waitFor();
        expect(await noSideScroll(agent.page)).toBeLessThanOrEqual(PHONE.width);
        await shot(agent.page, 'workspace-break-after-call-phone');
        if (wide) await agent.page.setViewportSize(wide);
        await waiting.getByRole('button', { name: 'Stay available' }).click();
        await waiting.waitFor({ state: 'detached' });
        await bar.getByRole('button', { name: 'Pause' }).click();
        await agent.page.getByRole('menuitem', { name: 'Tea' }).click();
        await waiting.waitFor();
      }

      await agent.page.locator('h1').click();
      await agent.page.keyboard.press('h');
      await wrapUp.waitFor();
      // The campaign's wrap-up time counts down above the form.
      const left = agent.page.locator('[data-wrap-up-left]');
      await left.getByRole('timer').waitFor();
      expect(Number(await left.getAttribute('data-wrap-up-left'))).toBeGreaterThan(100);
      if (n === 1) await shot(agent.page, 'workspace-campaign-wrap-up');
      await agent.page.keyboard.press('1');
      await expect(wrapUp.getByRole('radio', { name: 'Interested', exact: true }).isChecked()).resolves.toBe(true);
      await agent.page.keyboard.press('Enter');
      await wrapUp.waitFor({ state: 'detached' });

      // The manager's page catches up: one more lead dialed, answered and done.
      await expect.poll(async () => Number(await queued(boss.page, 'done')), { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
      await expect.poll(async () => Number(await figure(boss.page, 'answered')), { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
    }
    expect(new Set(called).size).toBe(3);
    expect(dials).toEqual([]);

    // The last call wrapped up, she is on the break she asked for; resumed, the desk waits. The manager's figures stop at three.
    await agent.page.getByRole('heading', { name: 'You are paused' }).waitFor();
    await expect(agent.page.locator('[data-presence]').textContent()).resolves.toBe('On a break (Tea)');
    await expect(agent.page.locator('[data-next-move]').count()).resolves.toBe(0);
    await bar.getByRole('button', { name: 'Resume' }).click();
    await agent.page.getByRole('heading', { name: 'Waiting for the next call' }).waitFor();
    await expect.poll(() => figure(boss.page, 'dialed'), { timeout: 20_000 }).toBe('3');
    await expect.poll(() => figure(boss.page, 'answered')).toBe('3');
    await expect.poll(() => queued(boss.page, 'done')).toBe('3');
    await expect.poll(() => queued(boss.page, 'pending')).toBe('0');
    const seen = await figuresSeen(boss.page);
    expect(seen[0]).toBe('0/0/0');
    expect(seen.at(-1)).toBe('3/3/3');
    // Moved step by step, never back.
    expect(seen.length).toBeGreaterThanOrEqual(4);
    const steps = seen.map((s) => s.split('/').map(Number));
    for (const k of [0, 1, 2]) {
      const column = steps.map((s) => s[k] ?? Number.NaN);
      expect(column).toEqual([...column].sort((a, b) => a - b));
    }

    // The calls are hers, in the campaign, saved as she chose.
    const calls = (await asManager<CallPage>('GET', `/calls?campaignId=${progressive.id}`)).body.items;
    expect(calls).toHaveLength(3);
    for (const c of calls) expect(c).toMatchObject({ agentId: pooja.id, campaignId: progressive.id, disposition: 'interested', wrapUpPending: false });

    // She leaves for click-to-call.
    await bar.getByRole('button', { name: 'Leave' }).click();
    await bar.getByRole('combobox', { name: 'Join a campaign' }).waitFor();
    await agent.context.close();
    await boss.context.close();
  }, 420_000);

  it('a predictive campaign feeds three telecallers under the abandon cap', async () => {
    const [, ravi, sunita, imran] = team.telecallers;
    if (!ravi || !sunita || !imran) throw new Error('too few telecallers');
    const created = await asManager<Campaign>('POST', '/campaigns', {
      name: PREDICTIVE,
      description: 'Recruit reading volunteers for the winter camps.',
      dialMode: 'predictive',
      teamIds: [team.id],
      segment: null,
      wrapUpSeconds: 60,
      script: [{ key: 'opening', title: 'Opening', text: 'Namaste! We are looking for reading volunteers for our winter camps.' }],
    });
    expect(created.status).toBe(201);
    predictive = created.body;
    expect((await asManager('POST', `/campaigns/${predictive.id}/leads`, { leadIds: leads.slice(3).map((l) => l.id) })).status).toBe(200);
    expect((await asManager('POST', `/campaigns/${predictive.id}/start`)).status).toBe(200);

    // Two join over the API and save an outcome as each call ends; the third joins from the workspace.
    for (const u of [ravi, sunita]) {
      const asAgent = await apiClientAs(h, u.email);
      const joined = await asAgent('PUT', '/presence/me', { state: 'available', campaignId: predictive.id });
      expect(joined).toMatchObject({ status: 200, body: { state: 'available', campaignId: predictive.id } });
      onFloor(workOverApi(asAgent));
    }
    const desk = await newPage(h, DESKTOP);
    imranDesk = desk;
    await signIn(h, desk.page, imran.email);
    await desk.page.goto(`${h.server.url}/workspace`);
    const bar = desk.page.getByRole('region', { name: 'Campaign' });
    await bar.getByRole('combobox', { name: 'Join a campaign' }).click();
    await desk.page.getByRole('option', { name: new RegExp(PREDICTIVE) }).click();
    await bar.getByRole('button', { name: 'Join' }).click();
    await bar.locator(`[data-my-campaign="${PREDICTIVE}"]`).waitFor();
    await desk.page.getByRole('heading', { name: 'Waiting for the next call' }).waitFor();

    // A call pops up on his desk by itself, with the campaign's script; from then on he wraps up each from the keyboard.
    await desk.page.locator('[data-call-status="in_progress"]').waitFor({ timeout: 90_000 });
    await desk.page
      .getByRole('region', { name: 'Script', exact: true })
      .getByText(/^Namaste! We are looking/)
      .waitFor();
    onFloor(wrapUpByKeyboard(desk.page));

    // The manager's floor: each agent with the campaign they work.
    const boss = await newPage(h, WIDE);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/command-center`);
    for (const u of [ravi, sunita, imran]) await boss.page.locator(`tr[data-agent="${u.name}"] [data-agent-campaign="${PREDICTIVE}"]`).waitFor();
    await shot(boss.page, 'command-center-campaigns');
    await boss.context.close();

    // Every one of them gets calls; answers grow and abandons stay under the cap.
    const statsNow = async () => (await asManager<CampaignStats>('GET', `/campaigns/${predictive.id}/stats`)).body;
    const first = await statsNow();
    const callsNow = async () => (await asManager<CallPage>('GET', `/calls?campaignId=${predictive.id}&pageSize=100`)).body.items;
    await expect
      .poll(
        async () => {
          const agents = new Set((await callsNow()).filter((c) => c.answeredAt).map((c) => c.agentId));
          return [ravi, sunita, imran].every((u) => agents.has(u.id));
        },
        { timeout: 150_000, interval: 2000 },
      )
      .toBe(true);
    await expect.poll(async () => (await statsNow()).answered, { timeout: 150_000, interval: 2000 }).toBeGreaterThanOrEqual(Math.max(first.answered + 3, 10));
    const stats = await statsNow();
    const summary = JSON.stringify({ ...stats, timeline: undefined, agentStates: undefined });
    expect(stats.abandonRate, summary).toBeLessThanOrEqual(0.03);
    expect(stats.agents).toBe(3);
    for (const c of await callsNow()) {
      expect(c.campaignId).toBe(predictive.id);
      if (c.answeredAt) expect([ravi.id, sunita.id, imran.id]).toContain(c.agentId);
    }
  }, 420_000);

  it('the campaign desk and the live page fit a phone', async () => {
    if (!imranDesk) throw new Error('the predictive campaign test did not run');
    // The telecaller's desk at phone width, a call on it with its script.
    const desk = imranDesk.page;
    await desk.setViewportSize(PHONE);
    await desk.locator('[data-call-status="in_progress"]').waitFor({ timeout: 90_000 });
    await desk.getByRole('region', { name: 'Script', exact: true }).waitFor();
    expect(await noSideScroll(desk)).toBeLessThanOrEqual(PHONE.width);
    await shot(desk, 'workspace-campaign-phone', true);

    const boss = await newPage(h, PHONE);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/campaigns/${predictive.id}`);
    await boss.page.locator('[data-figure="answered"]').waitFor();
    await boss.page.getByRole('region', { name: 'Agents in the campaign' }).locator('[data-agent]').first().waitFor();
    expect(await noSideScroll(boss.page)).toBeLessThanOrEqual(PHONE.width);
    await shot(boss.page, 'campaign-live-phone', true);
    await boss.context.close();
    // The agents worked without a refusal all along.
    expect(floorErrors).toEqual([]);
  }, 240_000);
});
