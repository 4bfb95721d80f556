import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Files share one Redis but each uses its own key prefix, so they may run in parallel.
    fileParallelism: true,
    // Test files share a worker's module cache: each file importing the whole bot afresh spent more
    // time importing than testing (620 s instead of 280 s on two cores). Nothing in the suite mocks
    // modules, fakes timers or changes process.env, and each file starts its own harness and prefix.
    isolate: false,
    // The bot and worker processes tests start run from one bundle of this run (test/support/app-bundle.ts).
    globalSetup: ['test/support/app-bundle-global-setup.ts'],
  },
});
