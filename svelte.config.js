// SvelteKit configuration: adapter-node build served by `werkbank serve`.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // precompress would brotli the 35 MB duckdb-wasm files (minutes of build time).
    adapter: adapter({ out: 'build', precompress: false }),
    // SvelteKit's origin check answers in English before any hook runs; hooks.server.ts applies the
    // same rule with a German answer (src/lib/server/csrf.ts)
    csrf: { trustedOrigins: ['*'] }
  }
};

export default config;
