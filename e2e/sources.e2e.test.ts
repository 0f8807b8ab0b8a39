/**
 * Getting leads in and keeping them clean, through the web app against a real server: a messy
 * spreadsheet import with its reject report, the DND registry, merging and un-merging a
 * duplicate, assignment rules with a bulk assignment, and the data sources page. The tests run
 * in order and build on each other. Build the web app first: `npm run build -w apps/web`.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, DESKTOP, type Harness, leadsTable, newPage, PHONE, shot, signIn, startHarness, tallShot } from './harness.js';

// BOM, CRLF, a quoted comma, a Hindi header, a phone repeated inside the file (row 3 = row 1),
// an invalid number (row 4), and a second "Kavya Reddy" in Hyderabad under another number.
const MESSY = [
  '\uFEFFनाम,Mobile No.,Email ID,City,Course,Status',
  'Kavya Reddy,78450 12345,kavya.r@example.org,Hyderabad,"B.Sc, Nursing",interested',
  '"Iyer, Ramesh",+91-70030-11223,,Chennai,,',
  'Kavya R.,+917845012345,,Secunderabad,,',
  'Test Invalid,12345,,,,',
  'Anil Kapoor,80030 99887,,Pune,MBA,',
  'Kavya Reddy,6300 112 233,,Hyderabad,,',
].join('\r\n');
const MESSY_PHONES = ['7845012345', '7003011223', '8003099887', '6300112233'];

/** Enough rows that the progress bar is on screen for a few seconds. */
const BIG_ROWS = 60_000;
function bigCsv(rows: number): string {
  const lines = ['Student Name,Phone,City'];
  for (let i = 0; i < rows; i++) lines.push(`Student ${i + 1},+91 61${String(i).padStart(8, '0')},Nagpur`);
  return lines.join('\r\n');
}

const DND_LIST = 'Phone,Preference\r\n+91 78450 12345,3\r\n+91 90000 00001,"1,2"\r\n+91 90000 00002,0\r\nnot-a-number,0\r\n';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const count = (page: Page, key: 'created' | 'merged' | 'rejected') => page.locator(`[data-count=${key}]`).textContent();
const settingsTab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name });

