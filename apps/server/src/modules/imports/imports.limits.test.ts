/**
 * What an upload may cost the server: XLSX files whose contents inflate far beyond their size
 * (zip bombs, honest or lying about their sizes) are refused at the upload, quickly and without
 * holding what they inflate to.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
