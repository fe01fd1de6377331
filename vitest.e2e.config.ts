import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium with the built extension. One file at a time, since
// each launches a browser, and generous timeouts for a slow machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits 1 s by default: too little for a loaded 2-core machine, where the
    // frame test's recording once took longer. A limit that only catches what never comes.
    expect: { poll: { timeout: 15_000 } },
    environment: 'node',
  },
});
