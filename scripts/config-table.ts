/** Prints the configuration table for README.md from the config spec (the single source). */
import { CONFIG_SPEC } from '../apps/server/src/config.js';

type Spec = { schema: { safeParse(v: unknown): { success: boolean; data?: unknown } }; description: string; secret?: boolean };

export function configTable(): string {
  const lines = ['| variable | default | meaning |', '|---|---|---|'];
  for (const [section, vars] of Object.entries(CONFIG_SPEC)) {
    for (const [name, spec] of Object.entries(vars as Record<string, Spec>)) {
      const parsed = spec.schema.safeParse(undefined);
      const value = parsed.success ? parsed.data : undefined;
      const shown = value === undefined ? 'unset' : `\`${String(value)}\``;
      lines.push(`| \`${name}\` | ${shown} | ${spec.description}${spec.secret ? ' *(secret)*' : ''} _(${section})_ |`);
    }
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(configTable());
