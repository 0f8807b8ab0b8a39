/**
 * The knowledge base and the battlecards through the web app against a real server with the demo
 * organisation: searching across scripts, importing a Markdown file with a bad section, editing
 * an article, and writing a battlecard in Hindi. The tests run in order and build on each other.
 * Build the web app first: `npm run build -w apps/web`.
 */
import type { Battlecard, KnowledgeArticlePage } from '@telehub/shared';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, DESKTOP, type Harness, newPage, PHONE, shot, signIn, startHarness, tallShot } from './harness.js';

const IMPORT = [
  '# Library hours',
  'lang: en',
  'tags: library, timing',
  '',
  'The centre library is open **9 am to 6 pm**, Monday to Saturday.',
  '',
  '# पुस्तकालय का समय',
  '',
  'सेंटर का पुस्तकालय सोमवार से शनिवार, सुबह 9 से शाम 6 बजे तक खुला रहता है।',
  '',
  '# Canteen menu',
  'lang: fr',
  '',
  'Not a language we keep.',
].join('\n');

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const settingsTab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name });
const articles = (page: Page) => page.getByRole('table', { name: 'Articles' });
const titles = async (page: Page) => (await articles(page).locator('tbody tr td:first-child a').allTextContents()).map((s) => s.trim());

async function searchFor(page: Page, words: string, first: string) {
  const box = page.getByLabel('Search articles');
  await box.fill(words);
  await box.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('q') === words);
  await articles(page).getByRole('link', { name: first }).first().waitFor();
  await page.waitForFunction(() => !document.querySelector('table[aria-busy="true"]'));
  return titles(page);
}

