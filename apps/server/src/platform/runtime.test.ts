import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, SERVER_NODE_FLAGS } from './runtime.js';

describe('server node flags', () => {
  it('are missing until the command line or NODE_OPTIONS sets them, whatever their value', () => {
    expect(missingNodeFlags([], '')).toEqual(['--max-semi-space-size=64']);
    expect(missingNodeFlags(['--enable-source-maps'], '--max-old-space-size=4096')).toEqual(['--max-semi-space-size=64']);
    expect(missingNodeFlags(['--max-semi-space-size=32'], '')).toEqual([]);
    expect(missingNodeFlags([], '--enable-source-maps  --max_semi_space_size=128')).toEqual([]);
  });

  it('are flags this Node accepts, and give V8 the larger young generation', () => {
    // Node refuses an unknown V8 flag at start; a semi-space of 64 MB lets new space grow past the default 16 MB ones.
    const grow = `
      const v8 = require('node:v8');
      const keep = [];
      for (let i = 0; i < 400000; i++) keep.push({ i, s: 'x'.repeat(20) });
      const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      console.log(space.space_size);
      keep.length = 0;`;
    const run = (flags: readonly string[]) =>
      spawnSync(process.execPath, [...flags, '-e', grow], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    const tuned = run(SERVER_NODE_FLAGS);
    const plain = run([]);
    expect(tuned.status, tuned.stderr).toBe(0);
    expect(plain.status, plain.stderr).toBe(0);
    expect(Number(tuned.stdout)).toBeGreaterThan(Number(plain.stdout));
  });
});
