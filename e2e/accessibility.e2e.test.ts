/**
 * Every page of TeleHub, as each role sees it, in English and in Hindi, checked by axe-core for
 * WCAG 2.1 A/AA problems: none serious or critical is allowed. One browser and one server for all.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, axeProblems, DESKTOP, type Harness, newPage, PHONE, signIn, startHarness } from './harness.js';

let h: Harness;
let ids: {
  lead: string;
  call: string | null;
  campaign: string | null;
  article: string | null;
  scorecard: string | null;
  telecallerLead: string;
  managerLead: string;
};

beforeAll(async () => {
  h = await startHarness({ leads: 60 });
  const get = await apiAs(h, h.server.accounts.admin);
  const leads = await get<{ items: { id: string }[] }>('/leads?pageSize=1');
  const calls = await get<{ items: { id: string }[] }>('/calls?pageSize=1');
  const campaigns = await get<{ items: { id: string }[] }>('/campaigns');
  const articles = await get<{ items: { id: string }[] }>('/knowledge/articles').catch(() => ({ items: [] }));
  const scorecards = await get<{ items: { id: string }[] }>('/qa/scorecards').catch(() => ({ items: [] }));
  const firstLeadOf = async (email: string) => (await (await apiAs(h, email))<{ items: { id: string }[] }>('/leads?pageSize=1')).items[0]?.id ?? '';
  ids = {
    telecallerLead: await firstLeadOf(h.server.accounts.telecallers[0] ?? ''),
    managerLead: await firstLeadOf(h.server.accounts.managers[0] ?? ''),
    lead: leads.items[0]?.id ?? '',
    call: calls.items[0]?.id ?? null,
    campaign: campaigns.items[0]?.id ?? null,
    article: articles.items[0]?.id ?? null,
    scorecard: scorecards.items[0]?.id ?? null,
  };
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/**
 * The pages of a role, by path; each is opened in both languages. A page every role opens is
 * scanned as the admin (who sees the most on it); the others scan what only they see, or see
 * differently (a telecaller's own reports and coaching, a manager's team).
 */
function pagesOf(role: 'telecaller' | 'manager' | 'admin'): string[] {
  if (role === 'telecaller') return ['/workspace', '/reports', '/coaching', `/leads/${ids.telecallerLead}`];
  if (role === 'manager') return ['/command-center', '/team', '/coaching/review', '/reports', '/settings/assignment'];
  return [
    '/setup',
    '/command-center',
    '/leads',
    `/leads/${ids.lead}`,
    '/leads/import',
    '/leads/duplicates',
    '/calls',
    ...(ids.call ? [`/calls/${ids.call}`] : []),
    '/reports',
    '/coaching',
    '/coaching/review',
    '/team',
    '/campaigns',
    ...(ids.campaign ? [`/campaigns/${ids.campaign}`, `/campaigns/${ids.campaign}/edit`] : []),
    '/campaigns/new',
    '/campaigns/dispositions',
    '/settings/users',
    '/settings/teams',
    '/settings/assignment',
    '/settings/inbound-hours',
    '/settings/compliance/dnd',
    '/settings/sources',
    '/settings/lead-fields',
    '/settings/rules',
    '/settings/knowledge',
    '/settings/knowledge/new',
    '/settings/knowledge/import',
    ...(ids.article ? [`/settings/knowledge/${ids.article}`] : []),
    '/settings/battlecards',
    '/settings/scorecards',
    ...(ids.scorecard ? [`/settings/scorecards/${ids.scorecard}`] : []),
    '/settings/audit',
  ];
}

async function setLanguage(page: Page, lng: 'en' | 'hi') {
  await page.evaluate((l) => localStorage.setItem('telehub.lang', l), lng);
}

/** Opens each page in each language and collects what axe finds, page by page. */
async function scan(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const lng of ['en', 'hi'] as const) {
    await setLanguage(page, lng);
    for (const p of paths) {
      // A page that has not drawn in 30 s (a busy machine) is opened once more before it counts as broken.
      let shown = false;
      for (let attempt = 0; attempt < 2 && !shown; attempt++) {
        await page.goto(`${h.server.url}${p}`);
        shown = await page
          .locator('main')
          .first()
          .waitFor({ timeout: 30_000 })
          .then(() => true)
          .catch(() => false);
      }
      if (!shown) {
        found.push(`${lng} ${p}: the page did not render`);
        continue;
      }
      for (const v of await axeProblems(page)) found.push(`${lng} ${p}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(' | ')}`);
    }
  }
  return found;
}

describe('accessibility (axe-core, WCAG 2.1 A/AA): no serious or critical problem on any page', () => {
  for (const role of ['telecaller', 'manager', 'admin'] as const) {
    it(`as a ${role}, in English and Hindi`, async () => {
      const { context, page } = await newPage(h, DESKTOP);
      const email =
        role === 'admin' ? h.server.accounts.admin : role === 'manager' ? (h.server.accounts.managers[0] ?? '') : (h.server.accounts.telecallers[0] ?? '');
      await signIn(h, page, email);
      const problems = await scan(page, pagesOf(role));
      await context.close();
      expect(problems, problems.join('\n')).toEqual([]);
    }, 300_000);
  }

  it('on a phone, the pages a telecaller and a manager use most', async () => {
    const { context, page } = await newPage(h, PHONE);
    await signIn(h, page, h.server.accounts.managers[0] ?? '');
    const problems = await scan(page, ['/command-center', '/leads', `/leads/${ids.managerLead}`, '/reports']);
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  }, 300_000);
});
