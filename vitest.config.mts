import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Files share one Redis but each uses its own key prefix, so they may run in parallel.
    fileParallelism: true,
  },
});
