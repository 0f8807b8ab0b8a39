import { Writable } from 'node:stream';
import type { Cell, DocColumn, ReportDocument } from '@telehub/shared';
import ExcelJS from 'exceljs';
import unzipper from 'unzipper';
import { describe, expect, it } from 'vitest';
import { writeReportCsv } from './reports.csv.js';
import { type DetailSheet, sheetName, writeReportXlsx } from './reports.xlsx.js';

const MALICIOUS = '=HYPERLINK("http://x","y")';

const doc: ReportDocument = {
  title: 'टेलीकॉलर रिपोर्ट',
  subtitle: '1 मई 2024 – 31 मई 2024 · सभी टीमें',
  generatedAt: new Date('2024-06-01T04:30:00Z'),
  lang: 'hi',
  sections: [
    {
      title: 'टेलीकॉलर: सारांश [मई]',
      table: {
        columns: [
          { key: 'name', label: 'नाम', type: 'text' },
          { key: 'dials', label: 'डायल', type: 'int' },
          { key: 'talk', label: 'बातचीत', type: 'seconds' },
          { key: 'rate', label: 'कनेक्ट दर', type: 'percent' },
          { key: 'cost', label: 'लागत', type: 'money' },
          { key: 'aht', label: 'औसत', type: 'number' },
          { key: 'phone', label: 'फ़ोन', type: 'text' },
        ],
        rows: [
          { name: 'रीना शर्मा', dials: 1234, talk: 3725, rate: 0.41237, cost: 1500.5, aht: 12.345, phone: '+919876543210' },
          { name: MALICIOUS, dials: 0, talk: 0, rate: null, cost: -20, aht: null, phone: '@SUM(A1)' },
          { name: '-2+3', dials: 7, talk: 90_061, rate: 1, cost: 0, aht: 1, phone: null },
        ],
      },
    },
    {
      title: 'Calls by day',
      chart: { type: 'bar', categories: ['1 May'], series: [{ name: 'Dials', values: [3] }], format: 'int' },
      table: {
        columns: [
          { key: 'day', label: 'Day', type: 'date' },
          { key: 'first', label: 'First call', type: 'datetime' },
          { key: 'dials', label: 'Dials', type: 'int' },
        ],
        rows: [
          // 2024-05-01 00:30 in Kolkata is still 30 April in UTC.
          { day: new Date('2024-04-30T19:00:00Z'), first: new Date('2024-04-30T19:00:00Z'), dials: 3 },
          { day: '2024-05-02', first: '2024-05-02T09:15:00+05:30', dials: 4 },
        ],
      },
    },
  ],
};

/** A Writable that keeps what it is given. */
function collector() {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, buffer: () => Buffer.concat(chunks) };
}

/** A Writable that counts bytes and throws them away. */
function counter() {
  let bytes = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  return { stream, bytes: () => bytes };
}

const detailColumns: DocColumn[] = [
  { key: 'id', label: 'Call', type: 'text' },
  { key: 'lead', label: 'Lead', type: 'text' },
  { key: 'startedAt', label: 'Started', type: 'datetime' },
  { key: 'talk', label: 'Talk', type: 'seconds' },
  { key: 'dials', label: 'Attempt', type: 'int' },
];

/** `count` detail rows made up as they are asked for. */
async function* detailRows(count: number): AsyncGenerator<Record<string, Cell>> {
  const start = Date.parse('2024-05-01T03:30:00Z');
  for (let i = 0; i < count; i++) {
    yield {
      id: `call-${i.toString(36).padStart(8, '0')}`,
      lead: i % 3 === 0 ? `ग्राहक ${i}` : `Lead number ${i}`,
      startedAt: new Date(start + i * 17_000),
      talk: i % 600,
      dials: (i % 5) + 1,
    };
  }
}

/** Rows that fail after `count`. */
async function* failingRows(count: number): AsyncGenerator<Record<string, Cell>> {
  yield* detailRows(count);
  throw new Error('the database went away');
}

/** The XML of one part of an xlsx. */
async function part(xlsx: Buffer, path: string): Promise<string> {
  const dir = await unzipper.Open.buffer(xlsx);
  const file = dir.files.find((f) => f.path === path);
  if (!file) throw new Error(`${path} is not in the file`);
  return (await file.buffer()).toString('utf8');
}

