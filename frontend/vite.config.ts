/// <reference types="vitest" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// `npm run dev` serves the console with hot reload and forwards the API to a
// running `relais serve` (RELAIS_URL, default http://127.0.0.1:8080).
const api = process.env.RELAIS_URL ?? 'http://127.0.0.1:8080';
const proxied = ['/graphql', '/auth', '/files', '/establishments'];

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    // `ws`: the live WebSocket (/graphql/live) goes through too.
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, changeOrigin: false, ws: path === '/graphql' }])),
  },
  build: {
    // No inline module preload polyfill: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    manifest: true,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // The shared 2-core machines run the console's tests beside Rust
    // builds: a user-event test of the settings editor can take more than
    // the default 5 s there. A bound against hangs, not a timed assertion.
    testTimeout: 30_000,
  },
});
