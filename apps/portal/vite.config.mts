import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { domainSourceAlias } from './domain-source.mts';

// The API serves dist/ on the same origin in production; in dev and preview the proxy gives
// the same shape. CLOISTER_API_PROXY_TARGET lets a second stack run beside the default one.
const apiTarget = process.env['CLOISTER_API_PROXY_TARGET'] ?? 'http://127.0.0.1:4400';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: { alias: domainSourceAlias },
  server: { proxy: { '/api': { target: apiTarget } } },
  preview: { proxy: { '/api': { target: apiTarget } } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Libraries change far less often than app code: separate chunks stay cached across deploys.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'fluent', test: /node_modules[\\/]@(fluentui|griffel|floating-ui)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
});
