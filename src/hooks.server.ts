// Server edge: reads the environment once, initialises the server context and the DuckDB store,
// and enforces the token when the app listens beyond loopback.
import type { Handle, ServerInit } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { setServerConfig, getStore, getServerConfig } from '$lib/server/context';
import { isLoopbackHost, checkAuth } from '$lib/server/auth';
import { pathsFromEnv } from '$lib/server/config/paths';
import { refuseCrossSiteForm } from '$lib/server/csrf';
import { stopAllBackgroundRuns } from '$lib/server/runner/background';
import { useGermanZodMessages } from '$lib/core/zod-messages';

useGermanZodMessages();

export const init: ServerInit = async () => {
  const rootDir = process.cwd();
  // adapter-node would listen on 0.0.0.0 without HOST; it reads HOST after this hook has run (the
  // handler module awaits init before the server starts), so the default becomes loopback here
  if (process.env.HOST === undefined || process.env.HOST === '') process.env.HOST = '127.0.0.1';
  const host = env.HOST || '127.0.0.1';
  setServerConfig({
    rootDir,
    ...pathsFromEnv(rootDir, env),
    host,
    port: Number(env.PORT ?? 5173),
    token: env.WERKBANK_TOKEN || undefined,
    env: { ...env }
  });
  if (!isLoopbackHost(host) && !env.WERKBANK_TOKEN) {
    throw new Error(`HOST=${host} ist nicht Loopback: Werkbank startet dann nur mit WERKBANK_TOKEN.`);
  }
  await getStore();
  // A server that is asked to stop stops its background runs first: each ends 'gestoppt' with what
  // has arrived stored, and can be resumed later (without this a run went on until it was done, or
  // until a process manager killed the server and left it 'running'). adapter-node's own handlers
  // then close the server once the progress streams have sent their end event. Where nothing else
  // handles the signal (`vite dev` has no SIGINT handler), its default action follows, as if this
  // listener did not exist. Registered once per process (init runs again when the hooks reload).
  const registered = Symbol.for('werkbank.shutdownHandlers');
  const flags = globalThis as Record<symbol, unknown>;
  if (!flags[registered]) {
    flags[registered] = true;
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.once(sig, () => {
        const n = stopAllBackgroundRuns('Server wird beendet');
        if (n) console.error(`werkbank: ${sig}: ${n} laufende(r) Lauf/Läufe gestoppt; fortsetzen auf der Seite des Laufs`);
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      });
    }
  }
};

export const handle: Handle = async ({ event, resolve }) => {
  // first, like SvelteKit's own origin check that it replaces (svelte.config.js), but in German
  const crossSite = refuseCrossSiteForm(event.request, event.url);
  if (crossSite) return crossSite;
  const denied = checkAuth(event, getServerConfig().token);
  if (denied) return denied;
  event.locals.authenticated = true;
  return germanMethodNotAllowed(await resolve(event));
};

/**
 * SvelteKit answers a method an endpoint does not export with the plain text "DELETE method not
 * allowed"; the UI and its API speak German, so that one text is replaced (status and Allow stay).
 */
async function germanMethodNotAllowed(response: Response): Promise<Response> {
  // (SvelteKit's text() sends it without a content type; pages answer 405 with their HTML error page)
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 405 || (type !== '' && !type.startsWith('text/plain'))) return response;
  const m = /^([A-Z]+) method not allowed$/.exec((await response.clone().text()).trim());
  if (!m) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.set('content-type', 'text/plain; charset=utf-8');
  const allow = response.headers.get('allow');
  return new Response(`Methode ${m[1]} ist hier nicht erlaubt${allow ? ` (erlaubt: ${allow})` : ''}.`, { status: 405, headers });
}
