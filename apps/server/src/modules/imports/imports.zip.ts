/**
 * An XLSX file is a zip, and a zip can inflate to a thousand times its size: a 300 KB upload that
 * unpacks to gigabytes of XML (a zip bomb) would hold the import reader for minutes and its text
 * in memory. Before any reader opens a workbook, its parts are checked twice:
 *  - the sizes its central directory declares (instant, for the honest bomb), then
 *  - the bytes they really inflate to, read by the same unzipper the XLSX reader uses, so the
 *    reader can never see more than was counted here (declared sizes can lie).
 */
import type { Readable } from 'node:stream';
import unzipper from 'unzipper';
import type { FileStore } from '../../platform/storage/storage.js';
import { FileError, looksCompleteZip, looksLikeZip } from './imports.parse.js';

const MiB = 1_048_576;

export const XLSX_LIMITS = {
  /** Every part inflated, together. A full Excel sheet (1,048,576 rows) of ten columns is about 400 MB. */
  maxUncompressedBytes: 1024 * MiB,
  /** Inflated bytes per stored byte, for parts past ratioGraceBytes. XML deflates 5-20 times; bombs 1000. */
  maxRatio: 100,
  ratioGraceBytes: MiB,
  /** Longest stretch of XML without a tag: an Excel cell holds at most 32,767 characters. */
  maxTextRun: MiB,
  maxEntries: 10_000,
  maxDirectoryBytes: 16 * MiB,
} as const;

/** The workbook inflates past XLSX_LIMITS: refused as IMPORT_FILE_TOO_LARGE_UNCOMPRESSED. */
export class UncompressedTooLarge extends FileError {
  override name = 'UncompressedTooLarge';
}

const mb = (n: number) => (n / MiB < 10 ? (n / MiB).toFixed(1) : String(Math.round(n / MiB)));
const SAVE_AGAIN = 'Save it again from Excel, or as CSV.';

type Part = { compressed: number; uncompressed: number };

async function readBytes(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The parts the central directory lists, with their declared sizes. */
async function readDirectory(files: FileStore, key: string, size: number, tail: Buffer): Promise<Map<string, Part>> {
  const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0 || tail.length - at < 22) throw new FileError('The .xlsx file is incomplete or damaged (it may have been cut off while uploading).');
  const count = tail.readUInt16LE(at + 10);
  const dirSize = tail.readUInt32LE(at + 12);
  const dirOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff)
    throw new UncompressedTooLarge(`The workbook is a ZIP64 archive (over 65,535 parts or 4 GB), far beyond a lead list. ${SAVE_AGAIN}`);
  if (count > XLSX_LIMITS.maxEntries || dirSize > XLSX_LIMITS.maxDirectoryBytes)
    throw new UncompressedTooLarge(`The workbook has ${count} parts; an import reads at most ${XLSX_LIMITS.maxEntries}. ${SAVE_AGAIN}`);
  if (count === 0 || dirOffset + dirSize > size) throw new FileError('The .xlsx file is damaged: its table of contents points outside the file.');
  const dir = await readBytes(await files.get(key, { start: dirOffset, end: dirOffset + dirSize - 1 }));
  const parts = new Map<string, Part>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw new FileError('The .xlsx file is damaged: its table of contents cannot be read.');
    const compressed = dir.readUInt32LE(p + 20);
    const uncompressed = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff)
      throw new UncompressedTooLarge(`"${name}" in the workbook is a ZIP64 part (4 GB or more). ${SAVE_AGAIN}`);
    const prior = parts.get(name);
    parts.set(name, prior ? { compressed: prior.compressed + compressed, uncompressed: prior.uncompressed + uncompressed } : { compressed, uncompressed });
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
  }
  return parts;
}

function checkDeclared(parts: Map<string, Part>): void {
  let total = 0;
  for (const [name, part] of parts) {
    total += part.uncompressed;
    if (part.uncompressed > XLSX_LIMITS.ratioGraceBytes && part.uncompressed > XLSX_LIMITS.maxRatio * Math.max(1, part.compressed))
      throw new UncompressedTooLarge(
        `"${name}" in the workbook inflates to ${mb(part.uncompressed)} MB from ${mb(part.compressed)} MB, more than ${XLSX_LIMITS.maxRatio} times: not a spreadsheet's XML. ${SAVE_AGAIN}`,
      );
  }
  if (total > XLSX_LIMITS.maxUncompressedBytes)
    throw new UncompressedTooLarge(
      `The workbook inflates to ${mb(total)} MB; an import reads at most ${mb(XLSX_LIMITS.maxUncompressedBytes)} MB. ${SAVE_AGAIN}`,
    );
}

