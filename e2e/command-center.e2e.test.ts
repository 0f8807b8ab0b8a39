/**
 * The manager's command center against a real server and the call simulator, with a second
 * browser as the telecaller: the manager's board shows the agent ringing, on the call and in
 * wrap-up as the telecaller works it, follows the call's transcript live, sees an idle alert
 * arrive and acknowledges it, and finds the call on the leaderboard and in the KPIs. The floor
 * view is cut by state, team and campaign, sorted and grouped through the address, read in
 * compact rows and on the wall screen, at 1366 px and on a phone, in English and Hindi; "My team"
 * shows the same live rows and counts them.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { User } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClientAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness, startRelay, tallShot } from './harness.js';

let h: Harness;
let manager: string;
let telecaller: User;

const WIDE = { width: 1440, height: 1000 };
const row = (page: Page) => page.locator(`tr[data-agent="${telecaller.name}"]`);
const stateOf = (page: Page) => row(page).getAttribute('data-state');

/** Every state the manager's board shows for the telecaller, in order, however briefly. */
async function recordAgentStates(page: Page, name: string) {
  await page.evaluate((agent) => {
    const seen: string[] = [];
    Object.assign(window, { agentStates: seen });
    const look = () => {
      const s = document.querySelector(`tr[data-agent="${agent}"]`)?.getAttribute('data-state');
      if (s && seen.at(-1) !== s) seen.push(s);
    };
    look();
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  }, name);
}
const agentStates = (page: Page) => page.evaluate(() => (window as unknown as { agentStates: string[] }).agentStates);

