// The CLI launcher's bundle cache (bin/cli-bundle.js): a build is reused while its sources are unchanged,
// rebuilt after an edit (also one that keeps the file size), and a broken source yields no bundle (the
// launcher then falls back to tsx) instead of a stale or half-written one. The real CLI runs bundled.
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBundle, currentBundle, ensureBundle, CACHE_DIR } from '../../bin/cli-bundle.js';

const ROOT = join(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(message: string): string {
  const root = mkdtempSync(join(tmpdir(), 'wb-clibundle-'));
  dirs.push(root);
  mkdirSync(join(root, 'src/cli'), { recursive: true });
  writeFileSync(join(root, 'src/cli/index.ts'), `import { message } from './message';\nconst text: string = message;\nprocess.stdout.write(text);\n`);
  writeFileSync(join(root, 'src/cli/message.ts'), `export const message = '${message}';\n`);
  return root;
}

const runEntry = (entry: string) => spawnSync(process.execPath, [entry], { encoding: 'utf8' }).stdout;

describe('CLI bundle cache', () => {
  it('builds once, reuses the build, and rebuilds after a source edit', async () => {
    const root = project('eins');
    expect(currentBundle(root)).toBeUndefined();
    const first = (await ensureBundle(root)) as string;
    expect(runEntry(first)).toBe('eins');
    expect(currentBundle(root)).toBe(first);
    expect(await ensureBundle(root)).toBe(first);

    // same size, new content and mtime: still detected
    writeFileSync(join(root, 'src/cli/message.ts'), `export const message = 'zwei';\n`);
    utimesSync(join(root, 'src/cli/message.ts'), new Date(), new Date(Date.now() + 5000));
    expect(currentBundle(root)).toBeUndefined();
    const second = (await ensureBundle(root)) as string;
    expect(second).not.toBe(first);
    expect(runEntry(second)).toBe('zwei');
    // the replaced build stays for commands still running from it
    expect(existsSync(first)).toBe(true);
  });

  it('treats a deleted source file as stale', async () => {
    const root = project('eins');
    await buildBundle(root);
    rmSync(join(root, 'src/cli/message.ts'));
    expect(currentBundle(root)).toBeUndefined();
  });

  it('returns no bundle for a source that does not compile, and keeps the last good manifest', async () => {
    const root = project('eins');
    const good = await buildBundle(root);
    const manifest = readFileSync(join(root, CACHE_DIR, 'manifest.json'), 'utf8');
    writeFileSync(join(root, 'src/cli/message.ts'), `export const message = ;\n`);
    const errors: unknown[] = [];
    expect(await ensureBundle(root, { onError: (e: unknown) => errors.push(e) })).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(readFileSync(join(root, CACHE_DIR, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(existsSync(good)).toBe(true);
  });

  it('runs the real CLI from the bundle, and from the sources with WERKBANK_CLI_SOURCE=1', () => {
    for (const env of [{}, { WERKBANK_CLI_SOURCE: '1' }]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/werkbank.js'), '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('werkbank 0.1.0\n');
    }
    expect(currentBundle(ROOT)).toMatch(/werkbank-cli\/b-[^/]+\/index\.js$/);
  });
});
