#!/usr/bin/env node
/**
 * `npm start` / `npm test` / `npm run bench` on a fresh clone: installs dependencies when they
 * are missing or stale, builds when sources changed, then runs. Uses only Node built-ins so it
 * works before `npm ci`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    process.stderr.write(`\n✗ ${[cmd, ...args].join(' ')} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

function newest(target) {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    max = Math.max(max, newest(path.join(target, entry)));
  }
  return max;
}

function ensureDeps() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && newest(installed) >= newest(lock)) return;
  console.log('› Installing dependencies (npm ci)…');
  run(npm, ['ci', '--no-audit', '--no-fund'], { env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } });
}

const STAMP = path.join(root, 'apps', 'server', 'dist', '.build-stamp');
const SOURCES = [
  'apps/server/src',
  'apps/server/drizzle',
  'packages/shared/src',
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/public',
  'apps/web/vite.config.ts',
];

function ensureBuild() {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
  if (built >= changed && existsSync(path.join(root, 'apps', 'web', 'dist', 'index.html'))) return;
  console.log('› Building server and web app…');
  run(npm, ['run', 'build']);
  writeFileSync(STAMP, new Date().toISOString());
}

function step(title, cmd, args, env) {
  console.log(`\n━━ ${title} ━━`);
  run(cmd, args, env ? { env: { ...process.env, ...env } } : {});
}

/**
 * Independent checks side by side (each compiler is single-threaded); each one's output is
 * printed whole under its title once it ends, and the first failure stops the run after all end.
 */
async function together(steps) {
  const results = await Promise.all(
    steps.map(
      ([title, cmd, args]) =>
        new Promise((resolve) => {
          const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            out += d;
          });
          child.on('close', (code, signal) => resolve({ title, cmd, args, out, code: code ?? (signal ? 1 : 0) }));
        }),
    ),
  );
  for (const r of results) {
    console.log(`\n━━ ${r.title} ━━`);
    if (r.out) process.stdout.write(r.out);
  }
  const failed = results.find((r) => r.code !== 0);
  if (failed) {
    process.stderr.write(`\n✗ ${[failed.cmd, ...failed.args].join(' ')} failed (exit ${failed.code})\n`);
    process.exit(failed.code);
  }
}

const command = process.argv[2];
const rest = process.argv.slice(3);

if (command === 'start') {
  ensureDeps();
  ensureBuild();
  // The server's V8 options (a larger young generation: see apps/server/src/platform/runtime.ts).
  const { SERVER_NODE_FLAGS } = await import(path.join(root, 'apps', 'server', 'dist', 'platform', 'runtime.js'));
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, path.join(root, 'apps', 'server', 'dist', 'main.js'), ...rest], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else if (command === 'test') {
  ensureDeps();
  ensureBuild();
  const bin = (name) => path.join(root, 'node_modules', '.bin', name);
  await together([
    ['lint (biome)', bin('biome'), ['check', '.']],
    ['types (tsc)', bin('tsc'), ['-p', 'tsconfig.check.json']],
    ['types (web)', bin('tsc'), ['-p', 'apps/web', '--noEmit']],
    [
      'module boundaries (dependency-cruiser)',
      bin('depcruise'),
      ['apps/server/src', 'packages/shared/src', 'apps/web/src', '--config', '.dependency-cruiser.cjs'],
    ],
  ]);
  step(`tests (vitest, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'})`, bin('vitest'), ['run', ...rest]);
} else if (command === 'dev') {
  ensureDeps();
  console.log('Run the server with `npx tsx watch --conditions=source apps/server/src/main.ts` and the web app with `npm run dev -w apps/web`.');
} else if (command === 'bench') {
  ensureDeps();
  ensureBuild();
  const which = rest[0] ?? 'search';
  step(`benchmark: ${which}`, process.execPath, ['--conditions=source', '--import', 'tsx', `scripts/bench/${which}.ts`, ...rest.slice(1)]);
} else {
  console.error('usage: node scripts/run.mjs start|test|dev|bench [args]');
  process.exit(64);
}
