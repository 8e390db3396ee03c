import { defineConfig } from 'vitest/config';

// Runs against a live platform (CLOISTER_PORTAL_URL); kept out of the unit-test glob on purpose.
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'portal-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser at a time: the machine is small and sign-ins share one IdP.
    fileParallelism: false,
  },
});
