/**
 * A manager's reports on the demo organisation's past weeks: each report opens with its chart and
 * table, a funnel stage opens its leads, the campaigns report is downloaded as Excel and the
 * funnel as PDF (both opened: the workbook read back, the PDF's text read and its pages drawn),
 * and the report is scheduled by email and arrives, through a real SMTP server, as PDF and Excel;
 * the compliance and sources reports show the demo's refusals, consent and intake.
 * Build the web app first: `npm run build -w apps/web`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../apps/server/src/test/smtp.js';
import { DESKTOP, type Harness, newPage, PHONE, SHOTS, shot, signIn, startHarness } from './harness.js';

let h: Harness;
let smtp: TestSmtp | undefined;
const work = mkdtempSync(path.join(os.tmpdir(), 'telehub-reports-e2e-'));

/** Starts a download from the export bar and waits for the file (labels in English or Hindi). */
async function download(page: Page, format: 'Excel' | 'PDF', lang: 'en' | 'hi' = 'en'): Promise<string> {
  await page.getByRole('button', { name: lang === 'hi' ? `${format} में डाउनलोड करें` : `Download as ${format}` }).click();
  const ready = page.getByRole('button', { name: lang === 'hi' ? `${format} डाउनलोड करें` : `Download ${format}` });
  await ready.waitFor({ timeout: 30_000 });
  const [file] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  const target = path.join(work, (file as Download).suggestedFilename());
  await (file as Download).saveAs(target);
  return target;
}

describe('reports', () => {
  beforeAll(async () => {
    smtp = await startTestSmtp();
    h = await startHarness({ env: { SMTP_URL: smtp.url } });
    // What the rollups' walk would count within seconds of start, counted now.
    await h.server.services.reportMaintenance.fill(1000);
  });

  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it('opens each report, drills from a funnel stage to its leads, and downloads Excel and PDF that open', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/reports**');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const tabs = page.getByRole('tablist', { name: 'Reports' });
    for (const name of ['Funnel', 'Campaigns', 'Telecallers', 'When to call']) await tabs.getByRole('tab', { name }).waitFor();

    // The funnel over the demo's four months (a shared link carries the period): a stage opens its leads.
    const day = (daysAgo: number) => new Date(Date.now() + 5.5 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${h.server.url}/reports?tab=funnel&period=custom&from=${day(130)}&to=${day(0)}`);
    const stage = page.getByRole('button', { name: /^Interested: \d+ leads?.*Show these leads\.$/ });
    await stage.first().waitFor();
    const count = Number((await stage.first().getAttribute('aria-label'))?.match(/^Interested: (\d+)/)?.[1]);
    expect(count).toBeGreaterThan(0);
    await shot(page, 'reports-funnel');
    await stage.first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: /Interested/ }).waitFor();
    const links = dialog.getByRole('link');
    await links.first().waitFor();
    expect(await links.count()).toBe(Math.min(count, 50));
    await page.keyboard.press('Escape');

    // Each other report shows its chart and its table.
    await tabs.getByRole('tab', { name: 'Campaigns' }).click();
    await page
      .getByRole('table', { name: /Campaigns/ })
      .getByRole('row', { name: /Second Chance enrolment 2026/ })
      .waitFor();
    await shot(page, 'reports-campaigns');
    await tabs.getByRole('tab', { name: 'Telecallers' }).click();
    await page.getByRole('table').filter({ hasText: 'Median' }).first().waitFor();
    await shot(page, 'reports-telecallers');
    await tabs.getByRole('tab', { name: 'When to call' }).click();
    await page
      .getByRole('button', { name: /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday) 1\d:00: \d+% of \d+ dials?/ })
      .first()
      .waitFor();
    await shot(page, 'reports-hours');

    // Excel: the campaigns report with its calls, read back.
    await tabs.getByRole('tab', { name: 'Campaigns' }).click();
    const xlsx = await download(page, 'Excel');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Campaign performance', 'By day', 'Calls']));
    expect(book.getWorksheet('Calls')?.actualRowCount ?? 0).toBeGreaterThan(3);

    // PDF, in Hindi: the funnel, its words read out of the file and its pages drawn.
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.getByRole('tab', { name: 'फ़नल' }).click();
    await page
      .getByRole('button', { name: /^रुचि है/ })
      .first()
      .waitFor();
    await shot(page, 'reports-hindi');
    const pdf = await download(page, 'PDF', 'hi');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('कन्वर्ज़न फ़नल');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', pdf, path.join(work, 'page')]);
    const pages = readdirSync(work).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThan(0);
    for (const p of pages.sort()) renameSync(path.join(work, p), path.join(SHOTS, `reports-pdf-${p.replace(/^page-?0*/, '')}`));
    await context.close();
  }, 120_000);

  it('schedules the report by email, and it arrives as PDF and Excel', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    await page.goto(`${h.server.url}/reports?tab=campaigns`);
    await page.getByRole('button', { name: 'Email on a schedule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Email this report' }).waitFor();
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.getByText(/^Scheduled\. The first email goes on/).waitFor();
    await shot(page, 'reports-schedule');
    await context.close();
    // Due now: what the minute's schedule would send.
    await h.server.db.execute(sql`update report_subscriptions set next_run_at = now() - interval '1 minute'`);
    expect(await h.server.services.reportSchedules.sendDue()).toBe(1);
    expect(smtp?.received).toHaveLength(1);
    expect(smtp?.received[0]?.subject).toMatch(/^TeleHub: Campaign performance, /);
    expect(smtp?.received[0]?.attachments.map((a) => a.contentType)).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('shows compliance and sources on the demo weeks: refusals by rule, abandons against the cap, consent withdrawn and its leads, intake by source', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    const day = (daysAgo: number) => new Date(Date.now() + 5.5 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${h.server.url}/reports?tab=compliance&period=custom&from=${day(30)}&to=${day(0)}`);
    const refused = page.locator('[data-figure="refusals-total"]');
    await refused.waitFor();
    expect(Number((await refused.innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    await page
      .getByRole('table', { name: 'Abandoned calls against the cap' })
      .getByRole('row', { name: /Second Chance enrolment 2026/ })
      .waitFor();
    const withdrawn = page.getByRole('button', { name: /^Show the leads who withdrew consent: \d+$/ });
    await withdrawn.waitFor();
    await shot(page, 'reports-compliance');
    await withdrawn.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Consent withdrawn: the leads' }).waitFor();
    await dialog.getByRole('link').first().waitFor();
    await page.keyboard.press('Escape');

    // The compliance report as PDF: its first page drawn.
    const pdf = await download(page, 'PDF');
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Dials refused by each rule');
    expect(text).toContain('DND registry');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SHOTS, 'reports-compliance-pdf')]);

    // Sources: the demo's five sources, with the organisation's intake note.
    await page.getByRole('tablist', { name: 'Reports' }).getByRole('tab', { name: 'Sources' }).click();
    for (const source of ['website', 'laravel', 'fair-2026']) await page.locator(`tr[data-source="${source}"]`).waitFor();
    expect(await page.locator('[data-note="intake"]').getAttribute('data-intake')).toBe('shown');
    await shot(page, 'reports-sources');
    await context.close();
  }, 120_000);

  it('fits a phone', async () => {
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    await page.goto(`${h.server.url}/reports?tab=hours`);
    await page
      .getByRole('button', { name: /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday) 1\d:00: / })
      .first()
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'reports-phone');
    await page.goto(`${h.server.url}/reports?tab=compliance`);
    await page.locator('[data-figure="refusals-total"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'reports-compliance-phone');
    await context.close();
  });
});
