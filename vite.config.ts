// Vite + Vitest configuration. Unit/integration tests run in Node; browser tests drive headless Chromium.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  server: { host: '127.0.0.1', port: 5173 },
  build: { chunkSizeWarningLimit: 4096, rolldownOptions: { checks: { bundlerTimings: false } } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2
  }
});
