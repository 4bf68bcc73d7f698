import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * antd's form context (imported by Menu, Tooltip, Input … through ContextIsolator) needs only rc-form's FormProvider,
 * but rc-form's index attaches Field, List and useForm to the Form component, which keeps all of rc-form and its
 * validator (≈15 KB gzipped) in every bundle that shows a menu. Point that one import at the module that defines
 * FormProvider (the index re-exports the very same module, so there is one context). Anything else unchanged.
 */
function antdFormContextOnly(): Plugin {
  return {
    name: 'fuer:antd-form-context-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== '@rc-component/form' || !importer?.replaceAll('\\', '/').endsWith('/antd/es/form/context.js')) return null;
      return (await this.resolve('@rc-component/form/es/FormContext.js', importer, { skipSelf: true })) ?? null;
    },
  };
}

// The web front end is built into dist/web (or FUER_WEB_DIST), which `fuer serve` serves with a fallback to index.html.
export default defineConfig({
  root: webRoot,
  plugins: [react(), antdFormContextOnly()],
  build: {
    outDir: process.env.FUER_WEB_DIST ?? fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // .vite/manifest.json: which chunks each page loads (web/scripts/bundle-size.ts reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        // The libraries the frame loads up front go into two chunks instead of ten: react (unchanged between
        // deployments, so it stays cached) and shell-vendor. Pages keep the automatic splitting. '$initial' = imported
        // statically from the entry; a module captured so brings its own imports along, even one only a page uses
        // (antd's ColorPresets, needed by Button's style, brings Collapse: ≈4 KB). `npm run bench -- bundle` shows it.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, tags: ['$initial'], priority: 2 },
            { name: 'shell-vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    // `fuer serve` on its default address; FUER_API_URL points the dev server at another one.
    proxy: {
      '/api': process.env.FUER_API_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
