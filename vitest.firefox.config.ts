import { defineConfig } from 'vitest/config';

// End-to-end tests in Firefox (Debian's firefox-esr over WebDriver BiDi) with the built
// Firefox extension. One file at a time, since each launches a browser.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.firefox.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 15_000 } },
    environment: 'node',
  },
});
