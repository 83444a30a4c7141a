// Access control for non-loopback deployments: WERKBANK_TOKEN as bearer header or login cookie.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';

export const AUTH_COOKIE = 'werkbank_auth';

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Where to go after login: a path on this site, else '/'. Browsers read a backslash like "/" and drop
 * tabs and newlines, so "/" + backslash + "evil.example" or "/<tab>/evil.example" would leave the site:
 * such targets are refused, and the rest is resolved against a placeholder origin and must stay on it.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || /[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  try {
    const u = new URL(next, 'http://werkbank.invalid');
    return u.origin === 'http://werkbank.invalid' ? `${u.pathname}${u.search}${u.hash}` : '/';
  } catch {
    return '/';
  }
}

/** Compare secrets in constant time (via fixed-length hashes). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/** Cookie value derived from the token, so the raw token is never stored in the browser. */
export function cookieValueFor(token: string): string {
  return createHash('sha256').update(`werkbank:${token}`).digest('hex');
}

/** Returns a Response when the request must be refused, else undefined. */
export function checkAuth(event: RequestEvent, token: string | undefined): Response | undefined {
  if (!token) return undefined;
  if (event.url.pathname === '/login') return undefined;
  const header = event.request.headers.get('authorization');
  if (header?.startsWith('Bearer ') && safeEqual(header.slice(7), token)) return undefined;
  const cookie = event.cookies.get(AUTH_COOKIE);
  if (cookie && safeEqual(cookie, cookieValueFor(token))) return undefined;
  const wantsHtml = (event.request.headers.get('accept') ?? '').includes('text/html');
  if (wantsHtml && event.request.method === 'GET') {
    return new Response(null, { status: 303, headers: { location: `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}` } });
  }
  return new Response(JSON.stringify({ error: 'Anmeldung erforderlich (WERKBANK_TOKEN)' }), { status: 401, headers: { 'content-type': 'application/json' } });
}

/**
 * Failed-login limiter: at most `maxFailures` wrong tokens per client address within `windowMs`;
 * further attempts are refused until the window has passed. In memory, per process.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000
  ) {}

  /** Milliseconds until the client may try again; 0 when allowed now. */
  retryAfterMs(client: string, nowMs: number): number {
    const recent = (this.failures.get(client) ?? []).filter((t) => nowMs - t < this.windowMs);
    this.failures.set(client, recent);
    if (recent.length < this.maxFailures) return 0;
    return this.windowMs - (nowMs - recent[0]);
  }

  recordFailure(client: string, nowMs: number): void {
    const list = this.failures.get(client) ?? [];
    list.push(nowMs);
    this.failures.set(client, list);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }
}
