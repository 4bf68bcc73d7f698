import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

// The web front end is built into dist/web (or FUER_WEB_DIST), which `fuer serve` serves with a fallback to index.html.
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: process.env.FUER_WEB_DIST ?? fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `fuer serve` on its default address; FUER_API_URL points the dev server at another one.
    proxy: {
      '/api': process.env.FUER_API_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
