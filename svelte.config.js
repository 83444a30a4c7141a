// SvelteKit configuration: adapter-node build served by `werkbank serve`.
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // precompress would brotli the 35 MB duckdb-wasm files (minutes of build time).
    adapter: adapter({ out: 'build', precompress: false }),
    csrf: { trustedOrigins: [] }
  }
};

export default config;
