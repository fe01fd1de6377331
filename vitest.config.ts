import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/unit/setup.ts'],
    environment: 'node',
    // Tests never fail on a time: the limit only catches a hang, even on a loaded machine
    // (a heavy-page test took 5.8 s under a load average of 12).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
