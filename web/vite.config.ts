/**
 * The web application's build (`npm run web:build`, through scripts/web-build.ts) and dev server
 * (`npm run dev`). Output: web/dist, content-hashed files under /assets/ (served immutably by
 * src/app/web.routes.ts), a manifest (.vite/manifest.json) the first-load budget reads.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  // Vite's cache beside the others, not a node_modules folder inside web/.
  cacheDir: fileURLToPath(new URL('../node_modules/.vite/web', import.meta.url)),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    manifest: true,
    target: 'es2022',
    // The budget that counts is the portal's first load, gzip (scripts/web-first-load.ts), not a chunk's size.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    // the platform (`npm run demo` or `npm start`) answers the API; the dev server only the UI
    proxy: { '/api': { target: process.env.XINYONG_DEV_API ?? 'http://localhost:3000' } },
  },
});
