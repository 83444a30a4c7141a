// Cross-site form protection (src/lib/server/csrf.ts): the rule of SvelteKit's origin check, answered in
// German. A form from another site must never reach an action; API calls and same-site forms must.
import { describe, expect, it } from 'vitest';
import { CROSS_SITE_MESSAGE, refuseCrossSiteForm } from '../../src/lib/server/csrf';

const url = new URL('http://127.0.0.1:5173/runs?/start');
const req = (method: string, headers: Record<string, string>) => new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : 'a=1' });

describe('refuseCrossSiteForm', () => {
  it('refuses form posts from another origin or without one, with a German 403', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'TEXT/PLAIN;charset=utf-8', 'application/x-sveltekit-formdata']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        for (const origin of ['http://evil.example', 'null', undefined]) {
          const r = refuseCrossSiteForm(req(method, { 'content-type': type, ...(origin ? { origin } : {}) }), url);
          expect(r?.status, `${method} ${type} from ${origin}`).toBe(403);
        }
      }
    }
    const r = refuseCrossSiteForm(req('POST', { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://evil.example' }), url)!;
    expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await r.text()).toBe(CROSS_SITE_MESSAGE);
    expect(CROSS_SITE_MESSAGE).toMatch(/^Formular von einer fremden Seite abgelehnt/);
    const j = refuseCrossSiteForm(req('POST', { 'content-type': 'text/plain', origin: 'http://evil.example', accept: 'application/json' }), url)!;
    expect(j.headers.get('content-type')).toBe('application/json');
    expect(await j.json()).toEqual({ message: CROSS_SITE_MESSAGE });
  });

  it('lets same-origin and trusted forms, safe methods and non-form bodies pass', () => {
    expect(refuseCrossSiteForm(req('POST', { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:5173' }), url)).toBeUndefined();
    expect(refuseCrossSiteForm(req('POST', { 'content-type': 'multipart/form-data', origin: 'https://sso.example' }), url, ['https://sso.example'])).toBeUndefined();
    expect(refuseCrossSiteForm(req('GET', { origin: 'http://evil.example' }), url)).toBeUndefined();
    // a JSON body cannot be sent cross-site without a CORS preflight, which Werkbank never allows
    expect(refuseCrossSiteForm(req('POST', { 'content-type': 'application/json', origin: 'http://evil.example' }), url)).toBeUndefined();
    // another port is another origin
    expect(refuseCrossSiteForm(req('POST', { 'content-type': 'text/plain', origin: 'http://127.0.0.1:5174' }), url)?.status).toBe(403);
  });
});
