// CLI foundation: `werkbank db info|migrate`, usage errors (exit 2), and `werkbank serve`
// listening on loopback only, refusing a public HOST without a token.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer as createNetServer } from 'node:net';
import { freePort, projectRoot } from '../helpers/app';

const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['bin/werkbank.js', ...args], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });

describe('werkbank db', () => {
  it('db migrate then db info --json reports path, schema version and row counts', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'wb-cli-')), 'sub', 'w.duckdb');
    const m = cli(['db', 'migrate', '--json', '--db', db]);
    expect(m.status, m.stderr).toBe(0);
    expect(JSON.parse(m.stdout)).toEqual({ path: db, schemaVersion: 1 });
    const r = cli(['db', 'info', '--json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.path).toBe(db);
    expect(info.schemaVersion).toBe(1);
    for (const t of ['runs', 'results', 'suites', 'targets', 'price_snapshots', 'audit_log', 'probes']) expect(info.tables[t]).toBe(0);
  });

  it('honours WERKBANK_DB when --db is absent', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'wb-cli-')), 'env.duckdb');
    const r = cli(['db', 'migrate', '--json'], { WERKBANK_DB: db });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).path).toBe(db);
  });

  it('exits 2 with a readable message on a bad flag, a missing subcommand and an unknown command', () => {
    const bad = cli(['db', 'info', '--bogus']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--bogus/);
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const noSub = cli(['db']);
    expect(noSub.status).toBe(2);
    expect(noSub.stderr).toMatch(/info \| migrate/);
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unbekannter Befehl/);
  });

  it('--help lists the commands', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/db/);
  });
});

describe('werkbank serve', () => {
  it('refuses a non-loopback HOST without WERKBANK_TOKEN (exit 2)', () => {
    const r = cli(['serve', '--no-build'], { HOST: '0.0.0.0', WERKBANK_TOKEN: '' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/WERKBANK_TOKEN/);
  });

  it('a taken port is a usage error naming it (exit 2), not a crash', async () => {
    const blocker = createNetServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    try {
      const port = (blocker.address() as { port: number }).port;
      const r = cli(['serve', '--no-build', '--port', String(port), '--json'], { HOST: '127.0.0.1' });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`Port ${port} auf 127\\.0\\.0\\.1 ist belegt`));
      expect(r.stderr).not.toMatch(/node:events|EADDRINUSE/);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('--port 0 --json prints one JSON document with the port the system chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-serve-'));
    const child = spawn(process.execPath, ['bin/werkbank.js', 'serve', '--no-build', '--port', '0', '--json'], { cwd: projectRoot, env: { ...process.env, HOST: '127.0.0.1', WERKBANK_DB: join(dir, 'w.duckdb') }, stdio: 'pipe' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      const doc = await new Promise<{ url: string; port: number }>((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no JSON within 30 s: ${out}`)), 30_000);
        child.stdout.on('data', () => {
          try {
            const d = JSON.parse(out) as { url: string; port: number };
            clearTimeout(t);
            res(d);
          } catch {
            /* not complete yet */
          }
        });
      });
      expect(doc.port).toBeGreaterThan(0);
      expect(doc.url).toBe(`http://127.0.0.1:${doc.port}/`);
      expect((await fetch(doc.url)).status).toBe(200);
      expect(out).not.toMatch(/Listening on/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('listens on 127.0.0.1 only by default and answers 200', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'wb-serve-'));
    const env = { ...process.env, PORT: String(port), WERKBANK_DB: join(dir, 'w.duckdb') } as Record<string, string>;
    delete env.HOST;
    const child = spawn(process.execPath, ['bin/werkbank.js', 'serve', '--no-build'], { cwd: projectRoot, env, stdio: 'pipe' });
    let log = '';
    child.stderr.on('data', (d) => (log += d));
    try {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status, () => 0);
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, log).toBe(200);
      const external = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external) {
        const reachable = await new Promise<boolean>((res) => {
          const s = connect({ host: external.address, port }, () => (s.destroy(), res(true)));
          s.on('error', () => res(false));
        });
        expect(reachable).toBe(false);
      }
    } finally {
      child.kill('SIGTERM');
    }
  });
});
