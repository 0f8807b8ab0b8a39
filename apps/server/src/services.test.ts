/**
 * The composition root only assembles: modules declare their own reactions, jobs and schedules
 * in the `register` function of their door. These checks read the source, so a reaction wired
 * here again (a closure handed to a service, a subscription, a schedule) fails the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');
const root = read('./services.ts');
const main = read('./main.ts');

const WIRING: [string, RegExp][] = [
  ['a callback handed to a service (onX: ...)', /\bon[A-Z]\w*\s*[:(]/],
  ['a bus subscription', /\.subscribe\(/],
  ['a schedule', /scheduler\.add\(|\.schedule\(/],
  ['a job handler', /jobs\.register\(|\.job\(/],
  ['an enqueued job', /\.enqueue\(/],
  ['a reaction declared in place', /\bevents\.on\(|\br\.on\(/],
];

describe('the composition root', () => {
  for (const [what, pattern] of WIRING) {
    it(`holds no ${what}`, () => {
      expect(root.match(pattern)?.[0] ?? null).toBeNull();
      expect(main.match(pattern)?.[0] ?? null).toBeNull();
    });
  }

  it('binds nothing late (a `let` to break a cycle between modules)', () => {
    expect(root.match(/^\s*let\s.*/m)?.[0] ?? null).toBeNull();
  });

  it('hands the registrar to the register function of every module that declares one', () => {
    const modules = readdirSync(fileURLToPath(new URL('./modules/', import.meta.url)));
    const declaring = modules.filter((m) => /export function register\(/.test(read(`./modules/${m}/index.ts`)));
    expect(declaring.length).toBeGreaterThan(5);
    for (const m of declaring) expect(root).toMatch(new RegExp(`\\b${m.replace(/-(\w)/g, (_x, c: string) => c.toUpperCase())}Module\\.register\\(\\s*r\\b`));
  });
});
