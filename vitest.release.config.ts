import { defineConfig } from 'vitest/config';

// The store packages (`npm run check:packages`): makes them with `wxt zip` into a folder of
// its own and checks what is inside. Run after the build, not with the unit tests (it
// builds three times: Chrome, Firefox, and Firefox again from the sources zip).
export default defineConfig({
  test: {
    include: ['tests/release/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
