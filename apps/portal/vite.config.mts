import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves dist/ on the same origin in production; in dev the proxy gives the same shape.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:4400', changeOrigin: false } },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
