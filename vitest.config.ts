import { defineConfig } from 'vitest/config';

/**
 * Two groups, one after the other: the server, web and shared tests three files at a time (most of
 * their time is spent waiting on databases, sockets and timers), then the browser tests one file
 * at a time, as a person at the keyboard would, so that their timings never compete for the CPU.
 */
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    // Passwords are hashed at a small cost in tests (apps/server/src/platform/auth/passwords.ts).
    env: { TELEHUB_TEST_PASSWORD_HASH: 'fast' },
    hookTimeout: 120_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'apps',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
