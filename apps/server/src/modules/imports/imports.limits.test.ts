/**
 * What an upload may cost the server: XLSX files whose contents inflate far beyond their size
 * (zip bombs, honest or lying about their sizes) are refused at the upload, quickly and without
 * holding what they inflate to.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';
import { blanks, workbook } from './testing/zip.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const ROWS = [
  ['Name', 'Phone'],
  ['Asha Verma', '9876512345'],
];

async function run(name: string, content: string) {
  const res = await t.request({ method: 'POST', url: '/api/v1/imports', as: t.cast.manager, ...multipart({}, { name, content }) });
  expect(res.statusCode, res.body).toBe(202);
  await t.app.services.jobs.idle();
  return (await t.request({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, as: t.cast.manager })).json();
}

async function preview(name: string, content: Buffer) {
  const started = Date.now();
  const rss = process.memoryUsage().rss;
  const res = await t.request({ method: 'POST', url: '/api/v1/imports/preview', as: t.cast.manager, ...multipart({}, { name, content }) });
  return { res, ms: Date.now() - started, grewMb: (process.memoryUsage().rss - rss) / 1_048_576 };
}

describe('XLSX uncompressed size', () => {
  it('reads a small hand-built workbook (the bombs below are built the same way)', async () => {
    const { res } = await preview('ok.xlsx', await workbook(ROWS));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ headers: ['Name', 'Phone'], rows: [['Asha Verma', '9876512345']] });
  });

  it('refuses a sheet that inflates to 300 MB, from what the zip directory declares', async () => {
    const bomb = await workbook(ROWS, { padding: () => blanks(300) });
    expect(bomb.length).toBeLessThan(1_048_576);
    const { res, ms, grewMb } = await preview('bomb.xlsx', bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE_UNCOMPRESSED' });
    expect(res.json().message).toMatch(/xl\/worksheets\/sheet1\.xml/);
    expect(ms).toBeLessThan(3000);
    expect(grewMb).toBeLessThan(100);
  });

  it('refuses the same bomb when its headers claim the sheet is 1 KB, stopping as the bytes pass that', async () => {
    const liar = await workbook(ROWS, { padding: () => blanks(300), declareSheet: 1024 });
    const { res, ms, grewMb } = await preview('liar.xlsx', liar);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE_UNCOMPRESSED' });
    expect(res.json().message).toMatch(/more than it declares/);
    expect(ms).toBeLessThan(3000);
    expect(grewMb).toBeLessThan(100);
  });

  it('refuses a run of megabytes without markup, which no spreadsheet cell holds', async () => {
    // Random text barely compresses, so only its shape gives it away: one "cell" of 4 MB.
    const text = randomBytes(3 * 1_048_576).toString('base64');
    const { res } = await preview('long-cell.xlsx', await workbook([...ROWS, ['Long', text]]));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE_UNCOMPRESSED' });
    expect(res.json().message).toMatch(/without markup/);
  });
});

describe('lead metadata from an import', () => {
  it('rejects a row whose extra columns pass the metadata limits with the reason, never cutting it to fit', async () => {
    const extra = Array.from({ length: 60 }, (_, i) => `Extra ${i}`);
    const csv = [
      ['Name', 'Phone', 'Notes', ...extra].join(','),
      ['Wide Row', '9876500001', '', ...extra.map(() => 'v')].join(','),
      ['Long Note', '9876500002', 'n'.repeat(2500), ...extra.map(() => '')].join(','),
      ['Fine Row', '9876500003', 'short', ...extra.map((_, i) => (i < 3 ? 'v' : ''))].join(','),
    ].join('\n');
    const s = await run('wide.csv', csv);
    expect(s).toMatchObject({ status: 'completed', total: 3, created: 1, rejected: 2 });
    expect(s.errors).toEqual([
      { row: 1, reason: 'metadata: has 60 keys; at most 50 (unmapped columns with a value are kept in metadata)' },
      { row: 2, reason: 'metadata.Notes: is 2500 characters long; at most 2000 (unmapped columns with a value are kept in metadata)' },
    ]);
    const page = (await t.request({ method: 'GET', url: '/api/v1/leads?q=9876500003', as: t.cast.admin })).json();
    expect(page.items[0].metadata).toEqual({ Notes: 'short', 'Extra 0': 'v', 'Extra 1': 'v', 'Extra 2': 'v' });
  });

  it('keeps a name or city too long for the lead whole in its metadata, and refuses an id it would have to cut', async () => {
    const longName = `Sri ${'Venkata '.repeat(30)}Rao`.trim();
    const longCity = `Gram Panchayat ${'Uttar '.repeat(20)}Kashi`;
    const csv = ['Name,Phone,Town,Ref', `${longName},9876500030,${longCity},R-1`, `Id Row,9876500031,Agra,${'x'.repeat(201)}`].join('\n');
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.manager,
      ...multipart({ mapping: JSON.stringify({ name: 'Name', phone: 'Phone', city: 'Town', externalId: 'Ref' }) }, { name: 'long.csv', content: csv }),
    });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.services.jobs.idle();
    const s = (await t.request({ method: 'GET', url: `/api/v1/imports/${res.json().id}`, as: t.cast.manager })).json();
    expect(s).toMatchObject({ status: 'completed', total: 2, created: 1, rejected: 1 });
    expect(s.errors).toEqual([{ row: 2, reason: 'externalId: is 201 characters long; at most 200' }]);
    const [lead] = (await t.request({ method: 'GET', url: '/api/v1/leads?q=9876500030', as: t.cast.admin })).json().items;
    expect(lead.name).toBe(longName.slice(0, 200));
    expect(lead.city).toBe(longCity.slice(0, 100));
    expect(lead.metadata).toEqual({ Name: longName, Town: longCity });
  });

  it('rejects a row with a NUL in a cell, which the database cannot store, and imports the rest', async () => {
    const s = await run('nul.csv', 'Name,Phone,Branch\nNul Row,9876500020,No\u0000ida\nClean Row,9876500021,Agra\n');
    expect(s).toMatchObject({ status: 'completed', total: 2, created: 1, rejected: 1 });
    expect(s.errors).toEqual([{ row: 1, reason: 'Branch: contains a NUL character (U+0000) at position 2' }]);
  });

  it('merges rows into a lead only while its metadata stays within the limits', async () => {
    const full = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`Old ${i}`, 'o']));
    const existing = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Full Lead', phone: '9876500010', metadata: full });
    const roomy = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Roomy Lead', phone: '9876500011', metadata: { Old: 'o' } });
    const cols = Array.from({ length: 30 }, (_, i) => `Col ${i}`);
    const others = Array.from({ length: 30 }, (_, i) => `Other ${i}`);
    const row = (name: string, phone: string, col: (i: number) => string, other: (i: number) => string) =>
      [name, phone, ...cols.map((_, i) => col(i)), ...others.map((_, i) => other(i))].join(',');
    const csv = [
      ['Name', 'Phone', ...cols, ...others].join(','),
      row(
        'Full Lead',
        '9876500010',
        (i) => (i < 10 ? 'new' : ''),
        () => '',
      ),
      row(
        'Roomy Lead',
        '9876500011',
        (i) => (i < 2 ? 'new' : ''),
        () => '',
      ),
      // Two rows of one new lead: 60 keys together, so the lead takes its first row's.
      row(
        'Twice',
        '9876500012',
        () => 'first',
        () => '',
      ),
      row(
        'Twice',
        '9876500012',
        () => '',
        () => 'second',
      ),
    ].join('\n');
    const s = await run('merge.csv', csv);
    expect(s).toMatchObject({ status: 'completed', total: 4, created: 1, merged: 3, rejected: 0 });
    expect((await t.app.services.leads.get(SYSTEM_ACTOR, existing.id)).metadata).toEqual(full);
    expect((await t.app.services.leads.get(SYSTEM_ACTOR, roomy.id)).metadata).toEqual({ Old: 'o', 'Col 0': 'new', 'Col 1': 'new' });
    const twice = (await t.request({ method: 'GET', url: '/api/v1/leads?q=9876500012', as: t.cast.admin })).json().items[0];
    expect(twice.metadata).toEqual(Object.fromEntries(cols.map((c) => [c, 'first'])));
  });
});
