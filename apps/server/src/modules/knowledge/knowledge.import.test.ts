/** Importing articles from Markdown and CSV: good ones stored, bad ones listed by the line they start on. */
import type { KnowledgeArticle, KnowledgeImportResult } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function upload(name: string, content: string | Buffer, fields: Record<string, string> = {}, as: Person = t.cast.admin) {
  return t.request({ method: 'POST', url: '/api/v1/knowledge/import', as, ...multipart(fields, { name, content }) });
}
async function imported(name: string, content: string | Buffer, fields: Record<string, string> = {}) {
  const res = await upload(name, content, fields);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<KnowledgeImportResult>();
}
const article = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/knowledge/articles/${id}`, as: t.cast.admin })).json<KnowledgeArticle>();
const found = async (q: string) => (await t.app.services.knowledge.search(q)).map((h) => h.title);

const MARKDOWN = `Notes for the team (this line belongs to no article)

# Exam fee
lang: en
tags: exam, fees

The NIOS exam fee is about ₹1,800.

## Paying it
Pay at the centre.

# परीक्षा शुल्क
tags: परीक्षा

NIOS परीक्षा शुल्क लगभग ₹1,800 है।

# Batches in French
lang: fr

Not a language we keep.

# Empty one

#

Body without a title.

\`\`\`
# not a heading inside code
\`\`\`

# Exam fee
lang: en

The same title twice in one file.
`;

describe('Markdown import', () => {
  it('stores the good sections, lists the bad ones by line, and finds the new articles', async () => {
    const r = await imported('notes.md', MARKDOWN);
    expect(r).toMatchObject({ format: 'markdown', total: 6, created: 2, updated: 0, rejected: 5 });
    expect(r.errors).toEqual([
      { line: 1, reason: expect.stringMatching(/before the first "# " heading/) },
      { line: 18, reason: 'language: "fr" is not en or hi' },
      { line: 22, reason: 'body: body must not be empty' },
      { line: 24, reason: 'title: title must not be empty' },
      { line: 32, reason: expect.stringMatching(/same title and language as the article on line 3/) },
    ]);
    expect(r.items.map((i) => [i.line, i.title, i.action])).toEqual([
      [3, 'Exam fee', 'created'],
      [12, 'परीक्षा शुल्क', 'created'],
    ]);
    const [en, hi] = await Promise.all(r.items.map((i) => article(i.id)));
    expect(en).toMatchObject({ language: 'en', tags: ['exam', 'fees'], active: true, campaignId: null, updatedBy: t.cast.admin.id });
    expect(en?.body).toBe('The NIOS exam fee is about ₹1,800.\n\n## Paying it\nPay at the centre.');
    // No `lang:` line: the language is read from the script.
    expect(hi).toMatchObject({ language: 'hi', tags: ['परीक्षा'] });
    expect(await found('pariksha shulk')).toEqual(expect.arrayContaining(['परीक्षा शुल्क', 'Exam fee']));
  });

  it('replaces articles of the same title, language and campaign when a file comes again', async () => {
    const again = await imported('notes.md', '# exam FEE\nlang: en\n\nThe NIOS exam fee is ₹1,900 from 2026.\n');
    expect(again).toMatchObject({ created: 0, updated: 1, rejected: 0 });
    expect((await article(again.items[0]?.id ?? '')).body).toBe('The NIOS exam fee is ₹1,900 from 2026.');
    expect(await found('1,900')).toContain('exam FEE');
  });

  it('puts every article of the file in the campaign the form names', async () => {
    const campaign = await t.app.services.campaigns.create(SYSTEM_ACTOR, { name: 'Import drive' });
    const r = await imported('drive.md', '# Drive dates\n\nStarts in April.\n', { campaignId: campaign.id });
    expect((await article(r.items[0]?.id ?? '')).campaignId).toBe(campaign.id);
    const unknown = await upload('drive.md', '# Drive dates\n\nStarts in May.\n', { campaignId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(422);
    expect((await upload('drive.md', '# x\n\ny\n', { campaignId: 'not-an-id' })).statusCode).toBe(400);
  });
});

describe('CSV import', () => {
  it('reads rows with quoted multi-line bodies and reports bad rows by their first line', async () => {
    const csv = [
      'Title,Body,Language,Tags',
      'Evening batch,"Runs 5 to 8 pm.',
      'Monday to Friday.",en,"timing, batch"',
      '',
      ',No title here,en,',
      'शाम का बैच,शाम 5 से 8 बजे।,hindi,समय',
      'Weekend batch,Saturday and Sunday.,de,',
      'Auto language,"सप्ताहांत में कक्षा, शनिवार और रविवार।",,',
      'Broken,"never closed,en,',
      'Lost after the broken row,x,en,',
    ].join('\n');
    const r = await imported('articles.csv', csv);
    expect(r).toMatchObject({ format: 'csv', total: 6, created: 3, rejected: 3 });
    expect(r.errors).toEqual([
      { line: 5, reason: 'title: title must not be empty' },
      { line: 7, reason: 'language: "de" is not en or hi' },
      { line: 9, reason: expect.stringMatching(/not readable as CSV: .*quote/i) },
    ]);
    expect(r.items.map((i) => [i.line, i.title])).toEqual([
      [2, 'Evening batch'],
      [6, 'शाम का बैच'],
      [8, 'Auto language'],
    ]);
    const [evening, hindi, auto] = await Promise.all(r.items.map((i) => article(i.id)));
    expect(evening).toMatchObject({ body: 'Runs 5 to 8 pm.\nMonday to Friday.', language: 'en', tags: ['timing', 'batch'] });
    expect(hindi).toMatchObject({ language: 'hi', tags: ['समय'] });
    expect(auto?.language).toBe('hi');
  });

  it('refuses a file without title and body columns, telling which it found', async () => {
    const res = await upload('bad.csv', 'name,text\nx,y\n');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'KNOWLEDGE_IMPORT_COLUMNS', message: expect.stringContaining('found: name, text') });
  });
});

describe('uploads refused whole', () => {
  it('takes only Markdown and CSV files, in UTF-8, within the size limit, from admins', async () => {
    const pdf = await upload('notes.pdf', '%PDF-1.4');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().code).toBe('KNOWLEDGE_IMPORT_FORMAT');
    const latin1 = await upload('notes.md', Buffer.from('# Caf\xe9\n\nbody\n', 'latin1'));
    expect(latin1.statusCode).toBe(400);
    expect(latin1.json().code).toBe('KNOWLEDGE_IMPORT_NOT_TEXT');
    const big = await upload('big.md', `# Big\n\n${'x'.repeat(5 * 1_048_576)}`);
    expect(big.statusCode).toBe(400);
    expect(big.json().code).toBe('KNOWLEDGE_IMPORT_TOO_LARGE');
    const none = await t.request({ method: 'POST', url: '/api/v1/knowledge/import', as: t.cast.admin, ...multipart({ campaignId: '' }) });
    expect(none.statusCode).toBe(400);
    expect((await upload('notes.md', '# A\n\nb\n', {}, t.cast.manager)).statusCode).toBe(403);
    expect((await upload('notes.md', '# A\n\nb\n', {}, t.cast.telecaller)).statusCode).toBe(403);
  });
});
