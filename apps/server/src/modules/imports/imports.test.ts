import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/multipart.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

type Status = {
  id: string;
  status: string;
  total: number;
  processed: number;
  created: number;
  merged: number;
  rejected: number;
  errors: { row: number; reason: string }[];
  error: string | null;
  percent: number;
};

async function importFile(name: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const res = await t.request({ method: 'POST', url: '/api/v1/imports', as: t.cast.manager, ...multipart(fields, { name, content }) });
  return res;
}

async function finished(id: string): Promise<Status> {
  await t.app.services.jobs.idle();
  return (await t.request({ method: 'GET', url: `/api/v1/imports/${id}`, as: t.cast.manager })).json<Status>();
}

async function run(name: string, content: Buffer | string, fields: Record<string, string> = {}): Promise<Status> {
  const res = await importFile(name, content, fields);
  expect(res.statusCode, res.body).toBe(202);
  return finished(res.json().id);
}

const leadByPhone = async (phone: string) => {
  const page = (await t.request({ method: 'GET', url: `/api/v1/leads?q=${encodeURIComponent(phone)}`, as: t.cast.admin })).json();
  return page.items[0];
};
const countLeads = async () => (await t.request({ method: 'GET', url: '/api/v1/leads?pageSize=1', as: t.cast.admin })).json().total as number;

describe('a messy CSV', () => {
  let status: Status;
  let existing: { id: string };
  beforeAll(async () => {
    existing = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Meena Kumari', phone: '9811100001', city: 'Agra' });
    await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'By Email', phone: '9811100099', email: 'known@example.org' });
    const csv = [
      '\uFEFFनाम,मोबाइल नंबर,Email ID,City,School,Status',
      'Priya Sharma,98765 43210,PRIYA@example.org,Lucknow,"St. Mary\'s, Lucknow",interested', // 1 new
      '"Verma, Rahul",+91-91234-56789,,"Kanpur",,', // 2 new (comma inside quotes)
      'रीना देवी,0522-2298872,,लखनऊ,"Line one\r\nline two",', // 3 new landline, newline inside quotes
      'Priya S.,+919876543210,other@example.org,Delhi,,', // 4 same phone as row 1: merges; city differs
      'Meena K,(+91) 98111 00001,meena@example.org,Mathura,,', // 5 merges into base lead: email filled, city differs
      'Nobody,12345,,,,', // 6 invalid phone
      'Empty Phone,,,,,', // 7 empty phone
      'Known Person,9811100055,known@example.org,,,', // 8 matches base lead by email
      'Amit Patel,00919898989898,,Surat,,', // 9 new with 0091 prefix
      'Bad Mail,9898900000,not-an-email,,,hot', // 10 new; bad email kept in metadata; "hot" -> interested
    ].join('\r\n');
    status = await run('leads.csv', csv);
  });

  it('ends with exact counts and row-numbered errors', () => {
    expect(status).toMatchObject({ status: 'completed', total: 10, processed: 10, created: 5, merged: 3, rejected: 2, percent: 100, error: null });
    expect(status.errors).toEqual([
      { row: 6, reason: 'phone: "12345" is too short to be a phone number' },
      { row: 7, reason: 'phone is empty' },
    ]);
  });

  it('normalizes phones, keeps quoted commas and newlines, and maps Hindi headers', async () => {
    const rahul = await leadByPhone('+919123456789');
    expect(rahul).toMatchObject({ name: 'Verma, Rahul', city: 'Kanpur' });
    const reena = await leadByPhone('+915222298872');
    expect(reena).toMatchObject({ name: 'रीना देवी', city: 'लखनऊ', metadata: { School: 'Line one\r\nline two' } });
    const amit = await leadByPhone('+919898989898');
    expect(amit.name).toBe('Amit Patel');
    const bad = await leadByPhone('+919898900000');
    expect(bad).toMatchObject({ email: null, status: 'interested', metadata: { 'Email ID': 'not-an-email' } });
  });

  it('merges duplicates inside the file: the first value wins, the differing one goes to the timeline', async () => {
    const priya = await leadByPhone('+919876543210');
    expect(priya).toMatchObject({ name: 'Priya Sharma', email: 'priya@example.org', city: 'Lucknow', status: 'interested' });
    expect(priya.metadata).toMatchObject({ School: "St. Mary's, Lucknow" });
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${priya.id}/activities`, as: t.cast.admin })).json();
    const imported = timeline.items.find((a: { type: string }) => a.type === 'imported');
    expect(imported.data).toMatchObject({ rows: [4], differing: { name: ['Priya S.'], city: ['Delhi'], email: ['other@example.org'] } });
    expect(priya.sources).toEqual(
      expect.arrayContaining([
        { source: 'file', externalId: 'leads.csv#1' },
        { source: 'file', externalId: 'leads.csv#4' },
      ]),
    );
  });

  it('merges into the base without overwriting: blanks filled, differences recorded', async () => {
    const meena = (await t.request({ method: 'GET', url: `/api/v1/leads/${existing.id}`, as: t.cast.admin })).json();
    expect(meena).toMatchObject({ name: 'Meena Kumari', city: 'Agra', email: 'meena@example.org' });
    const timeline = (await t.request({ method: 'GET', url: `/api/v1/leads/${existing.id}/activities`, as: t.cast.admin })).json();
    const imported = timeline.items.find((a: { type: string }) => a.type === 'imported');
    expect(imported.data).toMatchObject({ rows: [5], filled: ['email'], differing: { city: ['Mathura'], name: ['Meena K'] } });
    const known = await leadByPhone('+919811100099');
    expect(known.name).toBe('By Email');
    const kt = (await t.request({ method: 'GET', url: `/api/v1/leads/${known.id}/activities`, as: t.cast.admin })).json();
    expect(kt.items.find((a: { type: string }) => a.type === 'imported').data.differing).toMatchObject({ phone: ['+919811100055'] });
  });

  it('offers every rejected row as a CSV report with the original columns', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/imports/${status.id}/rejects.csv`, as: t.cast.manager });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('leads-rejected-rows.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('row,reason,नाम,मोबाइल नंबर,Email ID,City,School,Status');
    expect(lines[1]).toBe('6,"phone: ""12345"" is too short to be a phone number",Nobody,12345,,,,');
    expect(lines[2]).toBe('7,phone is empty,Empty Phone,,,,,');
  });

  it('is idempotent for the same file again: everything merges, nothing is duplicated', async () => {
    const before = await countLeads();
    const again = await run('leads.csv', '\uFEFFName,Phone\r\nPriya Sharma,9876543210\r\nVerma Rahul,9123456789\r\n');
    expect(again).toMatchObject({ created: 0, merged: 2, rejected: 0 });
    expect(await countLeads()).toBe(before);
  });
});