describe('the command center', () => {
  beforeAll(async () => {
    h = await startHarness({
      scheduler: true,
      env: {
        SIMULATOR_ANSWER_RATE: '1',
        SIMULATOR_SPEED: '4',
        TELEHUB_CALLING_HOURS: '00:00-24:00',
        // Short enough to see one arrive while the test waits; the other alerts keep their defaults.
        TELEHUB_ALERT_IDLE: '6s',
        TELEHUB_ALERT_CONNECT_DROP: '0',
      },
    });
    manager = h.server.accounts.managers[0] ?? '';
    const asManager = await apiClientAs(h, manager);
    const team = await asManager<{ items: User[] }>('GET', '/users');
    const first = team.body.items.find((u) => u.role === 'telecaller' && u.active);
    if (!first) throw new Error('the demo manager has no telecaller');
    telecaller = first;
  });

  afterAll(async () => {
    await h?.close();
  });

  it('shows a telecaller ringing, on the call and in wrap-up as they work it, with the live transcript', async () => {
    const boss = await newPage(h, WIDE);
    // What the board asks for and gets over its socket: floorChanged, the whole view first, then patches.
    const frames = { sent: [] as string[], received: [] as string[] };
    boss.page.on('websocket', (ws) => {
      ws.on('framesent', (f) => void frames.sent.push(String(f.payload)));
      ws.on('framereceived', (f) => void frames.received.push(String(f.payload)));
    });
    await signIn(h, boss.page, manager);
    await boss.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Command Center' }).click();
    await boss.page.waitForURL('**/command-center');
    await boss.page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await row(boss.page).waitFor();
    expect(await stateOf(boss.page)).toBe('OFFLINE');
    await boss.page.getByText('All quiet. Nothing needs you right now.').waitFor();
    await recordAgentStates(boss.page, telecaller.name);

    const agent = await newPage(h, WIDE);
    await signIn(h, agent.page, telecaller.email);
    await agent.page.goto(`${h.server.url}/workspace`);
    await agent.page.getByRole('button', { name: 'Available' }).click();
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('AVAILABLE');

    await agent.page.getByRole('button', { name: 'Dial', exact: true }).click();
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('ON_CALL');
    // The call is on the live list and on the agent's row; open it to follow the conversation.
    const live = boss.page.getByRole('region', { name: 'Live calls' });
    await live.locator('[data-call]').first().click();
    const monitor = boss.page.getByRole('region', { name: /^Call with / });
    await monitor.getByRole('list', { name: 'Live transcript' }).getByRole('listitem').nth(1).waitFor();
    await expect(monitor.getByText(`${telecaller.name} with`)).toBeTruthy();
    await expect(boss.page.locator('[data-total="ON_CALL"]').textContent()).resolves.toMatch(/1$/);
    await shot(boss.page, 'command-center');

    await agent.page.locator('h1').click();
    await agent.page.keyboard.press('h');
    const wrapUp = agent.page.getByRole('form', { name: 'Wrap up' });
    await wrapUp.waitFor();
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('WRAP_UP');
    await monitor.getByText('This call has ended.').waitFor();
    // In wrap-up she asks for a tea break after the call; the manager sees it on her row, then sees her take it back.
    await agent.page.getByRole('button', { name: 'Break' }).click();
    await agent.page.getByRole('menuitem', { name: 'Tea' }).click();
    const next = row(boss.page).locator('[data-agent-next="BREAK"]');
    await next.waitFor({ timeout: 20_000 });
    await expect(next.textContent()).resolves.toBe('Break (Tea) after this call');
    await agent.page.locator('[data-next-move]').getByRole('button', { name: 'Stay available' }).click();
    await next.waitFor({ state: 'detached', timeout: 20_000 });
    await agent.page.locator('h1').click();
    await agent.page.keyboard.press('1');
    await agent.page.keyboard.press('Enter');
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('AVAILABLE');

    const states = await agentStates(boss.page);
    expect(states).toEqual(expect.arrayContaining(['OFFLINE', 'AVAILABLE', 'ON_CALL', 'WRAP_UP']));
    expect(states.indexOf('ON_CALL')).toBeLessThan(states.indexOf('WRAP_UP'));
    // Ringing comes between available and on the call (dialing rings the agent, then the lead).
    expect(states.slice(states.indexOf('AVAILABLE'), states.indexOf('ON_CALL'))).toContain('RINGING');
    expect(states.at(-1)).toBe('AVAILABLE');

    // The wrapped-up call counts: on the agent's row, the leaderboard and the team's numbers.
    await expect.poll(() => row(boss.page).locator('td').nth(4).textContent(), { timeout: 10_000 }).toBe('1');
    const board = boss.page.getByRole('region', { name: 'Leaderboard' });
    await expect.poll(() => board.locator('tr[data-rank="1"]').textContent(), { timeout: 20_000 }).toContain(telecaller.name);
    await expect(boss.page.locator('[data-kpi="connectRate"] [data-value]').textContent()).resolves.not.toBe('—');

    // The board came from patches: it subscribed to floorChanged (not the whole-view teamUpdated),
    // got one whole view, then patches of the rows that changed.
    expect(frames.sent.some((f) => f.includes('floorChanged'))).toBe(true);
    expect(frames.sent.some((f) => f.includes('teamUpdated'))).toBe(false);
    const patches = frames.received
      .filter((f) => f.includes('"floorChanged"'))
      .map((f) => JSON.parse(f).payload.data.floorChanged as { full: boolean; agents: unknown[] });
    expect(patches[0]?.full).toBe(true);
    expect(patches.filter((p) => !p.full).length).toBeGreaterThan(3);

    await agent.context.close();
    await boss.context.close();
  }, 120_000);

  it('raises an idle alert within seconds, and the manager acknowledges it', async () => {
    const boss = await newPage(h, WIDE);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/command-center`);
    // The telecaller has been available since the wrap-up: past the 6 s limit the alert arrives by itself.
    const alerts = boss.page.getByRole('region', { name: 'Alerts' });
    const idle = alerts.locator('li[data-alert="IDLE_TOO_LONG"]').filter({ hasText: telecaller.name });
    await idle.waitFor({ timeout: 20_000 });
    await expect(idle.textContent()).resolves.toContain('has been available without a call for');
    await shot(boss.page, 'command-center-alert');
    await idle.getByRole('button', { name: 'Acknowledge' }).click();
    await idle.waitFor({ state: 'detached' });
    const asManager = await apiClientAs(h, manager);
    const open = await asManager<{ items: { kind: string; agentId: string }[] }>('GET', '/alerts');
    expect(open.body.items.filter((a) => a.agentId === telecaller.id && a.kind === 'idle_too_long')).toEqual([]);

    // In Hindi the board, the states and the alerts read in Hindi; the live data stays as it is.
    await boss.page.getByRole('button', { name: 'हिन्दी' }).click();
    await boss.page.getByRole('heading', { level: 1, name: 'कमांड सेंटर' }).waitFor();
    await expect(row(boss.page).getByText('उपलब्ध').count()).resolves.toBe(1);
    await shot(boss.page, 'command-center-hi');
    await boss.page.getByRole('button', { name: 'English' }).click();
    await boss.context.close();
  }, 60_000);

  it('says when the connection drops, and comes back to the board as it is now', async () => {
    const relay = await startRelay(h.server.url);
    const boss = await newPage(h, WIDE);
    try {
      await boss.page.goto(`${relay.url}/sign-in`);
      await boss.page.getByLabel('Email').fill(manager);
      await boss.page.getByLabel('Password').fill(h.server.accounts.password);
      await boss.page.getByRole('button', { name: 'Sign in' }).click();
      await boss.page.waitForURL('**/command-center');
      await boss.page.goto(`${relay.url}/command-center`);
      await boss.page.locator('[data-live="live"]').waitFor();
      await expect.poll(() => stateOf(boss.page), { timeout: 10_000 }).toBe('AVAILABLE');

      relay.cut();
      await boss.page.locator('[data-live="reconnecting"]').waitFor();
      // While the manager is cut off, the telecaller goes on a break (straight to the server).
      const asAgent = await apiClientAs(h, telecaller.email);
      expect((await asAgent('PUT', '/presence/me', { state: 'break', reason: 'Lunch' })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await stateOf(boss.page)).toBe('AVAILABLE');
      await shot(boss.page, 'command-center-reconnecting');

      relay.restore();
      await boss.page.locator('[data-live="live"]').waitFor({ timeout: 20_000 });
      await expect.poll(() => stateOf(boss.page), { timeout: 10_000 }).toBe('BREAK');
      await row(boss.page).getByText('Break: Lunch').waitFor();
      // Live again, not a one-off reload: the next change arrives by itself.
      expect((await asAgent('PUT', '/presence/me', { state: 'available' })).status).toBe(200);
      await expect.poll(() => stateOf(boss.page), { timeout: 10_000 }).toBe('AVAILABLE');
    } finally {
      await boss.context.close();
      await relay.close();
    }
  }, 90_000);

  it('a lead calls back: the owner’s workspace rings with them, she accepts by keyboard, and the manager watches the queue', async () => {
    const asManager = await apiClientAs(h, manager);
    const made = await asManager<{ id: string; phone: string; name: string }>('POST', '/leads', {
      name: 'Rekha Calls Back',
      phone: '+919812345670',
      ownerId: telecaller.id,
    });
    expect(made.status).toBe(201);
    const boss = await newPage(h, WIDE);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/command-center`);
    const inbound = boss.page.getByRole('region', { name: 'Inbound' });
    await inbound.getByText('Nobody is waiting.').waitFor();

    const agent = await newPage(h, WIDE);
    await signIn(h, agent.page, telecaller.email);
    await agent.page.goto(`${h.server.url}/workspace`);
    const asAgent = await apiClientAs(h, telecaller.email);
    expect((await asAgent('PUT', '/presence/me', { state: 'available' })).status).toBe(200);
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('AVAILABLE');

    // The lead rings our number (the simulator places the call, as a carrier would hand it over).
    const rang = await asManager<{ callId: string; action: string }>('POST', '/inbound/simulate', { from: '098123 45670' });
    expect(rang.body.action).toBe('queue');
    const offer = agent.page.getByRole('region', { name: 'Incoming call' });
    await offer.waitFor({ timeout: 20_000 });
    await expect(offer.textContent()).resolves.toContain('Rekha Calls Back');
    await expect(offer.textContent()).resolves.toContain('Your lead');
    // Her own lead: the card beside the offer is theirs already.
    await agent.page.getByRole('heading', { name: 'Rekha Calls Back' }).first().waitFor();
    await inbound.locator('[data-inbound-caller="OFFERED"]').getByText(`Ringing for ${telecaller.name}`).waitFor({ timeout: 20_000 });
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('RINGING');
    await shot(agent.page, 'workspace-inbound');
    await shot(boss.page, 'command-center-inbound');

    await agent.page.keyboard.press('a');
    await offer.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('ON_CALL');
    await agent.page.getByRole('button', { name: /Hang up/ }).waitFor();
    await inbound.getByText('Nobody is waiting.').waitFor({ timeout: 20_000 });
    await inbound.getByText(/1 caller today: 1 answered/).waitFor({ timeout: 20_000 });
    // By hour: this hour's caller, answered within the target.
    await inbound.getByText('By hour today').click();
    await expect(inbound.locator('tr[data-inbound-hour]').last().textContent()).resolves.toMatch(/1100%0$/);
    const calls = await asManager<{ items: { id: string; direction: string; agentId: string | null }[] }>('GET', `/calls?leadId=${made.body.id}`);
    expect(calls.body.items[0]).toMatchObject({ id: rang.body.callId, direction: 'inbound', agentId: telecaller.id });

    // Wrapped up like any call; then, at phone width, the next caller rings and she declines it.
    await agent.page.locator('h1').click();
    await agent.page.keyboard.press('h');
    await agent.page.getByRole('form', { name: 'Wrap up' }).waitFor();
    await agent.page.keyboard.press('1');
    await agent.page.keyboard.press('Enter');
    await expect.poll(() => stateOf(boss.page), { timeout: 20_000 }).toBe('AVAILABLE');
    await agent.page.setViewportSize({ width: 390, height: 844 });
    const second = await asManager<{ callId: string; action: string }>('POST', '/inbound/simulate', { from: '+919812300777' });
    await offer.waitFor({ timeout: 20_000 });
    await expect(offer.textContent()).resolves.toContain('New caller');
    const width = await agent.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(agent.page, 'workspace-inbound-phone');
    await offer.getByRole('button', { name: /Decline/ }).click();
    await offer.waitFor({ state: 'detached', timeout: 20_000 });
    // Nobody else is free: the caller waits in the queue, on the manager's panel.
    await inbound.locator('[data-inbound-caller="WAITING"]').waitFor({ timeout: 20_000 });
    // The caller gives up: the queue empties, and no caller is left to ring the agents the next tests set free.
    const gone = await (await apiClientAs(h, h.server.accounts.admin))('POST', `/calls/${second.body.callId}/hangup`);
    expect(gone.status, JSON.stringify(gone.body)).toBe(200);
    await inbound.getByText('Nobody is waiting.').waitFor({ timeout: 20_000 });
    await agent.context.close();
    await boss.context.close();
  }, 120_000);

  it('a manager sets when the team answers: a bad span is named, the saved hours apply at once', async () => {
    const boss = await newPage(h, WIDE);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/settings/inbound-hours`);
    const form = boss.page.locator('form[data-team-hours]').first();
    await form.waitFor();
    await form.getByText('Open now').waitFor();
    await form.getByLabel('Answer at any hour').uncheck();
    await form.getByLabel('Monday').fill('18:00-09:00');
    await form.getByText('A span ends after it starts, within the day.').waitFor();
    // Closed every day but one early-morning hour: closed now, whatever the time of the run.
    const now = new Date(Date.now() + 5.5 * 3_600_000);
    const hour = (now.getUTCHours() + 12) % 24;
    const span = `${String(hour).padStart(2, '0')}:00-${String(hour).padStart(2, '0')}:30`;
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) await form.getByLabel(day).fill(span);
    await form.getByLabel('Holidays').fill('2026-12-25, 2027-01-26');
    await form.getByRole('button', { name: 'Save hours' }).click();
    await boss.page.locator('form[data-team-hours]').first().getByText('Closed now').waitFor({ timeout: 10_000 });
    await shot(boss.page, 'settings-inbound-hours', true);
    // Back to any hour, as the other tests expect.
    const again = boss.page.locator('form[data-team-hours]').first();
    await again.getByLabel('Answer at any hour').check();
    await again.getByRole('button', { name: 'Save hours' }).click();
    await boss.page.locator('form[data-team-hours]').first().getByText('Open now').waitFor({ timeout: 10_000 });
    await boss.context.close();
  }, 60_000);
  it('cuts the floor by state and team, sorts and groups it through the address, and puts it on the wall', async () => {
    const admin = h.server.accounts.admin;
    const asAdmin = await apiClientAs(h, admin);
    // One name without a space, the longest the floor will see, in the manager's team: it must not push the figures away.
    const LONG = 'Annapurnavenkatalakshminarasimhaswamyraghunathan';
    const made = await asAdmin<User>('POST', '/users', {
      email: 'annapurna@e2e.example',
      name: LONG,
      role: 'telecaller',
      password: h.server.accounts.password,
      teamId: telecaller.teamId,
    });
    expect(made.status).toBe(201);
    expect((await (await apiClientAs(h, 'annapurna@e2e.example'))('PUT', '/presence/me', { state: 'break', reason: 'Lunch' })).status).toBe(200);
    // Two agents of each team available, whatever the earlier tests left.
    const all = h.server.accounts.telecallers.filter((e) => e !== telecaller.email);
    const others = [...all.slice(0, 2), ...all.slice(-2)];
    for (const email of others) expect((await (await apiClientAs(h, email))('PUT', '/presence/me', { state: 'available' })).status).toBe(200);

    const boss = await newPage(h, DESKTOP);
    await signIn(h, boss.page, admin);
    await boss.page.goto(`${h.server.url}/command-center`);
    // The agents' panel, in either language.
    const board = boss.page.locator('section:has([data-board-controls])');
    const long = board.locator(`tr[data-agent="${LONG}"]`);
    await long.waitFor();
    const rows = board.locator('tr[data-agent]');
    const everyone = await rows.count();
    expect(everyone).toBeGreaterThanOrEqual(13);
    await board.getByText(`Showing ${everyone} of ${everyone} agents`).waitFor();

    // At 1366 px the long name is cut, whole on hover, and every column of the board and the leaderboard is in view.
    await expect(long.locator('[data-agent-name]').getAttribute('title')).resolves.toBe(LONG);
    const inside = async (region: string) =>
      boss.page.getByRole('region', { name: region }).evaluate((panel) => {
        const box = panel.getBoundingClientRect();
        return Array.from(panel.querySelectorAll('th'))
          .filter((th) => th.getBoundingClientRect().right > box.right + 1)
          .map((th) => th.textContent);
      });
    expect(await inside('Agents')).toEqual([]);
    const table = board.locator('table');
    await expect(table.evaluate((t) => (t.parentElement?.scrollWidth ?? 0) <= (t.parentElement?.clientWidth ?? 0))).resolves.toBe(true);
    await boss.page.getByRole('region', { name: 'Leaderboard' }).locator('tr[data-rank]').first().waitFor();
    expect(await inside('Leaderboard')).toEqual([]);
    // Every KPI says which period it covers, on screen; today's hours are drawn for calls, connects and talk.
    await expect(boss.page.locator('[data-kpi] [data-period]').allTextContents()).resolves.toEqual(['Today', 'Today', 'Today', 'Today', 'Today']);
    await expect(boss.page.locator('[data-hourly-measure]').count()).resolves.toBe(3);
    await expect(boss.page.locator('[data-hourly-measure="calls"] svg[role="img"]').getAttribute('aria-label')).resolves.toMatch(/^Calls per hour today/);

    // Only the available agents, in the address.
    await board.getByLabel('State', { exact: true }).click();
    await boss.page.getByRole('option', { name: /^Available/ }).click();
    await expect.poll(() => new URL(boss.page.url()).searchParams.get('state')).toBe('AVAILABLE');
    const statesShown = () => rows.evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-state')))]);
    await expect.poll(statesShown).toEqual(['AVAILABLE']);
    const available = await rows.count();
    expect(available).toBeGreaterThanOrEqual(4);
    await board.getByText(`Showing ${available} of ${everyone} agents`).waitFor();

    // Grouped by team, most calls first: a count per group, adding up to the rows.
    await board.getByLabel('Group by').click();
    await boss.page.getByRole('option', { name: 'Team' }).click();
    await board.getByLabel('Sort by').click();
    await boss.page.getByRole('option', { name: 'Calls today' }).click();
    await expect.poll(() => boss.page.url()).toMatch(/group=team/);
    expect(new URL(boss.page.url()).searchParams.get('sort')).toBe('calls');
    await expect.poll(() => board.locator('[data-group-count]').count()).toBe(2);
    const counts = (await board.locator('[data-group-count]').allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(available);
    const calls = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.querySelectorAll('td')[4]?.textContent)));
    const northCalls = calls.slice(0, counts[0]);
    expect(northCalls).toEqual([...northCalls].sort((a, b) => b - a));

    // A bookmarked view comes back as it was.
    const bookmarked = boss.page.url();
    await boss.page.goto(bookmarked);
    await rows.first().waitFor();
    await expect(rows.count()).resolves.toBe(available);
    await expect(board.getByLabel('Group by').textContent()).resolves.toBe('Team');

    // A team and a state nobody matches: said so, and cleared in one click.
    await board.getByLabel('State', { exact: true }).click();
    await boss.page.getByRole('option', { name: /^Ringing/ }).click();
    await board.getByText('No agent matches these filters').waitFor();
    await board.getByRole('button', { name: 'Clear filters' }).first().click();
    await expect.poll(() => rows.count()).toBe(everyone);
    await board.getByLabel('Group by').click();
    await boss.page.getByRole('option', { name: 'State' }).click();
    await board.locator('tbody[data-group="BREAK"]').getByText(LONG).waitFor();
    await boss.page.evaluate(() => window.scrollTo(0, 0));
    await tallShot(boss.page, 'command-center-board', 1900);

    // Compact rows, remembered on this device.
    await boss.page.getByRole('button', { name: 'Compact rows' }).click();
    await expect(table.getAttribute('data-density')).resolves.toBe('compact');
    await expect(boss.page.evaluate(() => localStorage.getItem('telehub.commandCenter.display'))).resolves.toContain('compact');

    // The wall screen: no navigation, larger type, a visible way out; Esc leaves it.
    await boss.page.getByRole('button', { name: 'Wall screen' }).click();
    const wall = boss.page.locator('[data-wall]');
    await wall.waitFor();
    // The navigation is covered and out of reach (inert) while the wall is up.
    const navCovered = boss.page.getByRole('navigation', { name: 'Main' }).evaluate((nav) => {
      const r = nav.getBoundingClientRect();
      return document.elementFromPoint(r.left + r.width / 2, r.top + 20)?.closest('[data-wall]') !== null;
    });
    await expect(navCovered).resolves.toBe(true);
    await expect(boss.page.evaluate(() => document.getElementById('root')?.inert)).resolves.toBe(true);
    await wall.getByRole('button', { name: /Exit wall screen/ }).waitFor();
    await expect(
      wall
        .locator('[data-kpi] [data-value]')
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    ).resolves.toBeGreaterThan(24);
    await shot(boss.page, 'command-center-wall');
    await boss.page.keyboard.press('Escape');
    await wall.waitFor({ state: 'detached' });
    await expect.poll(() => boss.page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    // Remembered: the wall comes back after a reload, and its button leaves it.
    await boss.page.getByRole('button', { name: 'Wall screen' }).click();
    await boss.page.reload();
    await wall.waitFor();
    await wall.getByRole('button', { name: /Exit wall screen/ }).click();
    await wall.waitFor({ state: 'detached' });
    await boss.page.getByRole('button', { name: 'Compact rows' }).click();

    // In Hindi, at 1366 px and on a phone: nothing cut off, nothing wider than the screen.
    await boss.page.getByRole('button', { name: 'हिन्दी' }).click();
    await boss.page.getByRole('heading', { level: 1, name: 'कमांड सेंटर' }).waitFor();
    await board.getByText(`${everyone} में से ${everyone} एजेंट दिख रहे हैं`).waitFor();
    expect(await inside('लीडरबोर्ड')).toEqual([]);
    await boss.page.evaluate(() => window.scrollTo(0, 0));
    await tallShot(boss.page, 'command-center-board-hi', 1900);
    await boss.page.setViewportSize(PHONE);
    await board.locator(`li[data-agent-card="${LONG}"]`).waitFor();
    const phoneWidth = () => boss.page.evaluate(() => document.documentElement.scrollWidth);
    await expect(phoneWidth()).resolves.toBeLessThanOrEqual(PHONE.width);
    await board.locator(`li[data-agent-card="${LONG}"]`).scrollIntoViewIfNeeded();
    await shot(boss.page, 'command-center-phone-hi');
    // The language switch sits in the wide header; back there for it, then on the phone again.
    await boss.page.setViewportSize(DESKTOP);
    await boss.page.getByRole('button', { name: 'English' }).click();
    await boss.page.setViewportSize(PHONE);
    await board.locator('[data-board-controls]').scrollIntoViewIfNeeded();
    await expect(phoneWidth()).resolves.toBeLessThanOrEqual(PHONE.width);
    await shot(boss.page, 'command-center-phone');
    await boss.context.close();
  }, 120_000);

  it('“My team” shows the manager the same live rows as the board, and counts what it shows', async () => {
    const boss = await newPage(h, DESKTOP);
    await signIn(h, boss.page, manager);
    await boss.page.goto(`${h.server.url}/command-center`);
    const onBoard = boss.page.getByRole('region', { name: 'Agents' }).locator('tr[data-agent]');
    await onBoard.first().waitFor();
    const boardNames = (await onBoard.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-agent')))).sort();

    await boss.page.goto(`${h.server.url}/team`);
    const members = boss.page.getByRole('region', { name: 'Members' }).locator('tr[data-agent]');
    await members.first().waitFor();
    const teamNames = (await members.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-agent')))).sort();
    expect(teamNames).toEqual(boardNames);
    await expect(boss.page.locator('[data-member-count]').textContent()).resolves.toBe(`${teamNames.length} members`);
    const perTeam = await boss.page.locator('[data-team-count]').evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-team-count'))));
    expect(perTeam.reduce((a, b) => a + b, 0)).toBe(teamNames.length);

    // Live: the telecaller goes on a break and the row follows, without a reload.
    const asAgent = await apiClientAs(h, telecaller.email);
    expect((await asAgent('PUT', '/presence/me', { state: 'break', reason: 'Tea' })).status).toBe(200);
    await expect.poll(() => boss.page.locator(`tr[data-agent="${telecaller.name}"]`).getAttribute('data-state'), { timeout: 10_000 }).toBe('BREAK');
    await shot(boss.page, 'command-center-my-team');
    await boss.page.setViewportSize(PHONE);
    await boss.page.locator(`li[data-agent-card="${telecaller.name}"]`).waitFor();
    await expect(boss.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(PHONE.width);
    await shot(boss.page, 'command-center-my-team-phone');
    await boss.context.close();
  }, 60_000);
});