/** Inflates every part as the XLSX reader will, counting, and stops at the first limit passed. */
async function checkInflated(source: Readable, parts: Map<string, Part>): Promise<void> {
  let raw = 0;
  source.on('data', (c: Buffer) => {
    raw += c.length;
  });
  const zip = unzipper.Parse({ forceStream: true });
  // Errors after an early stop are expected (the streams are torn down): nothing waits for them.
  zip.on('error', () => undefined);
  source.pipe(zip);
  let total = 0;
  try {
    for await (const e of zip) {
      const entry = e as unzipper.Entry;
      const declared = parts.get(entry.path);
      if (!declared) throw new FileError(`The .xlsx file is damaged: it holds a part ("${entry.path.slice(0, 100)}") its table of contents does not list.`);
      const xml = /\.(xml|rels)$/i.test(entry.path);
      let bytes = 0;
      let run = 0;
      for await (const c of entry) {
        const chunk = c as Buffer;
        bytes += chunk.length;
        total += chunk.length;
        if (bytes > declared.uncompressed)
          throw new UncompressedTooLarge(
            `"${entry.path}" in the workbook inflates to more than it declares (${declared.uncompressed} bytes): the file is damaged or built to overwhelm a reader. ${SAVE_AGAIN}`,
          );
        if (total > XLSX_LIMITS.maxUncompressedBytes)
          throw new UncompressedTooLarge(`The workbook inflates to more than the ${mb(XLSX_LIMITS.maxUncompressedBytes)} MB an import reads. ${SAVE_AGAIN}`);
        if (total > XLSX_LIMITS.ratioGraceBytes && total > XLSX_LIMITS.maxRatio * raw)
          throw new UncompressedTooLarge(`The workbook inflates more than ${XLSX_LIMITS.maxRatio} times its size: not a spreadsheet's XML. ${SAVE_AGAIN}`);
        if (xml) run = textRun(chunk, run, entry.path);
      }
    }
  } finally {
    source.unpipe(zip);
    source.destroy();
    zip.destroy();
  }
}

/**
 * The bytes since the last '<' after `chunk`, failing past XLSX_LIMITS.maxTextRun: a reader holds
 * a text or a tag whole, so this bounds what it holds. Gaps inside a chunk shorter than the limit
 * cannot pass it, so small chunks need two searches.
 */
function textRun(chunk: Buffer, before: number, path: string): number {
  const fail = () => {
    throw new UncompressedTooLarge(
      `"${path}" in the workbook has more than ${mb(XLSX_LIMITS.maxTextRun)} MB without markup; no spreadsheet cell holds that much. ${SAVE_AGAIN}`,
    );
  };
  let pos = chunk.indexOf(0x3c);
  if (pos < 0) {
    if (before + chunk.length > XLSX_LIMITS.maxTextRun) fail();
    return before + chunk.length;
  }
  if (before + pos > XLSX_LIMITS.maxTextRun) fail();
  if (chunk.length > XLSX_LIMITS.maxTextRun) {
    for (let next = chunk.indexOf(0x3c, pos + 1); next >= 0; next = chunk.indexOf(0x3c, pos + 1)) {
      if (next - pos - 1 > XLSX_LIMITS.maxTextRun) fail();
      pos = next;
    }
  }
  return chunk.length - 1 - chunk.lastIndexOf(0x3c);
}

/**
 * Checks an XLSX before any reader opens it: a zip, not cut off, and within XLSX_LIMITS once
 * inflated. Throws FileError (UncompressedTooLarge for the limits) with a message for people.
 */
export async function assertReadableZip(files: FileStore, key: string): Promise<void> {
  const size = await files.size(key);
  const head = await readBytes(await files.get(key, { start: 0, end: Math.min(3, size - 1) }));
  if (!looksLikeZip(head)) throw new FileError('This is not an .xlsx workbook (an old .xls or another file renamed?). Save it as .xlsx or CSV.');
  const tail = await readBytes(await files.get(key, { start: Math.max(0, size - 65_557), end: size - 1 }));
  if (!looksCompleteZip(tail)) throw new FileError('The .xlsx file is incomplete or damaged (it may have been cut off while uploading).');
  const parts = await readDirectory(files, key, size, tail);
  checkDeclared(parts);
  await checkInflated(await files.get(key), parts);
}
