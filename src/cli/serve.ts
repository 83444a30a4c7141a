// `werkbank serve` (= npm start): builds the app when no current build exists, then serves it with
// adapter-node on 127.0.0.1:5173 (HOST/PORT override). Refuses a non-loopback HOST without WERKBANK_TOKEN.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { pathToFileURL } from 'node:url';
import { isLoopbackHost } from '../lib/server/auth';
import { numberFlag, parseFlags, printJson, UsageError, type Command } from './support/cli';

const BUILD_STAMP = '.werkbank-build-stamp';
const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

/** Newest modification time (ms) below the given paths. */
export function newestMtimeMs(root: string, paths: string[]): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(join(root, p));
  return newest;
}

/** Throws a UsageError naming the port when nothing can listen on host:port (taken, or not allowed). */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((res, rej) => {
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'ist belegt (läuft Werkbank schon?)' : err.code === 'EACCES' ? 'ist nicht erlaubt' : `lässt sich nicht öffnen (${err.code ?? err.message})`;
      rej(new UsageError(`Port ${port} auf ${host} ${why}; einen anderen mit --port wählen`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => res()));
  });
}

/** The port the app's HTTP server listens on, once it does. */
function listeningPort(server: Server): Promise<number> {
  const port = () => {
    const a = server.address();
    return typeof a === 'object' && a ? a.port : 0;
  };
  if (server.listening) return Promise.resolve(port());
  return new Promise((res) => server.once('listening', () => res(port())));
}

export function buildIsCurrent(root: string): boolean {
  const stamp = join(root, 'build', BUILD_STAMP);
  if (!existsSync(join(root, 'build', 'index.js')) || !existsSync(stamp)) return false;
  return statSync(stamp).mtimeMs >= newestMtimeMs(root, SOURCES);
}

export const command: Command = {
  name: 'serve',
  summary: 'App starten (baut bei Bedarf, dann http://127.0.0.1:5173)',
  usage: [
    'werkbank serve [--host H] [--port P] [--rebuild] [--no-build] [--db PFAD] [--json]',
    '',
    'Umgebung: HOST (Standard 127.0.0.1), PORT (5173), WERKBANK_DB (data/werkbank.duckdb),',
    'WERKBANK_TOKEN (Pflicht, wenn HOST kein Loopback ist).'
  ].join('\n'),
  async run({ argv, env, io }) {
    const { values, positionals } = parseFlags(argv, {
      host: { type: 'string' },
      port: { type: 'string' },
      rebuild: { type: 'boolean' },
      'no-build': { type: 'boolean' }
    });
    if (positionals.length) throw new UsageError(`unerwartetes Argument: ${positionals[0]}`);
    const host = values.host ?? env.env.HOST ?? '127.0.0.1';
    const port = numberFlag('port', values.port ?? env.env.PORT, { min: 0, max: 65535, integer: true, fallback: 5173 })!;
    if (!isLoopbackHost(host) && !env.env.WERKBANK_TOKEN) {
      throw new UsageError(`HOST=${host} ist von außen erreichbar. Setzen Sie WERKBANK_TOKEN (Zugriff nur mit Token) oder lassen Sie HOST auf 127.0.0.1.`);
    }
    const root = env.cwd;
    if (!values['no-build'] && (values.rebuild || !buildIsCurrent(root))) {
      io.err('Baue die App (einmalig, ca. 10–40 s) …\n');
      const t0 = Date.now();
      const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
      // a production build whatever NODE_ENV the shell has (Vite builds in development flavour otherwise)
      const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
      if (r.status !== 0) {
        io.err('Build fehlgeschlagen.\n');
        return 1;
      }
      writeFileSync(join(root, 'build', BUILD_STAMP), new Date().toISOString());
      io.err(`Build fertig in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
    }
    if (!existsSync(join(root, 'build', 'index.js'))) throw new UsageError('build/index.js fehlt: ohne --no-build starten');
    // adapter-node does not handle a failed listen (an unhandled 'error' event): check the port first
    if (port !== 0) await assertPortFree(host, port);
    // adapter-node reads HOST/PORT from the environment; this CLI edge passes the resolved values on.
    process.env.HOST = host;
    process.env.PORT = String(port);
    if (values.db) process.env.WERKBANK_DB = values.db;
    else process.env.WERKBANK_DB ??= env.dbPath;
    const urlFor = (p: number) => `http://${host.includes(':') ? `[${host}]` : host}:${p}/`;
    const url = urlFor(port);
    // adapter-node assumes https when ORIGIN is unset, so SvelteKit's origin check would refuse every
    // form post (login, run form) over plain http. On loopback the origin is the URL printed below;
    // behind a proxy or on another host name, set ORIGIN yourself.
    if (!process.env.ORIGIN && isLoopbackHost(host) && port !== 0) process.env.ORIGIN = url.slice(0, -1);
    const app = (await import(pathToFileURL(join(root, 'build', 'index.js')).href)) as { server?: { server?: Server } };
    // with --port 0 the system picks the port: report the one in use
    const actual = app.server?.server ? await listeningPort(app.server.server) : port;
    if (values.json) printJson(io, { url: urlFor(actual), host, port: actual, db: process.env.WERKBANK_DB });
    else io.err(`Werkbank läuft auf ${urlFor(actual)}  (Datenbank: ${process.env.WERKBANK_DB})\n`);
    return 0;
  }
};
