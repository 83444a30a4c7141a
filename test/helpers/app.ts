// Test helper: start the built app (adapter-node output in build/) on a free loopback port with a
// temporary database, and stop it again. The build itself is made once by test/global-setup.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';

export const projectRoot = resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export interface RunningApp {
  url: string;
  port: number;
  dbPath: string;
  dataDir: string;
  logs: () => string;
  /** SIGTERM (graceful; SIGKILL after 5 s). */
  stop: () => Promise<void>;
  /** SIGKILL at once: a crash, or a process manager that does not wait. */
  kill: () => Promise<void>;
}

/** Start `node build` with HOST=127.0.0.1 and a temp data dir; resolves when it answers HTTP. */
export async function startApp(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningApp> {
  if (!existsSync(join(projectRoot, 'build', 'index.js'))) throw new Error('build/ fehlt: test/global-setup.ts baut die App');
  const port = await freePort();
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'werkbank-e2e-'));
  const dbPath = join(dataDir, 'werkbank.duckdb');
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['build/index.js'], {
    cwd: projectRoot,
    // ORIGIN as `werkbank serve` sets it on loopback: adapter-node would otherwise assume https and
    // SvelteKit's origin check would refuse form posts over http.
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), WERKBANK_DATA_DIR: dataDir, WERKBANK_DB: dbPath, ORIGIN: `http://127.0.0.1:${port}`, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`App beendet (Code ${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(url + '/', { redirect: 'manual' });
      if (r.status < 500) break;
    } catch {
      /* not yet listening */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`App antwortet nicht nach 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    dbPath,
    dataDir,
    logs: () => output,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
    kill: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGKILL');
      })
  };
}
