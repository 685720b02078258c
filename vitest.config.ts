import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll waits for the window to catch up: on a busy two-core machine a save and its
    // refresh can take longer than the 1 s default, which made walks fail that were right.
    expect: { poll: { timeout: 10_000 } },
  },
});
