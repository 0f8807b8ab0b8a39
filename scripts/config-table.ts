/** Prints the configuration table for README.md from the config spec (the single source). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG_SPEC } from '../apps/server/src/config.js';

type Spec = { schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }; description: string; secret?: boolean; live?: string };

export function configTable(): string {
  const lines = ['| variable | default | meaning |', '|---|---|---|'];
  for (const [section, vars] of Object.entries(CONFIG_SPEC)) {
    for (const [name, spec] of Object.entries(vars as Record<string, Spec>)) {
      const parsed = spec.schema.safeParse(undefined);
      const value = parsed.success ? parsed.data : undefined;
      const shown = value === undefined ? 'unset' : `\`${String(value)}\``;
      const live = spec.live ? ' **Also in Settings.**' : '';
      lines.push(`| \`${name}\` | ${shown} | ${spec.description}${spec.secret ? ' *(secret)*' : ''}${live} _(${section})_ |`);
    }
  }
  return lines.join('\n');
}

/** Rewrites the table between the config markers in README.md. */
export function writeReadme(readmePath: string): void {
  const text = readFileSync(readmePath, 'utf8');
  const start = '<!-- config:start -->';
  const end = '<!-- config:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README has no ${start} ... ${end} markers`);
  writeFileSync(readmePath, `${text.slice(0, a + start.length)}\n${configTable()}\n${text.slice(b)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--write')) writeReadme(fileURLToPath(new URL('../README.md', import.meta.url)));
  else console.log(configTable());
}
