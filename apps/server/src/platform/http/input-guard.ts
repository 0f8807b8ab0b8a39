/**
 * Input no route can store, refused once for every route with a coded 400 that names where it
 * was (on /graphql, GraphQL's error formatter gives it GraphQL's shape):
 *  - JSON nested deeper than MAX_JSON_DEPTH (INPUT_TOO_DEEP), found by a scan of the text before
 *    it is parsed, so a body of a million brackets never reaches a recursive parser;
 *  - control characters other than tab, line feed and carriage return, and unpaired surrogates,
 *    anywhere in a parsed body (JSON or a form, keys included), the query string or the path
 *    parameters (INVALID_CHARACTERS). PostgreSQL cannot store a NUL in text or JSON: without this,
 *    each one was a 500 from whichever insert met it first.
 * One-line fields (names, search) also refuse tabs and line breaks, in their zod schemas.
 */
import { invalidCharacter } from '@telehub/shared';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';

/** Levels of objects and arrays in a JSON body; lead metadata, the deepest legitimate input, takes 5. */
export const MAX_JSON_DEPTH = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON `text` nests deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

type Found = { path: string; problem: string };

/**
 * The first string (or object key) in `value` with a character no field takes. Walks without
 * recursion; `value` is parsed input, so its depth is already bounded.
 */
export function findInvalidText(value: unknown, root: string): Found | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: root }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { v, path } = item;
    if (typeof v === 'string') {
      const problem = invalidCharacter(v, { multiLine: true });
      if (problem) return { path, problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]` });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i] as [string, unknown];
        const problem = invalidCharacter(k, { multiLine: true });
        if (problem) return { path, problem: `a key ${problem}` };
        stack.push({ v: x, path: `${path}.${k}` });
      }
    }
  }
  return null;
}

export const InputErrors = {
  INVALID_CHARACTERS: (found: Found) =>
    new AppError('INVALID_CHARACTERS', 'bad_request', `Invalid characters in ${found.path}: ${found.problem}`, [{ path: found.path, message: found.problem }]),
  INPUT_TOO_DEEP: () =>
    new AppError('INPUT_TOO_DEEP', 'bad_request', `The JSON body nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels`, [
      { path: 'body', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
    ]),
};

const guard: FastifyPluginAsync = async (app: FastifyInstance) => {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) return done(InputErrors.INPUT_TOO_DEEP(), undefined);
    parseJson(req, text, done);
  });

  app.addHook('preValidation', async (req) => {
    const found =
      findInvalidText(req.params, 'params') ?? findInvalidText(req.query, 'query') ?? (req.body === undefined ? null : findInvalidText(req.body, 'body'));
    if (found) {
      req.log.warn({ url: req.routeOptions.url, path: found.path, problem: found.problem }, 'request with invalid characters refused');
      throw InputErrors.INVALID_CHARACTERS(found);
    }
  });
};

/** The guard for the whole app: register it before the routes. */
export const inputGuard = fp(guard, { name: 'input-guard' });