describe('files that are wrong as a whole', () => {
  it('refuses an empty file at upload', async () => {
    const res = await importFile('empty.csv', '');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'IMPORT_FILE_UNREADABLE', message: 'file: The file is empty.' });
    const blank = await importFile('blank.csv', '\uFEFF\r\n\r\n');
    expect(blank.statusCode).toBe(400);
  });

  it('completes a header-only file with zero rows', async () => {
    expect(await run('header.csv', 'Name,Phone\r\n')).toMatchObject({ status: 'completed', total: 0, created: 0, merged: 0, rejected: 0 });
  });

  it('refuses a file without a phone column, naming the columns it has', async () => {
    const res = await importFile('nophone.csv', 'Name,City\nA,B\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_MAPPING_INVALID');
    expect(res.json().message).toContain('no column is mapped to phone');
    expect(res.json().message).toContain('Name, City');
  });

  it('refuses a mapping to a column that is not in the file, and bad mapping JSON', async () => {
    const wrong = await importFile('m.csv', 'Name,Phone\nA,9876500000\n', { mapping: JSON.stringify({ name: 'Name', phone: 'Mobile' }) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('column "Mobile" is not in the file');
    const json = await importFile('m.csv', 'Name,Phone\nA,9876500000\n', { mapping: '{phone:' });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toContain('mapping');
  });

  it('refuses other file types', async () => {
    const res = await importFile('leads.pdf', '%PDF-1.4');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('IMPORT_FORMAT_UNSUPPORTED');
  });

  it('refuses a small file that is not UTF-8 at upload, naming the line', async () => {
    const latin1 = Buffer.concat([Buffer.from('Name,Phone\r\nGood Row,9876511111\r\n'), Buffer.from([0x4a, 0xf6, 0x72, 0x67]), Buffer.from(',9876522222\r\n')]);
    const res = await importFile('latin1.csv', latin1);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('not UTF-8 text (line 3, byte 34)');
  });

  // Big enough that the problem lies past what the upload reads: the import itself must fail.
  const bulk = (n: number) => Array.from({ length: n }, (_, i) => `Person ${i},97${String(10_000_000 + i)}`).join('\r\n');

  it('fails a large file that turns out not to be UTF-8, and changes nothing', async () => {
    const before = await countLeads();
    const file = Buffer.concat([Buffer.from(`Name,Phone\r\n${bulk(12_000)}\r\n`), Buffer.from([0x4a, 0xf6, 0x72, 0x67]), Buffer.from(',9876522222\r\n')]);
    const s = await run('latin1-big.csv', file);
    expect(s.status).toBe('failed');
    expect(s.error).toContain('not UTF-8 text (line 12002');
    expect(s).toMatchObject({ created: 0, merged: 0, rejected: 0, errors: [] });
    expect(await countLeads()).toBe(before);
  });

  it('fails a large CSV cut off inside a quoted value, and changes nothing', async () => {
    const before = await countLeads();
    const s = await run('cut.csv', `Name,Phone\r\n${bulk(12_000)}\r\n"Unfinished, row,9876544444\r\n`);
    expect(s.status).toBe('failed');
    expect(s.error).toContain('ends (at line 12003) inside a quoted value that was never closed');
    expect(await countLeads()).toBe(before);
  });

  it('refuses a truncated XLSX', async () => {
    const full = await xlsx([['Name', 'Phone'], ...Array.from({ length: 200 }, (_, i) => [`Person ${i}`, `98765${String(10000 + i)}`])]);
    const res = await importFile('cut.xlsx', full.subarray(0, Math.floor(full.length * 0.6)));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('incomplete or damaged');
    const notZip = await importFile('fake.xlsx', 'Name,Phone\n');
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json().message).toContain('not an .xlsx workbook');
  });
});

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Leads');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('XLSX, preview and options', () => {
  it('imports an XLSX with numeric phone cells and Devanagari', async () => {
    const file = await xlsx([
      ['Student Name', 'Mobile No.', 'Language', 'Score'],
      ['सीमा दुबे', 9876555555, 'Hindi', 77],
      ['Kiran Rao', '+91 98765 66666', 'Kannada', 'high'],
    ]);
    const s = await run('students.xlsx', file);
    expect(s).toMatchObject({ status: 'completed', total: 2, created: 2, rejected: 0 });
    expect(await leadByPhone('+919876555555')).toMatchObject({ name: 'सीमा दुबे', language: 'hi', score: 77 });
    expect(await leadByPhone('+919876566666')).toMatchObject({ language: 'kn', score: null, metadata: { Score: 'high' } });
  });

  it('previews with a suggested mapping, then starts with an edited one and a campaign', async () => {
    const campaign = (await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.manager, payload: { name: 'Imported' } })).json();
    const csv = 'Sr;Candidate Name;Whatsapp No;Alt Name\n1;Om Prakash;9876577777;OP\n2;Lata;9876588888;L\n';
    const res = await t.request({ method: 'POST', url: '/api/v1/imports/preview', as: t.cast.manager, ...multipart({}, { name: 'semi.csv', content: csv }) });
    expect(res.statusCode).toBe(201);
    const preview = res.json();
    expect(preview.headers).toEqual(['Sr', 'Candidate Name', 'Whatsapp No', 'Alt Name']);
    expect(preview.rows).toEqual([
      ['1', 'Om Prakash', '9876577777', 'OP'],
      ['2', 'Lata', '9876588888', 'L'],
    ]);
    expect(preview.suggestedMapping).toEqual({ name: 'Candidate Name', phone: 'Whatsapp No' });
    const start = await t.request({
      method: 'POST',
      url: `/api/v1/imports/${preview.id}/start`,
      as: t.cast.manager,
      payload: { mapping: { name: 'Alt Name', phone: 'Whatsapp No', externalId: 'Sr' }, source: 'enquiry-sheet', campaignId: campaign.id },
    });
    expect(start.statusCode).toBe(202);
    const s = await finished(preview.id);
    expect(s).toMatchObject({ status: 'completed', created: 2 });
    const om = await leadByPhone('+919876577777');
    expect(om).toMatchObject({ name: 'OP', sources: [{ source: 'enquiry-sheet', externalId: '1' }], metadata: { 'Candidate Name': 'Om Prakash' } });
    const inCampaign = (await t.request({ method: 'GET', url: `/api/v1/leads?campaignId=${campaign.id}`, as: t.cast.admin })).json();
    expect(inCampaign.total).toBe(2);
    const again = await t.request({ method: 'POST', url: `/api/v1/imports/${preview.id}/start`, as: t.cast.manager, payload: {} });
    expect(again.statusCode).toBe(409);
  });

  it('is for managers and admins only', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/imports',
      as: t.cast.telecaller,
      ...multipart({}, { name: 'x.csv', content: 'Name,Phone\n' }),
    });
    expect(res.statusCode).toBe(403);
  });
});
