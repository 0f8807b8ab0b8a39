#!/usr/bin/env node
// Runs the compiled CLI; build first with `npm run build` (npm start does it for you).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('telehub: the server is not built yet; run `npm run build` in the repository first.\n');
  process.exit(1);
}
process.argv[1] = cli;
await import(cli);
