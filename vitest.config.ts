import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['./test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file gets its own process: adapters start servers and clients.
    pool: 'forks',
    reporters: ['default', './test/summaryReporter.ts'],
  },
});
