// Vitest global setup: build the app once per test run so browser tests exercise current code.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup() {
  if (process.env.WERKBANK_SKIP_BUILD === '1') return;
  const root = resolve(import.meta.dirname, '..');
  const t0 = Date.now();
  // NODE_ENV=production as for users: vitest sets NODE_ENV=test, and Vite would then build the app in
  // development flavour (SvelteKit's `dev` true), which is not what `npm start` serves
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  writeFileSync(resolve(root, 'build', '.werkbank-build-stamp'), new Date().toISOString());
  process.stderr.write(`[global-setup] App gebaut in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}
