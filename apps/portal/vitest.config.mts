import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';
import { domainSourceAlias } from './domain-source.mts';

// Component tests run in jsdom; the e2e spec has its own config (vitest.e2e.config.mts).
export default defineProject({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { alias: domainSourceAlias },
  test: {
    name: 'portal',
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    setupFiles: ['./src/test/setup.ts'],
    testTimeout: 30_000,
  },
});