describe('getting leads in and keeping them clean', () => {
  it('an admin imports a messy CSV, watches it run, and downloads the rejected rows', async () => {
    const api = await apiAs(h, h.server.accounts.admin);
    // The counts below assume the file's numbers are new to the demo data.
    for (const digits of MESSY_PHONES) await expect(api<{ total: number }>(`/leads?q=${digits}`)).resolves.toMatchObject({ total: 0 });

    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.waitForURL('**/leads/import');
    await page.getByRole('heading', { name: 'Import leads' }).waitFor();
    await page.locator('input[type=file]').setInputFiles(csvFile('admissions-2026.csv', MESSY));

    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Full name' }).textContent()).resolves.toBe('नाम');
    await expect(page.getByRole('combobox', { name: /^Phone/ }).textContent()).resolves.toBe('Mobile No.');
    await expect(page.getByRole('combobox', { name: 'City' }).textContent()).resolves.toBe('City');
    await expect(page.getByRole('list', { name: 'Kept as other information' }).textContent()).resolves.toBe('Course');
    const preview = page.getByRole('table', { name: 'First rows of the file' });
    await preview.getByRole('cell', { name: 'Iyer, Ramesh' }).waitFor();
    await preview.getByRole('cell', { name: 'B.Sc, Nursing' }).waitFor();
    await tallShot(page, 'import-mapping', 1450);

    // A source name the server would refuse is explained before anything is sent.
    const source = page.getByLabel(/^Source name/);
    await source.fill('admissions fair');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.getByText('Use only letters, digits, dot, dash or underscore (up to 60).').waitFor();
    await source.fill('admissions-fair');
    await page.getByRole('button', { name: 'Start import' }).click();

    await page.waitForURL((u) => u.searchParams.has('id'));
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 60_000 });
    expect([await count(page, 'created'), await count(page, 'merged'), await count(page, 'rejected')]).toEqual(['4', '1', '1']);
    await page.getByText('Rows whose phone and email were not in TeleHub yet.').waitFor();
    const rejects = page.getByRole('table', { name: 'Rejected rows' });
    await expect(rejects.locator('tbody tr').allTextContents()).resolves.toEqual(['4“12345” is too short to be a phone number.']);
    await shot(page, 'import-result');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download rejected rows (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('admissions-2026-rejected-rows.csv');
    const report = readFileSync(await download.path(), 'utf8');
    expect(report).toBe(
      '\uFEFFrow,reason,नाम,Mobile No.,Email ID,City,Course,Status\r\n4,"phone: ""12345"" is too short to be a phone number",Test Invalid,12345,,,,\r\n',
    );
    await page.getByRole('table', { name: 'Recent imports' }).getByRole('link', { name: 'Open the import of admissions-2026.csv' }).waitFor();

    // A bigger file shows the live progress: bar, phase, rows per second.
    await page.getByRole('button', { name: 'Import another file' }).click();
    await page.locator('input[type=file]').setInputFiles(csvFile('open-day-signups.csv', bigCsv(BIG_ROWS)));
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    await page.getByRole('button', { name: 'Start import' }).click();
    // While the file is read the bar moves with the rows (later, on the embedded database, the
    // merge holds this process until it ends).
    await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await page.getByText('Reading the file').waitFor();
    await page.getByText(/ rows\/s$/).waitFor();
    await shot(page, 'import-progress');
    await page.getByRole('heading', { name: 'Import finished' }).waitFor({ timeout: 110_000 });
    expect(Number((await count(page, 'created'))?.replace(/\D/g, '')) + Number((await count(page, 'merged'))?.replace(/\D/g, ''))).toBe(BIG_ROWS);

    // Past 10,000 matches the list only estimates its total, and says so.
    await page.getByRole('link', { name: 'View leads' }).click();
    await page.getByText(/^About [\d,]+ leads$/).waitFor();
    await context.close();
  }, 180_000);

  it('the DND registry takes a list, flags the lead, and checks a number', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings`);
    await settingsTab(page, 'Compliance').click();
    await page.getByRole('heading', { name: 'DND registry' }).waitFor();

    const replace = page.getByLabel('Replace the whole registry with this file');
    await replace.check();
    await page.getByRole('alert').filter({ hasText: 'Every number missing from this file will be removed from the registry' }).waitFor();
    await replace.uncheck();

    await page.locator('input[type=file]').setInputFiles(csvFile('ncpr-2026-02.csv', DND_LIST));
    await page.getByText('ncpr-2026-02.csv is in the registry.').waitFor({ timeout: 30_000 });
    expect([await count(page, 'created'), await count(page, 'merged'), await count(page, 'rejected')]).toEqual(['3', '0', '1']);
    const stats = page.getByRole('region', { name: 'DND registry in numbers' });
    await stats.getByText('3', { exact: true }).waitFor();
    await expect(stats.textContent()).resolves.toContain('Leads flagged DND1');
    await expect(stats.textContent()).resolves.toContain('3 · Education');

    await page.getByLabel('Phone number').fill('90000 00001');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText('+91 90000 00001 is on the registry.').waitFor();
    await page.getByText('Its preferences do not block our category (Education).').waitFor();
    await page.getByRole('table', { name: 'Uploaded lists' }).getByRole('button', { name: 'Download the rejected rows of ncpr-2026-02.csv' }).waitFor();
    await shot(page, 'dnd-registry');

    await page.getByRole('link', { name: 'Show these leads' }).click();
    await page.waitForURL('**/leads?dnd=true');
    // The list loads after the navigation: wait for it rather than read the empty table.
    await expect.poll(() => leadsTable(page).locator('tbody tr').allTextContents(), { timeout: 10_000 }).toEqual([expect.stringMatching(/^Kavya ReddyDND/)]);
    await context.close();
  }, 120_000);

  it('a duplicate pair is merged from the duplicates page, undone, merged again and undone from the lead', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.getByRole('link', { name: 'Duplicates' }).click();
    await page.waitForURL('**/leads/duplicates');
    const pairs = page.getByRole('table', { name: 'Possible duplicates' });
    const kavya = pairs.getByRole('row').filter({ hasText: '+91 63001 12233' });

    async function openMerge() {
      await kavya.getByRole('button', { name: 'Review Kavya Reddy and Kavya Reddy' }).click();
      const dialog = page.getByRole('dialog', { name: 'Merge two leads' });
      await dialog.getByRole('region', { name: 'Stays' }).waitFor();
      // The lead with the first number stays; switch if the other one was offered.
      if (!((await dialog.getByRole('region', { name: 'Stays' }).textContent()) ?? '').includes('+91 78450 12345')) {
        await dialog.getByRole('button', { name: 'Keep the other lead instead' }).click();
      }
      await dialog.getByText('Kept; +91 63001 12233 is saved as an alternate number').waitFor();
      return dialog;
    }

    const dialog = await openMerge();
    await expect(dialog.getByRole('region', { name: 'Merged in, then retired' }).textContent()).resolves.toContain('+91 63001 12233');
    await dialog.getByText('Same in both').first().waitFor();
    await shot(page, 'duplicates-merge-dialog');
    await dialog.getByRole('button', { name: 'Merge into Kavya Reddy' }).click();
    await dialog.waitFor({ state: 'detached' });
    const banner = page.getByRole('status').filter({ hasText: 'Kavya Reddy was merged into Kavya Reddy.' });
    await banner.waitFor();
    await kavya.waitFor({ state: 'detached' });
    await banner.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Merge undone: Kavya Reddy is a separate lead again.').waitFor();
    await kavya.waitFor();

    // Merged again, the survivor's page shows the merge, the import and the DND flag.
    await (await openMerge()).getByRole('button', { name: 'Merge into Kavya Reddy' }).click();
    await page.getByRole('link', { name: 'Open Kavya Reddy' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kavya Reddy' }).waitFor();
    await page.getByRole('note', { name: 'Do not call: on the DND registry' }).getByText('Registered: Education').waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    // The first merge, undone, stays in the history next to the second.
    await timeline.getByText('Asha Kapoor merged Kavya Reddy (+91 63001 12233) into this lead').first().waitFor();
    await timeline.getByText('Asha Kapoor merged row 3 of admissions-2026.csv into this lead').waitFor();
    await timeline.getByText('City in the file: Secunderabad (not used; the lead’s value stays)').waitFor();
    await timeline.getByText('Row 1 of admissions-2026.csv').waitFor();
    await page.getByText('Other numbers').waitFor();
    await tallShot(page, 'lead-detail-dnd-merged', 1100);

    const history = page.getByRole('region', { name: 'Merged into this lead' });
    await history.getByRole('button', { name: 'Undo the merge of Kavya Reddy' }).click();
    // Both merges now read Undone: the first one (undone earlier) already did, so wait for the second.
    await expect.poll(() => history.getByText(/^Undone/).count()).toBe(2);
    await expect.poll(() => timeline.getByText('Asha Kapoor undid the merge of Kavya Reddy; it is a separate lead again').count()).toBe(2);
    await page.getByRole('region', { name: 'Possible duplicates' }).getByRole('link', { name: 'Kavya Reddy' }).waitFor();
    await context.close();
  }, 120_000);

  it('a manager adds an assignment rule and assigns two unowned leads by it from the list', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    const manager = h.server.accounts.managers[0] ?? '';
    await signIn(h, page, manager);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/settings/assignment');
    await expect(page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link').allTextContents()).resolves.toEqual([
      'Assignment rules',
      'Inbound hours',
    ]);
    await page.getByText('Reassignment after 24 hours').waitFor();

    await page.getByRole('button', { name: 'Add rule' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add assignment rule' });
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.getByText('Enter a name.').waitFor();
    await dialog.getByText('Choose the team that takes these leads.').waitFor();
    await dialog.getByLabel('Rule name').fill('New leads to the North team');
    await dialog.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'North (Hindi belt)' }).click();
    await dialog.getByLabel('Most open leads per telecaller').fill('5000');
    await shot(page, 'assignment-rule-dialog');
    await dialog.getByRole('button', { name: 'Add rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rules = page.getByRole('table', { name: 'Assignment rules' });
    await rules.getByRole('row').filter({ hasText: 'New leads to the North team' }).getByText('North (Hindi belt)').waitFor();
    await shot(page, 'assignment-rules');

    await page.goto(`${h.server.url}/leads?owner=unassigned&q=Student`);
    const rows = leadsTable(page).locator('tbody tr');
    await rows.first().waitFor();
    const picked = await rows.evaluateAll((trs) => trs.slice(0, 2).map((tr) => tr.querySelector('a')?.getAttribute('href') ?? ''));
    for (const i of [0, 1]) await rows.nth(i).getByRole('checkbox').check();
    const bar = page.getByRole('region', { name: 'Selected leads' });
    await bar.getByText('2 selected').waitFor();
    await shot(page, 'leads-bulk-assign');
    await bar.getByRole('button', { name: 'Assign by rules' }).click();
    await page.getByText('2 leads assigned, 0 unchanged.').waitFor();
    await bar.waitFor({ state: 'detached' });

    const api = await apiAs(h, manager);
    const team = (await api<{ items: { id: string; name: string; teamId: string | null }[] }>('/users')).items;
    for (const href of picked) {
      const lead = await api<{ ownerId: string | null }>(`/leads/${href.split('/').pop()}`);
      expect(team.find((u) => u.id === lead.ownerId)?.teamId).toBeTruthy();
    }
    await context.close();
  }, 120_000);

  it('works at phone width', async () => {
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/leads/import`);
    await page.getByRole('table', { name: 'Recent imports' }).getByRole('link').first().waitFor();
    await shot(page, 'import-phone');
    await page.goto(`${h.server.url}/leads/duplicates`);
    await page.getByRole('table', { name: 'Possible duplicates' }).getByRole('row').nth(1).waitFor();
    await shot(page, 'duplicates-phone');
    await page.goto(`${h.server.url}/settings/compliance/dnd`);
    await page.getByRole('region', { name: 'DND registry in numbers' }).waitFor();
    await shot(page, 'dnd-registry-phone');
    await context.close();
  }, 120_000);
});
