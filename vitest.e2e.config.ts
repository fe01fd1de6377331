import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium with the built extension. One file at a time, since
// each launches a browser, and generous timeouts for a slow machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    environment: 'node',
  },
});