/** Excel's serial number of a Date exceljs read back (days since 1899-12-30). */
const serial = (d: Date) => (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('sheetName', () => {
  it('makes titles valid, short and unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b\\c[d]:e*f?', taken)).toBe('a b c d e f');
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    const long = 'x'.repeat(40);
    expect(sheetName(long, taken)).toBe('x'.repeat(31));
    expect(sheetName(long, taken)).toBe(`${'x'.repeat(27)} (2)`);
    expect(sheetName('QUOTED', taken)).toBe('QUOTED (2)');
    expect(sheetName('History', taken)).toBe('History (2)');
    expect(sheetName(' :: ', taken, 'Sheet 3')).toBe('Sheet 3');
  });
});

describe('writeReportXlsx', () => {
  it('writes typed, frozen, filtered sheets and keeps formula text as text', async () => {
    const out = collector();
    const detail: DetailSheet = { title: 'Calls', columns: detailColumns, rows: detailRows(10) };
    const progress: number[] = [];
    const result = await writeReportXlsx(doc, out.stream, detail, (n) => progress.push(n));
    expect(result).toEqual({ detailRows: 10 });
    expect(progress).toEqual([10]);
    const xlsx = out.buffer();

    const wb = new ExcelJS.Workbook();
    // exceljs's typings take their own Buffer type (an ArrayBuffer).
    await wb.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['टेलीकॉलर सारांश मई', 'Calls by day', 'Calls']);

    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('टेलीकॉलर रिपोर्ट · टेलीकॉलर: सारांश [मई]');
    expect(ws.getCell('A2').value).toBe(doc.subtitle);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getRow(3).values).toEqual([undefined, 'नाम', 'डायल', 'बातचीत', 'कनेक्ट दर', 'लागत', 'औसत', 'फ़ोन']);
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect(ws.autoFilter).toBe('A3:G6');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(26);
    for (let c = 1; c <= 7; c++) expect(ws.getColumn(c).width).toBeGreaterThanOrEqual(10);

    // Numbers are numbers with their formats.
    expect(ws.getCell('B4').value).toBe(1234);
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('D4').value).toBe(0.41237);
    expect(ws.getCell('D4').numFmt).toBe('0.0%');
    expect(ws.getCell('E4').value).toBe(1500.5);
    expect(ws.getCell('E4').numFmt).toBe('"₹"#,##0.00');
    expect(ws.getCell('F4').numFmt).toBe('#,##0.0');
    expect(ws.getCell('D5').value).toBeNull();
    // Seconds are a fraction of a day formatted [h]:mm:ss (exceljs reads such a number back as a Date).
    const talk = ws.getCell('C4');
    expect(talk.numFmt).toBe('[h]:mm:ss');
    expect(serial(talk.value as Date) * 86_400).toBeCloseTo(3725, 3);
    expect(serial(ws.getCell('C6').value as Date) * 86_400).toBeCloseTo(90_061, 3);

    // Formula-looking text is a string, never a formula.
    for (const address of ['A5', 'A6', 'G5']) {
      const cell = ws.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    }
    expect(ws.getCell('A5').value).toBe(MALICIOUS);
    expect(ws.getCell('G4').value).toBe('+919876543210');
    expect(ws.getCell('A6').value).toBe('-2+3');

    // In the file itself: the seconds cell is a plain number and there is no formula anywhere.
    const sheet1 = await part(xlsx, 'xl/worksheets/sheet1.xml');
    expect(sheet1).toMatch(/<c r="C4" s="\d+"><v>0\.0431134259259\d*<\/v><\/c>/);
    expect(sheet1).not.toContain('<f>');
    expect(sheet1).toContain('<pane ySplit="3"');

    // Dates are real dates in Indian wall-clock time.
    const days = wb.worksheets[1] as ExcelJS.Worksheet;
    expect(days.getCell('A4').value).toEqual(new Date('2024-05-01T00:00:00Z'));
    expect(days.getCell('A4').numFmt).toBe('d mmm yyyy');
    expect(days.getCell('B4').value).toEqual(new Date('2024-05-01T00:30:00Z'));
    expect(days.getCell('B4').numFmt).toBe('d mmm yyyy hh:mm');
    expect(days.getCell('A5').value).toEqual(new Date('2024-05-02T00:00:00Z'));
    expect(days.getCell('B5').value).toEqual(new Date('2024-05-02T09:15:00Z'));

    const calls = wb.worksheets[2] as ExcelJS.Worksheet;
    expect(calls.getCell('A1').value).toBe('टेलीकॉलर रिपोर्ट · Calls');
    expect(calls.getRow(3).getCell(1).value).toBe('Call');
    expect(calls.getCell('A13').value).toBe('call-00000009');
    expect(calls.getCell('C4').value).toEqual(new Date('2024-05-01T09:00:00Z'));
    expect(calls.autoFilter).toBe('A3:E13');
    expect(calls.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('streams 200,000 detail rows in constant memory', async () => {
    const out = counter();
    const before = process.memoryUsage();
    let peak = before.heapUsed;
    let peakBuffers = before.arrayBuffers;
    const progress: number[] = [];
    const result = await writeReportXlsx(doc, out.stream, { title: 'Calls', columns: detailColumns, rows: detailRows(200_000) }, (n) => {
      progress.push(n);
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    });
    expect(result.detailRows).toBe(200_000);
    expect(progress.length).toBe(40);
    expect(progress.at(-1)).toBe(200_000);
    expect(out.bytes()).toBeGreaterThan(1_000_000);
    console.log({ heapGrowthMB: (peak - before.heapUsed) / 2 ** 20, buffersGrowthMB: (peakBuffers - before.arrayBuffers) / 2 ** 20 });
    expect(peak - before.heapUsed).toBeLessThan(150 * 1024 * 1024);
    // What exceljs buffers for the zip lives outside the heap.
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(150 * 1024 * 1024);
  }, 30_000);
});

