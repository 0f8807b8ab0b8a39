/**
 * Characters no text field takes: C0 control characters (NUL first, which PostgreSQL cannot
 * store in text or JSON) and unpaired UTF-16 surrogates (not text at all). Tab, line feed and
 * carriage return are kept in multi-line text (notes) and refused in one-line fields (names).
 */
import type { z } from 'zod';

// Built from strings: a control character written inside a regex literal reads as a mistake.
const SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const MULTI_LINE = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]|${SURROGATE}`);
const ONE_LINE = new RegExp(`[\\u0000-\\u001F]|${SURROGATE}`);

const MULTI_LINE_ALL = new RegExp(MULTI_LINE.source, 'g');

const NAMES: Record<number, string> = { 0: 'a NUL character', 9: 'a tab', 10: 'a line break', 13: 'a line break' };

/** How `text` breaks the rule, as "contains a NUL character (U+0000) at position 4", or null. */
export function invalidCharacter(text: string, opts: { multiLine: boolean }): string | null {
  const m = (opts.multiLine ? MULTI_LINE : ONE_LINE).exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const what = NAMES[code] ?? (code >= 0xd800 ? 'an unpaired surrogate' : 'a control character');
  return `contains ${what} (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${m.index}`;
}

/** `text` with each character multi-line text refuses replaced by U+FFFD, to keep a copy of bad input (a rejected row). */
export const replaceInvalidCharacters = (text: string): string => text.replace(MULTI_LINE_ALL, '\uFFFD');

const refuse = (multiLine: boolean) => (v: string, ctx: z.RefinementCtx) => {
  const problem = invalidCharacter(v, { multiLine });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** A one-line text field: no control characters, tabs or line breaks. */
export const oneLine = <S extends z.ZodString>(schema: S) => schema.superRefine(refuse(false));

/** Multi-line text (notes): tabs and line breaks allowed, other control characters not. */
export const multiLine = <S extends z.ZodString>(schema: S) => schema.superRefine(refuse(true));
