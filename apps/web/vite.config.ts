import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const API = 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: {
    // `source` makes @telehub/shared resolve to its TypeScript, so no build step is needed for it.
    conditions: ['source', ...defaultClientConditions],
    // zod without its eval probe, which the Content-Security-Policy would report (see the file).
    alias: [{ find: /^zod$/, replacement: fileURLToPath(new URL('./src/lib/zod.ts', import.meta.url)) }],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/docs': API,
      '/graphql': { target: API, ws: true },
      '/healthz': API,
    },
  },
  // Maps are written for debugging a build, but no bundle points at them ('hidden'); the server
  // serves *.map only outside production or with TELEHUB_SOURCE_MAPS.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: 'hidden', target: 'es2022' },
});