describe('a failing detail source', () => {
  it('rejects and destroys the output, for both formats', async () => {
    for (const write of [writeReportXlsx, writeReportCsv]) {
      const out = counter();
      await expect(write(doc, out.stream, { title: 'Calls', columns: detailColumns, rows: failingRows(3_000) })).rejects.toThrow('the database went away');
      expect(out.stream.destroyed).toBe(true);
      expect(out.stream.writableFinished).toBe(false);
    }
  });
});

describe('writeReportCsv', () => {
  it('writes blocks with a BOM, CRLF, plain values and defused formulas', async () => {
    const out = collector();
    const result = await writeReportCsv(doc, out.stream, { title: 'Calls', columns: detailColumns, rows: detailRows(2) });
    expect(result).toEqual({ detailRows: 2 });
    const bytes = out.buffer();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).not.toMatch(/[^\r]\n/);
    expect(text.split('\r\n')).toEqual([
      'टेलीकॉलर: सारांश [मई]',
      'नाम,डायल,बातचीत,कनेक्ट दर,लागत,औसत,फ़ोन',
      'रीना शर्मा,1234,3725,0.4124,1500.5,12.345,+919876543210',
      `"'=HYPERLINK(""http://x"",""y"")",0,0,,-20,,'@SUM(A1)`,
      "'-2+3,7,90061,1,0,1,",
      '',
      'Calls by day',
      'Day,First call,Dials',
      '2024-05-01,2024-05-01T00:30:00+05:30,3',
      '2024-05-02,2024-05-02T09:15:00+05:30,4',
      '',
      'Calls',
      'Call,Lead,Started,Talk,Attempt',
      'call-00000000,ग्राहक 0,2024-05-01T09:00:00+05:30,0,1',
      'call-00000001,Lead number 1,2024-05-01T09:00:17+05:30,1,2',
      '',
    ]);
  });

  it('waits for a slow output and reports progress', async () => {
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        setImmediate(callback);
      },
    });
    const progress: number[] = [];
    const result = await writeReportCsv(doc, slow, { title: 'Calls', columns: detailColumns, rows: detailRows(12_000) }, (n) => progress.push(n));
    expect(result.detailRows).toBe(12_000);
    expect(progress).toEqual([5_000, 10_000, 12_000]);
    expect(bytes).toBeGreaterThan(12_000 * 40);
  });
});
