/** Reads a multipart form: the one file named `file` (handed to `onFile` as it streams) and the text fields. */
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import { AppError } from '../errors.js';

export async function readUploadForm<T>(
  parts: AsyncIterableIterator<MultipartFile | MultipartValue>,
  onFile: (f: MultipartFile) => Promise<T>,
): Promise<{ result: T; fields: Record<string, string> }> {
  const fields: Record<string, string> = {};
  let result: T | undefined;
  let seen = false;
  for await (const part of parts) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || seen) {
        part.file.resume();
        continue;
      }
      seen = true;
      result = await onFile(part);
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  if (!seen) throw new AppError('UPLOAD_FILE_MISSING', 'bad_request', 'file: attach the CSV or XLSX file in a form field named "file"');
  return { result: result as T, fields };
}
