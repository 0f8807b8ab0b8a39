/**
 * The encoding of a report file, run in a worker thread (platform/workers) so that a long export
 * does not hold up requests: the document and, for Excel and CSV, the detail rows, which the
 * calling thread reads from the database and streams in, written as PDF, Excel or CSV into the
 * stream that carries the bytes back. Nothing here reads the database.
 */
import type { Cell, DocColumn, ReportDocument } from '@telehub/shared';
import type { TaskStreams } from '../../platform/workers/index.js';
import { writeReportCsv } from './reports.csv.js';
import { writeReportPdf } from './reports.pdf.js';
import { writeReportXlsx } from './reports.xlsx.js';

export type FileFormat = 'pdf' | 'xlsx' | 'csv';
/** The detail sheet's title and columns; its rows are the task's input. */
export type DetailHead = { title: string; columns: DocColumn[] };

/** Writes the report into `io.out` and ends it; the detail rows (Excel, CSV) are `io.input`, their count is its progress. */
export async function encodeReport(
  io: TaskStreams<Record<string, Cell>>,
  format: FileFormat,
  doc: ReportDocument,
  detail: DetailHead | null,
): Promise<{ rows: number }> {
  if (format === 'pdf') {
    await writeReportPdf(doc, io.out);
    return { rows: 0 };
  }
  const sheet = detail ? { ...detail, rows: io.input } : undefined;
  const write = format === 'xlsx' ? writeReportXlsx : writeReportCsv;
  const { detailRows } = await write(doc, io.out, sheet, (rows) => io.progress(rows));
  return { rows: detailRows };
}