describe('knowledge base and battlecards', () => {
  it('an admin finds articles across scripts and spellings', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.getByRole('link', { name: 'Settings' }).click();
    await settingsTab(page, 'Knowledge base').click();
    await page.getByRole('heading', { name: 'Knowledge base' }).waitFor();
    await articles(page).getByRole('link').first().waitFor();
    await tallShot(page, 'knowledge-list', 1100);

    // Hinglish finds the Hindi and the English hostel article, ahead of the rest.
    const hostel = await searchFor(page, 'hostel ka kharcha kitna hai', 'Hostel for girls: fees and facilities');
    expect(hostel.slice(0, 2).sort()).toEqual(['Hostel for girls: fees and facilities', 'लड़कियों का हॉस्टल: फीस और सुविधाएँ'].sort());
    await page.getByText('Ranked by relevance').waitFor();
    await shot(page, 'knowledge-search');
    // Latin spelling of a Hindi word, and a Devanagari word for an English article.
    expect((await searchFor(page, 'chhatravritti', 'छात्रवृत्ति: किसे मिलती है'))[0]).toBe('छात्रवृत्ति: किसे मिलती है');
    expect(await searchFor(page, 'प्लेसमेंट', 'Placement record of Vocational Skilling')).toContain('Placement record of Vocational Skilling');

    await page.getByLabel('Search articles').fill('qwxzv');
    await page.getByRole('heading', { name: 'No article matches' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await articles(page).waitFor();
    await context.close();
  });

  it('an admin imports a Markdown file: good sections stored, the bad one listed by line', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/knowledge`);
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import articles' }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'library.md', mimeType: 'text/markdown', buffer: Buffer.from(IMPORT, 'utf8') });

    await page.getByRole('heading', { name: 'Import finished: library.md' }).waitFor();
    const problems = page.getByRole('table', { name: 'Articles with a problem' });
    await expect(problems.locator('tbody tr').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^12\s+language: "fr" is not en or hi$/)]);
    await page.getByRole('link', { name: 'पुस्तकालय का समय' }).waitFor();
    await tallShot(page, 'knowledge-import-result', 1000);

    // The imported Hindi article is found by its Latin spelling.
    await page.getByRole('link', { name: 'Go to the articles' }).click();
    expect((await searchFor(page, 'pustakalay', 'पुस्तकालय का समय'))[0]).toBe('पुस्तकालय का समय');

    // An editor shows the Markdown beside how it reads.
    await searchFor(page, 'scholarship', 'Scholarships: who qualifies');
    await articles(page).getByRole('link', { name: 'Scholarships: who qualifies' }).click();
    await page.getByRole('heading', { name: 'Edit article' }).waitFor();
    await page.getByRole('cell', { name: 'full course fee and NIOS exam fee' }).waitFor();
    await tallShot(page, 'knowledge-editor', 1000);
    await page.goBack();

    await searchFor(page, 'library', 'Library hours');
    await articles(page).getByRole('link', { name: 'Library hours' }).click();
    await page.getByRole('heading', { name: 'Edit article' }).waitFor();
    await page.getByText('9 am to 6 pm', { exact: true }).waitFor();
    await page.getByLabel('Title').fill('Library and reading room hours');
    await page.getByRole('button', { name: 'Save article' }).click();
    await page.getByText('Saved.').waitFor();
    const api = await apiAs(h, h.server.accounts.admin);
    const found = await api<KnowledgeArticlePage>(`/knowledge/articles?q=${encodeURIComponent('reading room')}`);
    expect(found.items[0]?.title).toBe('Library and reading room hours');
    await context.close();
  });

  it('an admin writes a battlecard in Hindi, and the page reads in Hindi at phone width', async () => {
    const { context, page } = await newPage(h, DESKTOP);
    await signIn(h, page, h.server.accounts.admin);
    await page.goto(`${h.server.url}/settings/battlecards`);
    await page.getByRole('heading', { name: 'Battlecards' }).waitFor();
    const timing = page.getByRole('article', { name: 'Timing' });
    await timing.getByText('The timing does not suit').waitFor();
    await tallShot(page, 'knowledge-battlecards', 1000);

    await timing.getByRole('button', { name: 'Edit: Timing' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit card: Timing' });
    await dialog.getByRole('tab', { name: 'हिन्दी' }).click();
    await dialog.getByLabel('Title').fill('समय मेल नहीं खाता');
    await dialog.getByLabel('Suggested reply').fill('आप किस समय खाली रहती हैं? सुबह, शाम और वीकेंड के बैच हैं।');
    await shot(page, 'knowledge-battlecard-editor-hi');
    await dialog.getByRole('button', { name: 'Save card' }).click();
    await dialog.waitFor({ state: 'detached' });
    await timing.getByText('समय मेल नहीं खाता').waitFor();

    const api = await apiAs(h, h.server.accounts.admin);
    const cards = await api<{ items: Battlecard[] }>('/battlecards?campaignId=default&objection=timing');
    expect(cards.items[0]).toMatchObject({
      title: { en: 'The timing does not suit', hi: 'समय मेल नहीं खाता' },
      suggestedReply: { hi: 'आप किस समय खाली रहती हैं? सुबह, शाम और वीकेंड के बैच हैं।' },
    });

    // A campaign without its own card shows the default it falls back to.
    const campaigns = await api<{ items: { id: string; name: string }[] }>('/campaigns');
    const volunteers = campaigns.items.find((c) => c.name === 'Read India volunteers');
    await page.goto(`${h.server.url}/settings/battlecards?campaign=${volunteers?.id}`);
    await page.getByRole('article', { name: 'Timing' }).getByText('Uses the default card').waitFor();

    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.setViewportSize(PHONE);
    await page.getByRole('heading', { name: 'बैटलकार्ड' }).waitFor();
    await shot(page, 'knowledge-battlecards-hi-phone');
    await page.goto(`${h.server.url}/settings/knowledge?q=${encodeURIComponent('फीस')}`);
    await page.getByRole('heading', { name: 'ज्ञानकोश' }).waitFor();
    await page.getByRole('table', { name: 'लेख' }).getByRole('link').first().waitFor();
    await shot(page, 'knowledge-hi-phone', true);
    await context.close();
  });
});
